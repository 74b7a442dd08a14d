import type { ICredentialDataDecryptedObject, ICredentialTestFunctions, ICredentialType } from 'n8n-workflow';

import { MaileonApi } from '../../../credentials/MaileonApi.credentials';
import { Maileon } from '../../../nodes/Maileon/Maileon.node';
import { MaileonTrigger } from '../../../nodes/Maileon/MaileonTrigger.node';
import { maileonApiTest } from '../../../nodes/Maileon/methods/credentialTest';
import { testCredential } from '../../harness/credentialTest';
import { closedPort } from '../../harness/network';
import { requestsTo, useMaileonSandbox } from './helpers';

const OK = { status: 'OK', message: 'Connection successful' };
// the rights Maileon's cmxOrganize guide gives a key for registrations
const CREATE_UPDATE_KEY = 'c0ffee00-1234-4abc-8def-0123456789ab';
const EXPIRED_KEY = 'dead0000-1234-4abc-8def-0123456789ab';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('Maileon credential test', () => {
	const { sandbox } = useMaileonSandbox();

	beforeEach(() => {
		sandbox().state.settings.apiKeys = [
			{ key: sandbox().apiKey },
			{ key: CREATE_UPDATE_KEY, methods: ['POST', 'PUT'] },
			{ key: EXPIRED_KEY, expiresAt: sandbox().state.clock.now() - 1 },
		];
	});

	const test = async (data: ICredentialDataDecryptedObject) =>
		await testCredential('maileonApi', { baseUrl: sandbox().apiUrl, ...data });

	describe('accepts the key in every form Maileon shows it', () => {
		it.each([
			['the key itself', (key: string) => key],
			['its base64 form', (key: string) => base64(key)],
			['the value after "Authorization: Basic"', (key: string) => `Basic ${base64(key)}`],
			['the whole header line with line breaks around', (key: string) => `\n Authorization: Basic ${base64(key)} \n`],
		])('passes with %s', async (_form, enter) => {
			expect(await test({ apiKey: enter(sandbox().apiKey) })).toEqual(OK);
			expect(sandbox().log.entries.map((entry) => [entry.method, entry.status])).toEqual([['GET', 200]]);
		});
	});

	describe('Key Format', () => {
		it('encodes the value again when set to Raw Key, and says so when Maileon refuses it', async () => {
			expect(await test({ apiKey: base64(sandbox().apiKey), keyFormat: 'raw' })).toEqual({
				status: 'Error',
				message: expect.stringContaining(
					'Maileon rejected the API key (401). Key Format is Raw Key, so the key was base64-encoded before sending. If that is wrong, change Key Format in the Maileon credential.',
				) as string,
			});
		});

		it('sends the value unchanged when set to Already Base64', async () => {
			expect(await test({ apiKey: base64(sandbox().apiKey), keyFormat: 'base64' })).toEqual(OK);
		});
	});

	it('says which form it took a refused key for, what it sent and what to do', async () => {
		expect(await test({ apiKey: `Basic ${base64('0b5e55ed-0000-4000-8000-000000000000')}` })).toEqual({
			status: 'Error',
			message:
				'Maileon rejected the API key (401). The "Authorization: Basic" in front of the key was dropped. The key looked like a base64 value (as Maileon shows it after "Authorization: Basic"), so it was sent unchanged. If that is wrong, change Key Format in the Maileon credential. Otherwise the key is wrong, has expired or the account is blocked: copy the key again from Maileon (Settings → API Keys), paste it into the credential and press Test.',
		});
	});

	it('names an expired key as expired', async () => {
		expect(await test({ apiKey: EXPIRED_KEY })).toEqual({
			status: 'Error',
			message:
				'The Maileon API key has expired (401). Every Maileon API key is valid until the date set when it was created. In Maileon under Settings → API Keys create a new key, paste it into the Maileon credential and press Test.',
		});
	});

	describe('Rights to Test', () => {
		it('checks only reading by default', async () => {
			expect(await test({ apiKey: sandbox().apiKey })).toEqual(OK);
			expect(requestsTo(sandbox(), 'GET', '/ping')).toHaveLength(1);
			expect(sandbox().log.entries).toHaveLength(1);
		});

		it('passes a create/update-only key with Create and Update selected, sending POST and PUT /ping', async () => {
			expect(await test({ apiKey: CREATE_UPDATE_KEY, rightsToTest: ['POST', 'PUT'] })).toEqual(OK);
			expect(sandbox().log.entries.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
				['POST', '/1.0/ping', 200],
				['PUT', '/1.0/ping', 200],
			]);
		});

		it('fails a create/update-only key with Read selected, naming the read right', async () => {
			expect(await test({ apiKey: CREATE_UPDATE_KEY, rightsToTest: ['GET'] })).toEqual({
				status: 'Error',
				message:
					'Maileon accepted the API key, but the key lacks the read right (GET /ping answered 403). In Maileon under Settings → API Keys give the key this right, or select under Rights to Test only the rights your workflows use (a key for a registration form, for example, needs only Create and Update).',
			});
		});

		it('names every missing right of the selected ones', async () => {
			const result = await test({ apiKey: CREATE_UPDATE_KEY, rightsToTest: ['DELETE', 'PUT', 'GET'] });

			expect(result.message).toMatch(
				/^Maileon accepted the API key, but the key lacks the read and delete rights \(GET \/ping, DELETE \/ping answered 403\)\. In Maileon under Settings → API Keys give the key these rights,/,
			);
		});

		it.each([[[]], [undefined], ['']])(
			'tests reading, the default, when the selection arrives as %j, as the editor may send it',
			async (rightsToTest) => {
				expect(await test({ apiKey: sandbox().apiKey, ...(rightsToTest === undefined ? {} : { rightsToTest }) })).toEqual(OK);
				expect(sandbox().log.entries.map((entry) => entry.method)).toEqual(['GET']);
			},
		);
	});

	it('says that the Base URL leads nowhere and what to do', async () => {
		expect(await test({ apiKey: sandbox().apiKey, baseUrl: `${sandbox().baseUrl}/nothing` })).toEqual({
			status: 'Error',
			message:
				'No Maileon API answers at this Base URL (404). Leave the Base URL at https://api.maileon.com/1.0 unless Maileon gave you another one.',
		});
	});

	it('names host and code when nothing listens at the Base URL, and points at proxies', async () => {
		const port = await closedPort();

		expect(await test({ apiKey: sandbox().apiKey, baseUrl: `http://127.0.0.1:${port}/1.0` })).toEqual({
			status: 'Error',
			message: `Could not connect to 127.0.0.1:${port} (ECONNREFUSED). Nothing accepted the connection at that address and port. Check the base URL in the credential, and any proxy (HTTP_PROXY / HTTPS_PROXY on the n8n host) or firewall between n8n and the service.`,
		});
	});

	it('goes through the proxy of the credential', async () => {
		const port = await closedPort();

		const result = await test({ apiKey: sandbox().apiKey, proxyHost: '127.0.0.1', proxyPort: port });

		expect(result).toEqual({ status: 'Error', message: expect.stringContaining(`(ECONNREFUSED)`) as string });
		expect(sandbox().log.entries).toHaveLength(0);
	});

	it('never repeats the key, in any form, in its message', async () => {
		const key = '0b5e55ed-0000-4000-8000-000000000000';

		const messages = await Promise.all(
			[key, base64(key), `Authorization: Basic ${base64(key)}`].map(async (apiKey) => (await test({ apiKey })).message),
		);

		expect(messages.join('\n')).not.toMatch(new RegExp(`${key}|${base64(key)}`));
	});

	it('tests Maileon\'s own API with GET when the stored credential lacks the fields with defaults', async () => {
		const sent: unknown[] = [];
		const context = { helpers: { request: async (options: unknown) => (sent.push(options), { statusCode: 200, body: '' }) } };

		const result = await maileonApiTest.call(context as unknown as ICredentialTestFunctions, {
			id: '1',
			name: 'Maileon',
			type: 'maileonApi',
			data: { apiKey: 'c0ffee00-1234-4abc-8def-0123456789ab' },
		});

		expect(result).toEqual(OK);
		expect(sent).toEqual([
			expect.objectContaining({
				method: 'GET',
				uri: 'https://api.maileon.com/1.0/ping',
				headers: { Authorization: `Basic ${base64('c0ffee00-1234-4abc-8def-0123456789ab')}` },
			}),
		]);
	});

	it('has no declarative test, so n8n asks the nodes', () => {
		const credential: ICredentialType = new MaileonApi();

		expect(credential.test).toBeUndefined();
	});

	it.each([
		['Maileon', new Maileon()],
		['Maileon Trigger', new MaileonTrigger()],
	])('is tested by the %s node, which registers the test', (_name, node) => {
		const credential = node.description.credentials?.find((c) => c.name === 'maileonApi');

		expect(credential?.testedBy).toBe('maileonApiTest');
		expect(typeof node.methods?.credentialTest?.maileonApiTest).toBe('function');
	});
});
