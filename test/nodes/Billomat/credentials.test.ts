import type { IHttpRequestOptions } from 'n8n-workflow';

import { BillomatApi } from '../../../credentials/BillomatApi.credentials';
import { toBillomatBaseUrl, toBillomatId } from '../../../nodes/Billomat/account';
import { startBillomatSandbox } from '../../sandbox/billomat';
import { useSandbox } from '../../sandbox/framework/lifecycle';

const credential = new BillomatApi();
const BASE = { billomatId: 'mycompany', apiKey: ' key-1 ', appId: '', appSecret: '', baseUrl: 'https://{billomatId}.billomat.net/api' };

describe('Billomat credential', () => {
	it.each([
		['the ID itself', 'mycompany'],
		['the ID with spaces and capitals', '  MyCompany '],
		['the host', 'mycompany.billomat.net'],
		['an address of the account', 'https://mycompany.billomat.net/app/beta/clients/12'],
		['an address on billomat.de with a port', 'http://mycompany.billomat.de:443/'],
		['the host with a trailing slash', 'mycompany.billomat.net/'],
	])('reduces %s to the Billomat ID', (_name, pasted) => {
		expect(toBillomatId(pasted)).toBe('mycompany');
	});

	it('keeps hyphens in an ID', () => {
		expect(toBillomatId('https://my-company.billomat.net')).toBe('my-company');
	});

	it.each(['', 'my company', 'https://example.org/billing', '-dash'])('refuses %j with a message that says what to enter', (pasted) => {
		expect(() => toBillomatId(pasted)).toThrow(
			`The Billomat ID "${pasted}" is not valid: enter the subdomain of your Billomat address, e.g. "mycompany" for https://mycompany.billomat.net`,
		);
	});

	it('fills the ID into the base URL template and drops a trailing slash', () => {
		expect(toBillomatBaseUrl({ ...BASE, billomatId: 'https://acme.billomat.net/' })).toBe('https://acme.billomat.net/api');
		expect(toBillomatBaseUrl({ ...BASE, baseUrl: 'http://127.0.0.1:9/{billomatId}/api/' })).toBe('http://127.0.0.1:9/mycompany/api');
		expect(toBillomatBaseUrl({ ...BASE, baseUrl: '' })).toBe('https://mycompany.billomat.net/api');
	});

	it('sends the key in X-BillomatApiKey and the app headers only when ID and secret are both given', async () => {
		const plain = await credential.authenticate(BASE, { url: '/clients' });
		const halfApp = await credential.authenticate({ ...BASE, appId: 'app' }, { url: '/clients' });
		const app = await credential.authenticate({ ...BASE, appId: 'app', appSecret: 's3cret' }, { url: '/clients' });

		expect(plain.headers).toEqual({ 'X-BillomatApiKey': 'key-1' });
		expect(halfApp.headers).toEqual({ 'X-BillomatApiKey': 'key-1' });
		expect(app.headers).toEqual({ 'X-BillomatApiKey': 'key-1', 'X-AppId': 'app', 'X-AppSecret': 's3cret' });
		expect(plain.qs).toBeUndefined();
	});

	it.each([
		['a relative request without base URL', { url: '/clients' }, 'https://mycompany.billomat.net/api'],
		['a request with its own base URL', { url: '/clients', baseURL: 'http://other' }, 'http://other'],
		['an absolute URL', { url: 'https://x.example/y' }, undefined],
	] as Array<[string, IHttpRequestOptions, string | undefined]>)('sets the base URL for %s only when it has none', async (_name, request, expected) => {
		expect((await credential.authenticate(BASE, request)).baseURL).toBe(expected);
	});

	describe('test request', () => {
		const sandbox = useSandbox(startBillomatSandbox);

		async function runTest(apiKey: string): Promise<number> {
			const options = await credential.authenticate(sandbox().credentials({ apiKey }), { ...credential.test.request } as IHttpRequestOptions);
			const response = await fetch(`${options.baseURL}${options.url}`, {
				method: options.method,
				headers: options.headers as Record<string, string>,
			});
			return response.status;
		}

		it('is a cheap authenticated GET of the own account that passes with the right key', async () => {
			expect(await runTest(sandbox().apiKey)).toBe(200);
			expect(sandbox().log.last()?.path).toBe('/demo/api/clients/myself');
		});

		it('fails with a wrong key', async () => {
			expect(await runTest('wrong')).toBe(401);
		});
	});

	it('marks the key and the app secret as passwords', () => {
		const secret = credential.properties.filter((property) => property.typeOptions?.password === true).map((property) => property.name);

		expect(secret).toEqual(['apiKey', 'appSecret']);
	});
});
