// the module object itself, whose `sleep` getter is configurable (a compiled `import * as` copy's is
// not); typed as a plain holder because jest types getter spies only for non-function properties
const n8nWorkflow = require('n8n-workflow') as { sleep: unknown };

export interface RecordedSleeps {
	/** Every wait the nodes asked for, in ms, in order. */
	readonly waits: number[];
	restore(): void;
}

/**
 * Makes n8n's `sleep`, the only way our nodes wait (retry backoff, Retry-After), return at once and
 * remember what was asked, so retry tests assert the waits without spending them.
 */
export function recordSleeps(): RecordedSleeps {
	const waits: number[] = [];
	const spy = jest.spyOn(n8nWorkflow, 'sleep', 'get').mockReturnValue(async (ms: number) => {
		waits.push(ms);
	});
	return { waits, restore: () => spy.mockRestore() };
}
