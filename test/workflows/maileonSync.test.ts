import path from 'node:path';

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
