import path from 'node:path';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { loadWorkflow, runWorkflow } from '../harness/workflow';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startNewsletter2GoSandbox, TOKEN_PATH } from '../sandbox/newsletter2go';

const workflow = loadWorkflow(path.join(__dirname, 'fixtures/newsletter2go-sync.workflow.json'));

const contact = (email: string, consent: IDataObject = { action: 'send', reason: 'explicit opt-in', status: 'optIn' }) => ({
	email,
	firstName: 'Jürgen',
	consent,
});

describe('Newsletter2Go Synchronize Many in a workflow', () => {
	const sandbox = useSandbox(startNewsletter2GoSandbox);

	function run(contacts: IDataObject[], previous?: { staticData: IDataObject; credential?: ICredentialDataDecryptedObject }) {
		return runWorkflow(workflow, {
			credentials: { newsletter2GoApi: { ...sandbox().credentials(), ...previous?.credential } },
			startNode: 'Contacts',
			input: [{ json: { contacts } }],
			staticData: previous?.staticData,
			parameters: { Newsletter2Go: { list: { __rl: true, mode: 'id', value: sandbox().state.defaultListId } } },
		});
	}

	it('imports 2,500 contacts with one login and three batch requests', async () => {
		const result = await run(Array.from({ length: 2500 }, (_, i) => contact(`p${i}@example.org`)));

		expect(result.status).toBe('success');
		expect(result.json('Newsletter2Go', 0)[0].counts).toMatchObject({ selected: 2500, created: 2500 });
		expect(sandbox().log.count((entry) => entry.path === TOKEN_PATH)).toBe(1);
		expect(sandbox().log.count((entry) => entry.method === 'POST' && entry.path === '/recipients')).toBe(3);
	});

	it('renews the expired token of the previous run and keeps an opted-out address out', async () => {
		const first = await run([contact('anna@example.org'), contact('ben@example.org', { action: 'unsubscribe', reason: 'opted out' })]);
		sandbox().state.expireAccessTokens();
		sandbox().state.recipients.clear();

		const second = await run([contact('anna@example.org'), contact('ben@example.org')], {
			staticData: first.staticData,
			credential: first.credentials.get('newsletter2GoApi'),
		});

		expect(second.status).toBe('success');
		expect(second.json('Newsletter2Go', 0)[0].counts).toMatchObject({ created: 1, suppressed: 1 });
		expect(sandbox().state.grants).toEqual(['password', 'refresh']);
		expect(sandbox().state.findRecipient(sandbox().state.defaultListId, 'ben@example.org')).toBeUndefined();
	});
});
