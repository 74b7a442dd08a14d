import { chunk, drainInBatches, type BatchOptions } from '../../../nodes/shared/batch';

interface Deferred<T> {
	promise: Promise<T>;
	resolve: (value: T) => void;
	reject: (error: Error) => void;
}

function defer<T>(): Deferred<T> {
	let resolve!: (value: T) => void;
	let reject!: (error: Error) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

// Gives queued promise callbacks a hundred turns to run; no time passes (timers are not allowed).
async function settle(): Promise<void> {
	for (let turn = 0; turn < 100; turn++) await Promise.resolve();
}

function range(count: number): number[] {
	return Array.from({ length: count }, (_, i) => i + 1);
}

async function* readAll<T>(items: readonly T[], log: string[] = []): AsyncGenerator<T> {
	for (const item of items) {
		log.push(`read ${String(item)}`);
		yield item;
	}
}

const sum = async (batch: number[]): Promise<number> => batch.reduce((a, b) => a + b, 0);

describe('drainInBatches', () => {
	it('cuts the input into batches of maxSize', async () => {
		const batches: number[][] = [];
		await drainInBatches(range(6), { maxSize: 3, write: async (batch) => batches.push(batch) });
		expect(batches).toEqual([
			[1, 2, 3],
			[4, 5, 6],
		]);
	});

	it('flushes the remainder at the end of the input', async () => {
		const batches: number[][] = [];
		await drainInBatches(range(5), { maxSize: 2, write: async (batch) => batches.push(batch) });
		expect(batches).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('keeps items of different groups apart and writes a group\'s batch once it is full', async () => {
		const log: string[] = [];
		const items = ['a1', 'b1', 'a2', 'a3', 'b2', 'c1', 'a4', 'b3', 'a5'];
		await drainInBatches(readAll(items, log), {
			maxSize: 2,
			groupBy: (item) => item[0],
			write: async (batch) => log.push(`write ${batch.join(',')}`),
		});

		expect(log).toEqual([
			'read a1',
			'read b1',
			'read a2',
			'write a1,a2',
			'read a3',
			'read b2',
			'write b1,b2',
			'read c1',
			'read a4',
			'write a3,a4',
			'read b3',
			'read a5',
			'write c1',
			'write b3',
			'write a5',
		]);
	});

	it('writes as many batches per group as the group needs, whatever the order of the items', async () => {
		const batches: number[][] = [];
		const items = range(25).map((n) => (n % 3 === 0 ? -n : n));
		await drainInBatches(items, { maxSize: 4, groupBy: (n) => (n < 0 ? 'negative' : 'positive'), write: async (batch) => batches.push(batch) });

		expect(batches.filter((batch) => batch[0] < 0).map((batch) => batch.length)).toEqual([4, 4]);
		expect(batches.filter((batch) => batch[0] > 0).map((batch) => batch.length)).toEqual([4, 4, 4, 4, 1]);
		expect(batches.flat().sort((a, b) => a - b)).toEqual(items.sort((a, b) => a - b));
	});

	it('hands a full batch over before reading further input', async () => {
		const log: string[] = [];
		await drainInBatches(readAll(range(3), log), {
			maxSize: 2,
			write: async (batch) => log.push(`write ${batch.join(',')}`),
		});
		expect(log).toEqual(['read 1', 'read 2', 'write 1,2', 'read 3', 'write 3']);
	});

	it('resolves with the results in batch order', async () => {
		const results = await drainInBatches(range(7), { maxSize: 3, write: sum });
		expect(results).toEqual([6, 15, 7]);
	});

	it('passes the batch index, counted from 0', async () => {
		const indexes: number[] = [];
		await drainInBatches(range(5), {
			maxSize: 2,
			write: async (_, index) => indexes.push(index),
		});
		expect(indexes).toEqual([0, 1, 2]);
	});

	it('processes nothing for an empty input', async () => {
		const write = jest.fn(sum);
		const results = await drainInBatches([], { maxSize: 2, write: write });
		expect([results, write.mock.calls.length]).toEqual([[], 0]);
	});

	it('passes each batch and its result to onDrained', async () => {
		const drained: Array<[number[], number]> = [];
		await drainInBatches(range(3), {
			maxSize: 2,
			write: sum,
			onDrained: (batch, result) => {
				drained.push([batch, result]);
			},
		});
		expect(drained).toEqual([
			[[1, 2], 3],
			[[3], 3],
		]);
	});

	it('waits for an asynchronous onDrained before acknowledging the next batch', async () => {
		const log: string[] = [];
		await drainInBatches(range(4), {
			maxSize: 2,
			write: sum,
			onDrained: async (_, __, index) => {
				log.push(`start ${index}`);
				await Promise.resolve();
				log.push(`end ${index}`);
			},
		});
		expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
	});

	it('resolves only after the last acknowledgement has finished', async () => {
		const log: string[] = [];
		await drainInBatches(range(4), {
			maxSize: 2,
			write: sum,
			onDrained: async (_, __, index) => {
				await settle();
				log.push(`acknowledged ${index}`);
			},
		});
		expect(log).toEqual(['acknowledged 0', 'acknowledged 1']);
	});

	it('rejects with the error of the first failing batch', async () => {
		const options: BatchOptions<number, number> = {
			maxSize: 2,
			write: async (batch, index) => {
				if (index === 1) throw new Error('batch 1 was rejected');
				return sum(batch);
			},
		};
		await expect(drainInBatches(range(6), options)).rejects.toThrow('batch 1 was rejected');
	});

	it('does not acknowledge a failed batch or any batch after it', async () => {
		const written: number[] = [];
		const drained: number[] = [];
		const done = drainInBatches(range(6), {
			maxSize: 2,
			write: async (batch, index) => {
				await settle();
				if (index === 1) throw new Error('batch 1 was rejected');
				written.push(index);
				return sum(batch);
			},
			onDrained: (_, __, index) => {
				drained.push(index);
			},
		});
		await expect(done).rejects.toThrow('batch 1 was rejected');
		expect([written, drained]).toEqual([[0], [0]]);
	});

	it('starts no new batch after the first failure', async () => {
		const started: number[] = [];
		const done = drainInBatches(range(20), {
			maxSize: 2,
			write: async (_, index) => {
				started.push(index);
				if (index === 1) throw new Error('batch 1 was rejected');
			},
		});
		await expect(done).rejects.toThrow('batch 1 was rejected');
		expect(started).toEqual([0, 1]);
	});

	it('stops reading the input at the first failure, not when the next batch is full', async () => {
		async function* readSlowly(log: string[]): AsyncGenerator<number> {
			for (const item of range(20)) {
				await settle();
				log.push(`read ${item}`);
				yield item;
			}
		}
		const log: string[] = [];
		const done = drainInBatches(readSlowly(log), {
			maxSize: 3,
			write: async (_, index) => {
				if (index === 0) throw new Error('batch 0 was rejected');
			},
		});
		await expect(done).rejects.toThrow('batch 0 was rejected');
		// reading waits for the write of the first batch, which fails
		expect(log).toEqual(['read 1', 'read 2', 'read 3']);
	});

	it('does not acknowledge any batch after a failed acknowledgement', async () => {
		const drained: number[] = [];
		const done = drainInBatches(range(4), {
			maxSize: 2,
			write: async (batch) => {
				await settle();
				return sum(batch);
			},
			onDrained: (_, __, index) => {
				drained.push(index);
				if (index === 0) throw new Error('the ledger could not be saved');
			},
		});
		await expect(done).rejects.toThrow('the ledger could not be saved');
		expect(drained).toEqual([0]);
	});

	it('stops when onDrained fails and rejects with its error', async () => {
		const write = jest.fn(sum);
		const done = drainInBatches(range(6), {
			maxSize: 2,
			write: write,
			onDrained: () => {
				throw new Error('the ledger could not be saved');
			},
		});
		await expect(done).rejects.toThrow('the ledger could not be saved');
		expect(write.mock.calls.length).toBe(1);
	});

	it('acknowledges the batches read before a failing source, then rejects with its error', async () => {
		async function* brokenExport(): AsyncGenerator<number> {
			yield* [1, 2, 3];
			throw new Error('the export ended early');
		}
		const drained: number[] = [];
		const done = drainInBatches(brokenExport(), {
			maxSize: 2,
			write: sum,
			onDrained: (_, __, index) => {
				drained.push(index);
			},
		});
		await expect(done).rejects.toThrow('the export ended early');
		expect(drained).toEqual([0]);
	});

	it.each([
		[{ maxSize: 0 }, 'Expected `maxSize` to be a positive integer, got 0.'],
		[{ maxSize: -1 }, 'Expected `maxSize` to be a positive integer, got -1.'],
		[{ maxSize: 2.5 }, 'Expected `maxSize` to be a positive integer, got 2.5.'],
		[{ maxSize: '100' }, 'Expected `maxSize` to be a positive integer, got "100".'],
		[{ maxSize: undefined }, 'Expected `maxSize` to be a positive integer, got undefined.'],
		[{ write: undefined }, 'Expected `write` to be a function, got undefined.'],
		[{ onDrained: 'save' }, 'Expected `onDrained` to be a function, got "save".'],
		[{ groupBy: 'permission' }, 'Expected `groupBy` to be a function, got "permission".'],
		[{ readAhead: true }, 'Expected `readAhead` to be a function, got true.'],
	])('rejects the options %p', async (overrides, message) => {
		const options = { maxSize: 2, write: sum, ...overrides } as unknown as BatchOptions<
			number,
			number
		>;
		await expect(drainInBatches(range(4), options)).rejects.toThrow(message);
	});
});

describe('drainInBatches with readAhead', () => {
	it('reads the next batch while a batch is written, and no further', async () => {
		const log: string[] = [];
		const writes = [defer<void>(), defer<void>(), defer<void>()];
		const done = drainInBatches(readAll(range(5), log), {
			maxSize: 2,
			readAhead: async () => {
				log.push('pause');
			},
			write: async (batch, index) => {
				log.push(`write ${batch.join(',')}`);
				await writes[index].promise;
				log.push(`written ${batch.join(',')}`);
			},
			onDrained: (batch) => {
				log.push(`ack ${batch.join(',')}`);
			},
		});
		await settle();

		expect(log).toEqual(['read 1', 'read 2', 'write 1,2', 'pause', 'read 3', 'read 4']);
		writes[0].resolve();
		await settle();
		expect(log.slice(6)).toEqual(['written 1,2', 'ack 1,2', 'write 3,4', 'pause', 'read 5']);
		writes[1].resolve();
		writes[2].resolve();
		await done;
		expect(log.slice(11)).toEqual(['written 3,4', 'ack 3,4', 'write 5', 'pause', 'written 5', 'ack 5']);
	});

	it('writes and acknowledges in order, with every item once', async () => {
		const batches: number[][] = [];
		const results = await drainInBatches(range(25).map((n) => (n % 3 === 0 ? -n : n)), {
			maxSize: 4,
			groupBy: (n) => (n < 0 ? 'negative' : 'positive'),
			readAhead: async () => await Promise.resolve(),
			write: async (batch) => batch.length,
			onDrained: (batch) => {
				batches.push(batch);
			},
		});

		expect(results).toEqual(batches.map((batch) => batch.length));
		expect(batches.flat().map(Math.abs).sort((a, b) => a - b)).toEqual(range(25));
	});

	it('writes nothing after a failed write, though it read ahead, and lets the source go', async () => {
		const log: string[] = [];
		async function* source(): AsyncGenerator<number> {
			try {
				yield* readAll(range(8), log);
			} finally {
				log.push('source closed');
			}
		}
		const written: number[][] = [];

		await expect(
			drainInBatches(source(), {
				maxSize: 2,
				readAhead: async () => await Promise.resolve(),
				write: async (batch, index) => {
					written.push(batch);
					if (index === 1) throw new Error('refused');
				},
			}),
		).rejects.toThrow('refused');
		expect(written).toEqual([
			[1, 2],
			[3, 4],
		]);
		expect(log).toContain('source closed');
		expect(log).not.toContain('read 8');
	});

	it('acknowledges the batch being written when the source fails while reading ahead, then rejects', async () => {
		async function* failing(): AsyncGenerator<number> {
			yield 1;
			yield 2;
			yield 3;
			throw new Error('export truncated');
		}
		const acknowledged: number[][] = [];

		await expect(
			drainInBatches(failing(), {
				maxSize: 2,
				readAhead: async () => await Promise.resolve(),
				write: async () => undefined,
				onDrained: (batch) => {
					acknowledged.push(batch);
				},
			}),
		).rejects.toThrow('export truncated');
		expect(acknowledged).toEqual([[1, 2]]);
	});
});

describe('chunk', () => {
	it('splits items into chunks of the given size, the last one holding the rest', () => {
		expect(chunk(range(5), 2)).toEqual([[1, 2], [3, 4], [5]]);
	});

	it('returns no chunks for an empty list', () => {
		expect(chunk([], 3)).toEqual([]);
	});

	it.each([
		[0, 'Expected `size` to be a positive integer, got 0.'],
		[1.5, 'Expected `size` to be a positive integer, got 1.5.'],
		[Number.NaN, 'Expected `size` to be a positive integer, got NaN.'],
	])('throws for the size %p', (size, message) => {
		expect(() => chunk(range(3), size)).toThrow(message);
	});
});
