import { recordSleeps, type RecordedSleeps } from '../../harness/sleep';
import { startDirectoSandbox, type DirectoSandbox } from '../../sandbox/directo';
import { customer, errorOf, runDirecto } from './helpers';

const getAll = { resource: 'customer', operation: 'getAll', returnAll: true };

const KEY_HINT =
	'The key is wrong, or it may not use the "customer" component: in Directo a SUPER user limits each key to chosen components under XML interfaces, and the XML output must be ordered. Check the key and the interface in the Directo credential, then press Test.';

describe('Directo errors', () => {
	let sandbox: DirectoSandbox;
	let sleeps: RecordedSleeps;

	beforeEach(async () => {
		sandbox = await startDirectoSandbox({ settings: { chunkBytes: 2048 } });
		sandbox.state.generateCustomers(100);
		sleeps = recordSleeps();
	});

	afterEach(async () => {
		sleeps.restore();
		await sandbox.close();
	});

	it('explains a wrong key', async () => {
		const result = await runDirecto(sandbox, getAll, { credentials: { apiKey: 'wrong-key' } });

		expect(errorOf(result)).toEqual({
			message: 'Directo refused the key (Unauthorized)',
			description: KEY_HINT,
		});
	});

	it('explains a key that may not read customers (interface not ordered for them)', async () => {
		sandbox.state.settings.tokens = [{ token: sandbox.token, components: ['contact'] }];

		const result = await runDirecto(sandbox, getAll);

		expect(errorOf(result)).toEqual({
			message: 'Directo refused the key (Unauthorized)',
			description: KEY_HINT,
		});
	});

	it('explains a missing key', async () => {
		const result = await runDirecto(sandbox, getAll, { credentials: { apiKey: '' } });

		expect(errorOf(result)).toEqual({
			message: 'Directo received no key (token required)',
			description:
				'Enter the key in the Directo credential. A legacy xmlcore interface expects its appkey as "key": choose "Legacy Xmlcore" as the interface then.',
		});
	});

	it('explains "Invalid url given" and points at the parameter placement', async () => {
		sandbox.state.settings.routingParameters = 'query';

		const result = await runDirecto(sandbox, getAll, {
			credentials: { parameterPlacement: 'body' },
		});

		expect(errorOf(result)).toEqual({
			message: 'Directo did not accept the request (Invalid url given)',
			description:
				'Check the XML Interface URL in the Directo credential. If it is right, switch the credential\'s "Parameter Placement": Directo installations differ in where they read the request parameters.',
		});
	});

	it('explains an interface that does not exist at the URL (HTTP 404)', async () => {
		const result = await runDirecto(sandbox, getAll, {
			credentials: {
				interfaceType: 'xmlcore',
				url: sandbox.legacyUrl('not_ordered'),
				apiKey: sandbox.appKey,
			},
		});

		expect(errorOf(result)).toEqual({
			message: 'There is no Directo XML interface at this URL (404)',
			description:
				'Check the XML Interface URL, and for a legacy interface the database name, in the Directo credential. A legacy interface must be ordered from Directo for your database.',
		});
	});

	it.each([
		[
			'an empty body',
			{ kind: 'empty' } as const,
			'Directo sent an empty answer',
			'For Directo an empty answer means "no response", not "no records". Check the interface and the URL in the Directo credential and run the workflow again.',
		],
		[
			'a web page',
			{ kind: 'html' } as const,
			'Directo answered with a web page instead of its XML',
			'Check the XML Interface URL in the Directo credential: it names an xmlcore.asp of Directo.',
		],
		[
			'a web page that starts with its DOCTYPE',
			{ kind: 'error', xml: '<!DOCTYPE html><html><body>Maintenance</body></html>' } as const,
			'Directo answered with a web page instead of its XML',
			'Check the XML Interface URL in the Directo credential: it names an xmlcore.asp of Directo.',
		],
		[
			'an error text',
			{ kind: 'error', xml: '<err>database is locked</err>' } as const,
			'Directo answered with an error: database is locked',
			"Check the node's filters and the Directo credential against this message. If it persists, ask your Directo consultant whether this interface is ordered for the data.",
		],
		[
			'a truncated document',
			{ kind: 'truncated', bytes: 5000 } as const,
			"Directo's answer ended in the middle of the document",
			'The connection ended before the answer was complete, so nothing was taken from it. Run the workflow again; if it keeps happening, read less at once with "Changed Since" or a class filter.',
		],
		[
			'a DOCTYPE',
			{ kind: 'doctype' } as const,
			"Directo's answer contains a DOCTYPE declaration, which the node refuses",
			'Declarations can expand a small answer into a huge one, so they are never read. Check that the URL in the Directo credential points at Directo.',
		],
	])('explains %s', async (_case, fault, message, description) => {
		sandbox.state.injectAnswer(fault);

		const result = await runDirecto(sandbox, getAll);

		expect(errorOf(result)).toEqual({ message, description });
	});

	it('explains a document that is not well-formed', async () => {
		sandbox.state.injectAnswer({ kind: 'malformed' });

		const result = await runDirecto(sandbox, getAll);

		expect(errorOf(result).message).toMatch(/^Directo's answer is not well-formed XML: /);
	});

	it('explains a connection cut in the middle of the answer', async () => {
		sandbox.state.injectAnswer({ kind: 'dropMidBody' });

		const result = await runDirecto(sandbox, getAll);

		expect(errorOf(result)).toEqual({
			message: 'The connection to Directo broke while its answer was read',
			description: expect.stringMatching(/^Nothing was taken from the incomplete answer/),
		});
	});

	it('retries a 503 and counts the retry in the report', async () => {
		sandbox.faults.set({ kinds: ['503'], times: 1 });

		const result = await runDirecto(sandbox, {
			resource: 'customer',
			operation: 'getNewsletterContacts',
		});

		expect(result.error).toBeUndefined();
		expect(result.json('Directo', 1)[0].counts).toMatchObject({ retried: 1 });
		expect(sleeps.waits).toHaveLength(1);
	});

	it('gives up on a lasting server error with a clear message', async () => {
		sandbox.faults.set({ kinds: ['503'] });

		const result = await runDirecto(sandbox, getAll);

		expect(errorOf(result).message).toBe('Directo answered with a server error (503)');
		expect(sleeps.waits).toHaveLength(5);
	});

	it('refuses an unknown time zone in the credential before reading', async () => {
		const result = await runDirecto(sandbox, getAll, { credentials: { timeZone: 'Europe/Tartu' } });

		expect(errorOf(result)).toEqual({
			message: 'The time zone "Europe/Tartu" in the Directo credential is unknown',
			description: 'Enter an IANA time zone name such as Europe/Tallinn.',
		});
		expect(sandbox.state.calls).toEqual([]);
	});

	it('never shows the key, even when Directo quotes it', async () => {
		sandbox.state.injectAnswer({
			kind: 'error',
			xml: `<err>token ${sandbox.token} has expired</err>`,
		});

		const result = await runDirecto(sandbox, getAll);

		expect(errorOf(result).message).toBe('Directo answered with an error: token *** has expired');
		expect(JSON.stringify(result.run)).not.toContain(sandbox.token);
	});

	it('keeps the key out of outputs and reports', async () => {
		sandbox.state.reset();
		sandbox.state.addCustomers([customer('K1'), customer('K2', { email: 'k1@example.org' })]);

		const result = await runDirecto(sandbox, {
			resource: 'customer',
			operation: 'getNewsletterContacts',
		});

		expect(result.json('Directo', 0)).toHaveLength(1);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.token);
	});
});
