import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { DirectoApi } from '../../../credentials/DirectoApi.credentials';
import { startDirectoSandbox, type DirectoSandbox } from '../../sandbox/directo';

// what n8n's credential tester uses to apply `responseSuccessBody` rules
const get = require('lodash/get') as (object: unknown, path: string) => unknown;

const credential = new DirectoApi();
const XML_DIRECT = {
	interfaceType: 'xmlDirect',
	url: '',
	apiKey: ' xd-key ',
	parameterPlacement: 'query',
};
const READ: IHttpRequestOptions = {
	method: 'POST',
	url: '',
	qs: { get: '1', what: 'customer', ts: '01.01.2024' },
};

function form(options: IHttpRequestOptions): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(String(options.body)));
}

describe('Directo credential', () => {
	it('sends to the XML Direct endpoint with the key as "token" in the form body and routing in the query', async () => {
		const options = await credential.authenticate(XML_DIRECT, READ);

		expect(options.url).toBe('https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp');
		expect(options.qs).toEqual({ get: '1', what: 'customer', ts: '01.01.2024' });
		expect(form(options)).toEqual({ token: 'xd-key' });
		expect(options.headers).toEqual({
			'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
		});
	});

	it('keeps xmldata in the form body', async () => {
		const options = await credential.authenticate(XML_DIRECT, {
			method: 'POST',
			url: '',
			qs: { put: '1', what: 'customer', xd_update: '1' },
			body: { xmldata: '<customers/>' },
		});

		expect(options.qs).toEqual({ put: '1', what: 'customer', xd_update: '1' });
		expect(form(options)).toEqual({ xmldata: '<customers/>', token: 'xd-key' });
	});

	it('puts everything in the form body when so configured', async () => {
		const options = await credential.authenticate(
			{ ...XML_DIRECT, parameterPlacement: 'body' },
			READ,
		);

		expect(options.qs).toEqual({});
		expect(form(options)).toEqual({
			get: '1',
			what: 'customer',
			ts: '01.01.2024',
			token: 'xd-key',
		});
	});

	it.each([
		[
			'builds the URL from the database name',
			{ url: '', databaseName: 'demo_ee' },
			'https://login.directo.ee/xmlcore/demo_ee/xmlcore.asp',
		],
		[
			'keeps a URL that is given',
			{ url: 'https://directo.gate.ee/xmlcore/acme/xmlcore.asp', databaseName: 'demo_ee' },
			'https://directo.gate.ee/xmlcore/acme/xmlcore.asp',
		],
	] as Array<[string, ICredentialDataDecryptedObject, string]>)(
		'for a legacy interface %s and sends the appkey as "key"',
		async (_case, fields, url) => {
			const options = await credential.authenticate(
				{ ...XML_DIRECT, interfaceType: 'xmlcore', ...fields },
				READ,
			);

			expect(options.url).toBe(url);
			expect(form(options)).toEqual({ key: 'xd-key' });
		},
	);

	describe('test request', () => {
		let sandbox: DirectoSandbox;

		beforeAll(async () => {
			sandbox = await startDirectoSandbox();
			sandbox.state.addCustomers([{ code: 'K1', email: 'a@example.org' }]);
		});

		afterAll(async () => {
			await sandbox.close();
		});

		/** Sends the test request as n8n does and applies its rules; `undefined` means "Connection successful". */
		async function testWith(fields: ICredentialDataDecryptedObject): Promise<string | undefined> {
			const options = await credential.authenticate(
				{ ...XML_DIRECT, url: sandbox.url, apiKey: sandbox.token, ...fields },
				{ ...(credential.test.request as IHttpRequestOptions) },
			);
			const query = new URLSearchParams(options.qs as Record<string, string>).toString();
			const response = await fetch(`${options.url}?${query}`, {
				method: options.method,
				headers: options.headers as Record<string, string>,
				body: String(options.body),
			});
			const body = await response.text();
			const rule = (credential.test.rules ?? []).find(
				(candidate) =>
					candidate.type === 'responseSuccessBody' &&
					get(body, candidate.properties.key) === candidate.properties.value,
			);
			return rule?.properties.message;
		}

		it('succeeds with a valid key and reads no customer', async () => {
			expect(await testWith({})).toBeUndefined();
			expect(sandbox.state.calls.at(-1)).toMatchObject({ answer: 'records', records: 0 });
		});

		it('reports a refused key', async () => {
			expect(await testWith({ apiKey: 'wrong' })).toBe(
				'Directo refused the request (Unauthorized or Invalid url given): check the key, the interface and the URL. The key must be allowed to read customers.',
			);
		});

		it('reports a missing key', async () => {
			expect(await testWith({ apiKey: '' })).toBe(
				'Directo answered with an error (e.g. "token required"): check that the key is filled in',
			);
		});

		it('tells an error from data also when data answers start without a declaration', async () => {
			sandbox.state.settings.xmlDeclaration = false;

			expect(await testWith({})).toBeUndefined();
			expect(await testWith({ apiKey: 'wrong' })).toMatch(/^Directo refused the request/);
		});
	});
});
