/**
 * A fresh sandbox for every test of the surrounding `describe`, closed after it. Call at the top of
 * the `describe`; the returned function gives the running sandbox and throws outside a test.
 */
export function useSandbox<S extends { close(): Promise<void> }>(start: () => Promise<S>): () => S {
	let sandbox: S | undefined;
	beforeEach(async () => {
		sandbox = await start();
	});
	afterEach(async () => {
		await sandbox?.close();
		sandbox = undefined;
	});
	return () => {
		if (!sandbox) throw new Error('The sandbox runs only inside a test');
		return sandbox;
	};
}
