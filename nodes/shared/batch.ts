export interface BatchOptions<T, R> {
	/** Records per batch; required because only the node knows the platform's maximum. */
	readonly maxSize: number;
	/**
	 * Batches written or waiting for acknowledgement at the same time.
	 * @default 1
	 */
	readonly concurrency?: number;
	/** Writes one batch; `index` counts batches from 0. */
	readonly write: (batch: T[], index: number) => Promise<R>;
	/**
	 * Acknowledges a written batch, strictly in batch order and never past a failed one: advance the
	 * suppression ledger or cursor here, so a checkpoint never runs ahead of what was written.
	 */
	readonly onDrained?: (batch: T[], result: R, index: number) => void | Promise<void>;
}

interface Written<T, R> {
	batch: T[];
	result: R;
}

/**
 * Cuts `source` into batches of `maxSize` (the last one may be smaller) and hands them to
 * `write`, at most `concurrency` at a time; resolves with the results in batch order. Reading
 * pauses while all slots are busy, so at most `concurrency` + 1 batches are held in memory whatever
 * the input size. On the first failure of `write`, `onDrained` or the source, no new batch
 * starts; the returned promise rejects with that error once the batches already running have
 * settled.
 */
export async function drainInBatches<T, R>(
	source: Iterable<T> | AsyncIterable<T>,
	options: BatchOptions<T, R>,
): Promise<R[]> {
	const { maxSize, onDrained } = options;
	const writeBatch = options.write;
	const concurrency = options.concurrency ?? 1;
	validateOptions(maxSize, concurrency, writeBatch, onDrained);

	const results: R[] = [];
	const written = new Map<number, Written<T, R>>();
	const running = new Set<Promise<void>>();
	let failure: { error: unknown } | undefined;
	let nextIndex = 0;
	let nextToAcknowledge = 0;

	const fail = (error: unknown): void => {
		failure ??= { error };
	};

	// Acknowledges the written batches that are next in line. A failed batch is never written and a
	// failed acknowledgement never advances `nextToAcknowledge`, so nothing behind a failure is
	// acknowledged. Only one call loops at a time: it takes its entry out before awaiting
	// `onDrained`, so a concurrent call finds nothing to do and this one picks up the next batch.
	const acknowledgeReady = async (): Promise<void> => {
		for (
			let entry = written.get(nextToAcknowledge);
			entry !== undefined;
			entry = written.get(nextToAcknowledge)
		) {
			const index = nextToAcknowledge;
			written.delete(index);
			try {
				if (onDrained !== undefined) await onDrained(entry.batch, entry.result, index);
			} catch (error) {
				// kept, not thrown: the batches still running must settle before the caller sees it
				fail(error);
				return;
			}
			results.push(entry.result);
			nextToAcknowledge = index + 1;
		}
	};

	const run = async (items: T[], index: number): Promise<void> => {
		try {
			const result = await writeBatch(items, index);
			written.set(index, { batch: items, result });
		} catch (error) {
			// kept, not thrown: the batches still running must settle before the caller sees it
			fail(error);
			return;
		}
		await acknowledgeReady();
	};

	const launch = async (items: T[]): Promise<boolean> => {
		// a written batch keeps its slot until it is acknowledged: when an early batch is slow, later
		// ones would otherwise pile up in memory waiting for their turn
		while (failure === undefined && nextIndex - nextToAcknowledge >= concurrency) {
			await Promise.race(running);
		}
		if (failure !== undefined) return false;
		const task = run(items, nextIndex);
		nextIndex += 1;
		running.add(task);
		void task.then(() => running.delete(task));
		return true;
	};

	let batch: T[] = [];
	// whether to keep reading; checked per item so that a failure stops the reading at once
	const take = async (item: T): Promise<boolean> => {
		if (failure !== undefined) return false;
		batch.push(item);
		if (batch.length < maxSize) return true;
		const full = batch;
		batch = [];
		return await launch(full);
	};

	try {
		if (isAsyncIterable(source)) {
			for await (const item of source) if (!(await take(item))) break;
		} else {
			for (const item of source) if (!(await take(item))) break;
		}
		if (batch.length > 0 && failure === undefined) await launch(batch);
	} catch (error) {
		// a failing source is a failure like any other: let the running batches settle first
		fail(error);
	}

	await Promise.all(running);
	if (failure !== undefined) throw failure.error;
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

function validateOptions(
	maxSize: unknown,
	concurrency: unknown,
	writeBatch: unknown,
	onDrained: unknown,
): void {
	if (typeof maxSize !== 'number' || !Number.isInteger(maxSize) || maxSize < 1) {
		throw new TypeError(
			`Expected \`maxSize\` to be a positive integer, got ${formatValue(maxSize)}.`,
		);
	}
	if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1) {
		throw new TypeError(
			`Expected \`concurrency\` to be a positive integer, got ${formatValue(concurrency)}.`,
		);
	}
	if (typeof writeBatch !== 'function') {
		throw new TypeError(`Expected \`write\` to be a function, got ${formatValue(writeBatch)}.`);
	}
	if (onDrained !== undefined && typeof onDrained !== 'function') {
		throw new TypeError(`Expected \`onDrained\` to be a function, got ${formatValue(onDrained)}.`);
	}
}

function isAsyncIterable<T>(source: Iterable<T> | AsyncIterable<T>): source is AsyncIterable<T> {
	return typeof (source as Partial<AsyncIterable<T>>)[Symbol.asyncIterator] === 'function';
}

function formatValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' && value !== null ? 'an object' : String(value);
}
