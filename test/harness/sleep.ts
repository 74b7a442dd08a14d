// the module object itself, whose `sleep` getter is configurable (a compiled `import * as` copy's is
// not); typed as a plain holder because jest types getter spies only for non-function properties
const n8nWorkflow = require('n8n-workflow') as { sleep: unknown };

export interface RecordedSleeps {
	/** Every wait the nodes asked for, in ms, in order. */
	readonly waits: number[];
	restore(): void;
}

/**
 * Makes n8n's `sleep`, the only way our nodes wait (retry backoff, Retry-After) or yield
 * (`sleep(0)`), return at once and remember what was asked, so retry tests assert the waits without
 * spending them.
 */
export function recordSleeps(): RecordedSleeps {
	const waits: number[] = [];
	const spy = jest.spyOn(n8nWorkflow, 'sleep', 'get').mockReturnValue(async (ms: number) => {
		waits.push(ms);
	});
	return { waits, restore: () => spy.mockRestore() };
}

/**
 * The waits of the retries: nodes also call `sleep(0)` to yield (while parsing, or to let a request go
 * out before preparing the next batch), which is no retry. A retry waits at least the core's minimum
 * of one second.
 */
export function retryWaits(sleeps: RecordedSleeps): number[] {
	return sleeps.waits.filter((ms) => ms > 0);
}
