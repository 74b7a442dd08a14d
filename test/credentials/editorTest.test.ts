import { testCredential } from '../harness/credentialTest';
import { startBillomatSandbox } from '../sandbox/billomat';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startMaileonSandbox } from '../sandbox/maileon';
import { startNewsletter2GoSandbox } from '../sandbox/newsletter2go';

const OK = { status: 'OK', message: 'Connection successful!' };

describe('the credential test as the n8n editor runs it', () => {
	describe('Maileon', () => {
		const sandbox = useSandbox(startMaileonSandbox);
		const test = (apiKey: string) => testCredential('maileonApi', { apiKey, baseUrl: sandbox().apiUrl });

		// tested by the nodes (testedBy), which say so without n8n's exclamation mark
		it('passes with the right key', async () => {
			expect(await test(sandbox().apiKey)).toEqual({ status: 'OK', message: 'Connection successful' });
		});

		it('says that the key was refused, how it was sent and what to do', async () => {
			expect(await test('wrong-key')).toEqual({
				status: 'Error',
				message:
					'Maileon rejected the API key (401). The key looked like a plain Maileon key (not base64), so it was base64-encoded before sending. If that is wrong, change Key Format in the Maileon credential. Otherwise the key is wrong, has expired or the account is blocked: copy the key again from Maileon (Settings → API Keys), paste it into the credential and press Test.',
			});
		});

		it('says that the Base URL leads nowhere and what to do', async () => {
			expect(await testCredential('maileonApi', { apiKey: sandbox().apiKey, baseUrl: `${sandbox().baseUrl}/nothing` })).toEqual({
				status: 'Error',
				message: 'No Maileon API answers at this Base URL (404). Leave the Base URL at https://api.maileon.com/1.0 unless Maileon gave you another one.',
			});
		});
	});

	describe('Billomat', () => {
		const sandbox = useSandbox(startBillomatSandbox);

		it('passes with the right key', async () => {
			expect(await testCredential('billomatApi', sandbox().credentials())).toEqual(OK);
		});

		it('says that the key was refused and what to do', async () => {
			expect(await testCredential('billomatApi', sandbox().credentials({ apiKey: 'wrong' }))).toEqual({
				status: 'Error',
				message:
					'Billomat rejected the API key (401). In Billomat click your name, check that API access is enabled, copy the key shown there and paste it here; App ID and App Secret must belong together or stay empty.',
			});
		});

		it('says that the Billomat ID names no account and what to do', async () => {
			expect(await testCredential('billomatApi', sandbox().credentials({ billomatId: 'nobody' }))).toEqual({
				status: 'Error',
				message:
					'Billomat knows no account with this Billomat ID (404). Enter the subdomain of your Billomat address, e.g. "mycompany" for https://mycompany.billomat.net.',
			});
		});
	});

	describe('Newsletter2Go', () => {
		const sandbox = useSandbox(startNewsletter2GoSandbox);

		it('passes with the right auth key and login', async () => {
			expect(await testCredential('newsletter2GoApi', sandbox().credentials())).toEqual(OK);
		});

		it('says that the auth key was refused and what to do, although the login happens before the test request', async () => {
			expect(await testCredential('newsletter2GoApi', { ...sandbox().credentials(), authKey: 'wrong:key' })).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^Newsletter2Go rejected the auth key \(401 invalid_client\)\. The auth key must be the whole/),
			});
		});

		it('says that the login was refused and what to do', async () => {
			expect(await testCredential('newsletter2GoApi', { ...sandbox().credentials(), password: 'wrong' })).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^Newsletter2Go refused the login: wrong username or password \(400 invalid_grant\)\. Open the Newsletter2Go credential/),
			});
		});
	});
});
