import path from 'node:path';

import { recordSleeps } from '../harness/sleep';
import { loadWorkflow, runWorkflow } from '../harness/workflow';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startMaileonSandbox } from '../sandbox/maileon';

const workflow = loadWorkflow(path.join(__dirname, 'fixtures/maileon-sync.workflow.json'));

interface InputContact {
	email: string;
	firstName?: string;
	salutation?: string;
	consent?: { action: 'send' | 'skip' | 'unsubscribe'; reason: string; status?: string };
}

function contact(email: string, overrides: Partial<InputContact> = {}): InputContact {
	return {
		email,
		firstName: 'Jürgen',
		salutation: 'Herr',
		consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn' },
		...overrides,
	};
}

describe('Maileon Synchronize Many in a workflow', () => {
	const sandbox = useSandbox(startMaileonSandbox);

	function run(contacts: InputContact[], staticData?: Record<string, unknown>) {
		return runWorkflow(workflow, {
			credentials: { maileonApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().apiUrl } },
			startNode: 'Contacts',
			input: [{ json: { contacts } }],
			staticData: staticData as never,
		});
	}

	it('creates consented contacts with the marker field and reports the counts', async () => {
		const result = await run([
			contact('anna@example.org'),
			contact('Ben@Example.org', { consent: { action: 'send', reason: 'customer', status: 'relationship' } }),
			contact('carl@example.org', { consent: { action: 'skip', reason: 'no permission' } }),
			contact('not-an-email'),
			contact('anna@example.org'),
		]);

		expect(result.status).toBe('success');
		const [report] = result.json('Maileon', 0);
		expect(report.counts).toMatchObject({
			selected: 5,
			created: 2,
			skipped: 1,
			invalid: 1,
			duplicates: 1,
		});
		expect(sandbox().state.getContact('anna@example.org')).toMatchObject({
			permission: 2,
			customFields: { ImportAPI: 'true' },
			standardFields: { FIRSTNAME: 'Jürgen', GENDER: 'm', SALUTATION: 'Herr' },
		});
		expect(sandbox().state.getContact('ben@example.org')?.permission).toBe(6);
		expect(sandbox().state.getContact('carl@example.org')).toBeUndefined();
		expect(result.json('Maileon', 1).map((item) => item.email)).toEqual(['not-an-email']);
	});

	it('sends one bulk request for the contacts and never asks Maileon to reimport unsubscribed ones', async () => {
		await run([contact('anna@example.org'), contact('ben@example.org')]);

		const syncs = sandbox().log.entries.filter((entry) => entry.method === 'POST' && entry.path === '/1.0/contacts');
		expect(syncs).toHaveLength(1);
		expect(syncs[0].query).toMatchObject({
			reimport_unsubscribed_contacts: 'false',
			sync_mode: '1',
			override_permission: 'false',
		});
	});

	it('does not resubscribe an address the ledger holds after Maileon purged it', async () => {
		const first = await run([
			contact('anna@example.org', { consent: { action: 'unsubscribe', reason: 'opted out at the source' } }),
		]);
		expect(first.json('Maileon', 0)[0].counts).toMatchObject({ unsubscribed: 1 });

		sandbox().state.reset();
		const second = await run([contact('anna@example.org')], first.staticData);

		expect(second.json('Maileon', 0)[0].counts).toMatchObject({ suppressed: 1, created: 0 });
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
		expect(JSON.stringify(second.staticData)).not.toContain('anna@example.org');
	});

	const optOut = (email: string) => contact(email, { consent: { action: 'unsubscribe', reason: 'opted out at the source' } });
	const unsubscribeCalls = () =>
		sandbox().log.filter((entry) => entry.method === 'DELETE' && entry.path.endsWith('/unsubscribe'));

	it('unsubscribes a few opt-outs one by one without reading the account', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 2 }]);

		const result = await run([optOut('anna@example.org'), optOut('ben@example.org')]);

		expect(result.status).toBe('success');
		expect(unsubscribeCalls().map((entry) => entry.path)).toEqual([
			'/1.0/contacts/email/anna%40example.org/unsubscribe',
			'/1.0/contacts/email/ben%40example.org/unsubscribe',
		]);
		expect(sandbox().log.count((entry) => entry.path === '/1.0/contacts/count')).toBe(0);
		sandbox().state.settle();
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
	});

	it('reads the account once instead of unsubscribing many addresses Maileon never had', async () => {
		sandbox().state.seedContacts([{ email: 'opt3@example.org', permission: 2 }, { email: 'kept@example.org', permission: 2 }]);
		const optOuts = Array.from({ length: 6 }, (_, index) => optOut(`opt${index}@example.org`));

		const first = await run(optOuts);

		expect(first.json('Maileon', 0)[0].counts).toMatchObject({ unsubscribed: 6 });
		expect(unsubscribeCalls().map((entry) => entry.path)).toEqual(['/1.0/contacts/email/opt3%40example.org/unsubscribe']);
		expect(sandbox().log.count((entry) => entry.method === 'GET' && entry.path === '/1.0/contacts/count')).toBe(1);
		sandbox().state.settle();
		expect(sandbox().state.getContact('opt3@example.org')).toBeUndefined();
		expect(sandbox().state.getContact('kept@example.org')).toBeDefined();

		// every opt-out is in the ledger, also those Maileon never had: none of them comes back
		sandbox().state.reset();
		const second = await run(optOuts.map((optedOut) => contact(optedOut.email)), first.staticData);
		expect(second.json('Maileon', 0)[0].counts).toMatchObject({ suppressed: 6, created: 0 });
	});

	it('unsubscribes again on the next run when Maileon failed to take an unsubscribe', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 2 }]);
		sandbox().faults.set({ kinds: ['503'], match: (request) => request.method === 'DELETE' });
		const sleeps = recordSleeps();

		const failed = await run([optOut('anna@example.org')]).finally(() => sleeps.restore());

		expect(failed.status).toBe('error');
		sandbox().faults.clear();
		sandbox().log.clear();
		const rerun = await run([optOut('anna@example.org')], failed.staticData);

		expect(rerun.status).toBe('success');
		expect(unsubscribeCalls()).toHaveLength(1);
		sandbox().state.settle();
		expect(sandbox().state.getContact('anna@example.org')).toBeUndefined();
	});

	it('reports the same counts in a dry run and writes nothing', async () => {
		sandbox().state.seedContacts([{ email: 'anna@example.org', permission: 2 }]);
		const dry = await runWorkflow(workflow, {
			credentials: { maileonApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().apiUrl } },
			startNode: 'Contacts',
			input: [{ json: { contacts: [contact('anna@example.org'), contact('ben@example.org')] } }],
			parameters: { Maileon: { dryRun: true } },
		});

		expect(dry.json('Maileon', 0)[0]).toMatchObject({
			dryRun: true,
			counts: { selected: 2, created: 1, updated: 1 },
		});
		expect(sandbox().state.getContact('ben@example.org')).toBeUndefined();
		expect(sandbox().log.entries.filter((entry) => entry.method !== 'GET')).toEqual([]);
	});
});
