import { formatValue } from './values';

export interface BatchOptions<T, R> {
	/** Records per batch; required because only the node knows the platform's maximum. */
	readonly maxSize: number;
	/** Writes one batch; `index` counts batches from 0. */
	readonly write: (batch: T[], index: number) => Promise<R>;
	/**
	 * Acknowledges a written batch, in batch order and never past a failed one: advance the
	 * suppression ledger or cursor here, so a checkpoint never runs ahead of what was written.
	 */
	readonly onDrained?: (batch: T[], result: R, index: number) => void | Promise<void>;
	/**
	 * Items with different keys never share a batch: each key fills batches of its own, a full one is
	 * written at once, and the partial ones are written at the end, in the order they were started.
	 * As many batches are held as there are keys. @default every item in one group
	 */
	readonly groupBy?: (item: T) => string;
}

/**
 * Cuts `source` into batches of `maxSize` (the last one may be smaller), writes them one at a time
 * and acknowledges each written batch before the next one starts; resolves with the results in
 * batch order. Reading pauses while a batch is written, so one batch is held in memory whatever the
 * input size. The first failure of `write`, `onDrained` or the source ends the run with that error:
 * nothing after it is written or acknowledged.
 */
export async function drainInBatches<T, R>(
	source: Iterable<T> | AsyncIterable<T>,
	options: BatchOptions<T, R>,
): Promise<R[]> {
	const { maxSize, write, onDrained, groupBy } = options;
	validateOptions(maxSize, write, onDrained, groupBy);
	const results: R[] = [];
	const drain = async (batch: T[]): Promise<void> => {
		const index = results.length;
		const result = await write(batch, index);
		if (onDrained !== undefined) await onDrained(batch, result, index);
		results.push(result);
	};
	// the open batch of each key, in the order the batches were started
	const open = new Map<string, T[]>();
	for await (const item of source) {
		const key = groupBy === undefined ? '' : groupBy(item);
		let batch = open.get(key);
		if (batch === undefined) {
			batch = [];
			open.set(key, batch);
		}
		batch.push(item);
		if (batch.length < maxSize) continue;
		open.delete(key);
		await drain(batch);
	}
	for (const batch of open.values()) await drain(batch);
	return results;
}

/** Splits `items` into arrays of `size` items; the last one holds the rest. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) {
		throw new TypeError(`Expected \`size\` to be a positive integer, got ${formatValue(size)}.`);
	}
	const chunks: T[][] = [];
	for (let start = 0; start < items.length; start += size) {
		chunks.push(items.slice(start, start + size));
	}
	return chunks;
}

function validateOptions(maxSize: unknown, write: unknown, onDrained: unknown, groupBy: unknown): void {
	if (groupBy !== undefined && typeof groupBy !== 'function') {
		throw new TypeError(`Expected \`groupBy\` to be a function, got ${formatValue(groupBy)}.`);
	}
	if (typeof maxSize !== 'number' || !Number.isInteger(maxSize) || maxSize < 1) {
		throw new TypeError(`Expected \`maxSize\` to be a positive integer, got ${formatValue(maxSize)}.`);
	}
	if (typeof write !== 'function') {
		throw new TypeError(`Expected \`write\` to be a function, got ${formatValue(write)}.`);
	}
	if (onDrained !== undefined && typeof onDrained !== 'function') {
		throw new TypeError(`Expected \`onDrained\` to be a function, got ${formatValue(onDrained)}.`);
	}
}
