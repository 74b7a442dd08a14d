import { useSandbox } from './lifecycle';

/** Stands in for a sandbox: records its starts and closes. */
const events: string[] = [];
let started = 0;
async function startFake() {
	started += 1;
	const id = started;
	events.push(`start ${id}`);
	return { id, close: async () => void events.push(`close ${id}`) };
}

describe('useSandbox', () => {
	const sandbox = useSandbox(startFake);

	it('gives the first test its own sandbox', () => {
		expect(sandbox().id).toBe(1);
	});

	it('starts a fresh sandbox for the next test after closing the previous one', () => {
		expect(sandbox().id).toBe(2);
		expect(events).toEqual(['start 1', 'close 1', 'start 2']);
	});
});

describe('useSandbox while the describe is collected', () => {
	const sandbox = useSandbox(startFake);
	let refusal = '';
	try {
		sandbox();
	} catch (error) {
		refusal = (error as Error).message;
	}

	it('refuses to hand out a sandbox', () => {
		expect(refusal).toBe('The sandbox runs only inside a test');
	});
});
