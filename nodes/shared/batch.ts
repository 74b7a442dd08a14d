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
	/**
	 * Reads the next batch while one is written: once `write` has started, waits for `readAhead`
	 * (e.g. n8n's `sleep(0)`, which lets the request go out) and then reads until the next batch is
	 * full, so preparing it overlaps the platform's answer. Two batches are held then; writes and
	 * acknowledgements keep their order. @default reading waits for the write
	 */
	readonly readAhead?: () => Promise<void>;
}

/**
 * Cuts `source` into batches of `maxSize` (the last one may be smaller), writes them one at a time
 * and acknowledges each written batch before the next one starts; resolves with the results in
 * batch order. Reading pauses while a batch is written (or, with `readAhead`, once the next batch is
 * full), so one batch (two) is held in memory whatever the input size. The first failure of
 * `write`, `onDrained` or the source ends the run with that error: nothing after it is written or
 * acknowledged.
 */
export async function drainInBatches<T, R>(
	source: Iterable<T> | AsyncIterable<T>,
	options: BatchOptions<T, R>,
): Promise<R[]> {
	const { maxSize, write, onDrained, groupBy, readAhead } = options;
	validateOptions(maxSize, write, onDrained, groupBy, readAhead);
	const reader = new BatchReader(source, maxSize, groupBy);
	const results: R[] = [];
	try {
		await reader.fill();
		for (let batch = reader.take(); batch !== undefined; batch = reader.take()) {
			const index = results.length;
			const writing = write(batch, index);
			// read on while the platform answers; a failed read surfaces once the write has settled
			const reading = readAhead === undefined ? undefined : settle(readAhead().then(async () => await reader.fill()));
			const result = await settleAfter(writing, reading);
			if (onDrained !== undefined) await onDrained(batch, result, index);
			results.push(result);
			const read = await (reading ?? settle(reader.fill()));
			if (!read.ok) throw read.error;
		}
	} finally {
		await reader.close();
	}
	return results;
}

type Settled = { ok: true } | { ok: false; error: unknown };

async function settle(promise: Promise<void>): Promise<Settled> {
	try {
		await promise;
		return { ok: true };
	} catch (error) {
		return { ok: false, error };
	}
}

/** The write's result; when it fails, the read running beside it is waited for first. */
async function settleAfter<R>(writing: Promise<R>, reading: Promise<Settled> | undefined): Promise<R> {
	let written = false;
	try {
		const result = await writing;
		written = true;
		return result;
	} finally {
		if (!written) await reading;
	}
}

/** Reads items into the open batch of their key and hands out full batches in the order they filled. */
class BatchReader<T> {
	private readonly iterator: Iterator<T> | AsyncIterator<T>;
	private readonly isAsync: boolean;
	// the open batch of each key, in the order the batches were started
	private readonly open = new Map<string, T[]>();
	private readonly full: T[][] = [];
	private done = false;

	constructor(
		source: Iterable<T> | AsyncIterable<T>,
		private readonly maxSize: number,
		private readonly groupBy: ((item: T) => string) | undefined,
	) {
		this.isAsync = Symbol.asyncIterator in source;
		this.iterator = this.isAsync ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
	}

	/** Reads until a batch is full or the source has ended (then every open batch is full). */
	async fill(): Promise<void> {
		while (this.full.length === 0 && !this.done) {
			const next = this.isAsync ? await this.iterator.next() : (this.iterator.next() as IteratorResult<T>);
			if (next.done === true) {
				this.done = true;
				for (const batch of this.open.values()) this.full.push(batch);
				this.open.clear();
			} else {
				this.add(next.value);
			}
		}
	}

	take(): T[] | undefined {
		return this.full.shift();
	}

	/** Lets the source go when the run stops before its end (a failure). */
	async close(): Promise<void> {
		if (!this.done) await this.iterator.return?.();
	}

	private add(item: T): void {
		const key = this.groupBy === undefined ? '' : this.groupBy(item);
		let batch = this.open.get(key);
		if (batch === undefined) {
			batch = [];
			this.open.set(key, batch);
		}
		batch.push(item);
		if (batch.length < this.maxSize) return;
		this.open.delete(key);
		this.full.push(batch);
	}
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

function validateOptions(maxSize: unknown, write: unknown, onDrained: unknown, groupBy: unknown, readAhead: unknown): void {
	if (readAhead !== undefined && typeof readAhead !== 'function') {
		throw new TypeError(`Expected \`readAhead\` to be a function, got ${formatValue(readAhead)}.`);
	}
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
