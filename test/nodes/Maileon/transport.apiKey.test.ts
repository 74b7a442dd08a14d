import { TriggerHarness } from '../../harness/trigger';
import { loadFixture, maileonCredentials, requestsTo, runMaileon, useMaileonSandbox } from './helpers';

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const GET_FIELDS = { resource: 'customField', operation: 'getAll' };
const KEY_FORMS: Array<[string, (key: string) => string]> = [
	['the key itself', (key) => key],
	['its base64 form', (key) => base64(key)],
	['a pasted "Authorization: Basic" header', (key) => ` Authorization: Basic ${base64(key)}\n`],
];

describe('the API key of the Maileon requests', () => {
	const { sandbox } = useMaileonSandbox();

	it.each(KEY_FORMS)('is accepted as %s by the operations', async (_form, enter) => {
		const result = await runMaileon(sandbox(), GET_FIELDS, { credentials: { apiKey: enter(sandbox().apiKey) } });

		expect(result.error).toBeUndefined();
		expect(requestsTo(sandbox(), 'GET', '/contacts/fields/custom').map((entry) => entry.status)).toEqual([200]);
	});

	it.each(KEY_FORMS)('is accepted as %s by the Maileon Trigger', async (_form, enter) => {
		const harness = new TriggerHarness(loadFixture('maileon-trigger.workflow.json'), {
			nodeName: 'Maileon Trigger',
			credentials: maileonCredentials(sandbox(), { apiKey: enter(sandbox().apiKey) }),
			parameters: { 'Maileon Trigger': { events: ['unsubscription'] } },
		});

		await expect(harness.runHook('create')).resolves.toBe(true);
		expect(sandbox().state.webhooks).toHaveLength(1);
	});

	it('says that an expired key has expired', async () => {
		sandbox().state.settings.apiKeys = [{ key: sandbox().apiKey, expiresAt: sandbox().state.clock.now() - 1 }];

		const result = await runMaileon(sandbox(), GET_FIELDS);

		expect(result.error?.message).toBe('The Maileon API key has expired (401)');
		expect((result.error as { description?: string }).description).toBe(
			'Every Maileon API key is valid until the date set when it was created. In Maileon under Settings → API Keys create a new key, paste it into the Maileon credential and press Test.',
		);
	});

	it('names the right a refused request needs', async () => {
		sandbox().state.settings.apiKeys = [{ key: sandbox().apiKey, methods: ['POST', 'PUT'] }];

		const result = await runMaileon(sandbox(), GET_FIELDS);

		expect(result.error?.message).toBe('The Maileon API key lacks the read right (GET answered 403)');
		expect((result.error as { description?: string }).description).toBe(
			'In Maileon under Settings → API Keys give the key the read right, or use a key that has it, then retry.',
		);
	});
});
