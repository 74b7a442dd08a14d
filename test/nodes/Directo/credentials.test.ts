import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { DirectoApi } from '../../../credentials/DirectoApi.credentials';
import { testCredential } from '../../harness/credentialTest';
import { startDirectoSandbox, type DirectoSandbox } from '../../sandbox/directo';


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

	describe('test, as the n8n editor runs it', () => {
		let sandbox: DirectoSandbox;

		beforeAll(async () => {
			sandbox = await startDirectoSandbox();
			sandbox.state.addCustomers([{ code: 'K1', email: 'a@example.org' }]);
		});

		afterEach(() => {
			sandbox.state.reset();
			sandbox.state.addCustomers([{ code: 'K1', email: 'a@example.org' }]);
			sandbox.state.settings.xmlDeclaration = true;
		});

		afterAll(async () => {
			await sandbox.close();
		});

		const test = async (fields: ICredentialDataDecryptedObject = {}) =>
			await testCredential('directoApi', { interfaceType: 'xmlDirect', url: sandbox.url, apiKey: sandbox.token, ...fields });

		it('succeeds with a valid key, reads no customer and posts every field in the form body', async () => {
			expect(await test()).toEqual({ status: 'OK', message: 'Connection successful' });
			expect(sandbox.state.calls.at(-1)).toMatchObject({ routingIn: 'body', keyIn: 'body', answer: 'records', records: 0 });
		});

		it('succeeds also when data answers start without a declaration', async () => {
			sandbox.state.settings.xmlDeclaration = false;

			expect(await test()).toEqual({ status: 'OK', message: 'Connection successful' });
		});

		it('says that the key was refused and what to do', async () => {
			expect(await test({ apiKey: 'wrong' })).toEqual({
				status: 'Error',
				message:
					'Directo refused the key (Unauthorized). The key is wrong, or it may not use the "customer" component: in Directo a SUPER user limits each key to chosen components under XML interfaces, and the XML output must be ordered. Check the key and the interface in the Directo credential, then press Test.',
			});
		});

		it('says that the key is missing and what to do', async () => {
			expect(await test({ apiKey: '' })).toEqual({
				status: 'Error',
				message:
					'Directo received no key (token required). Enter the key in the Directo credential. A legacy xmlcore interface expects its appkey as "key": choose "Legacy Xmlcore" as the interface then.',
			});
		});

		it.each([
			['after an XML declaration', '<?xml version="1.0" encoding="UTF-8"?><result type="5" desc="Unauthorized"/>', 'Directo refused the key (Unauthorized).'],
			['after a byte order mark', '\uFEFF<result type="5" desc="Unauthorized"/>', 'Directo refused the key (Unauthorized).'],
			['after a line break and spaces', '\r\n  <err>token required</err>', 'Directo received no key (token required).'],
			['"Invalid url given"', '<result type="404" desc="Invalid url given"/>', 'Directo did not accept the request (Invalid url given).'],
			['a legacy error element after a declaration', '<?xml version="1.0"?>\n<error desc="database is locked" code="3"/>', 'Directo answered with an error: database is locked.'],
			['a refused write result', '<results><Result Type="5" Desc="Unauthorized"/></results>', 'Directo refused the key (Unauthorized).'],
		])('fails on an error answer %s', async (_case, xml, message) => {
			sandbox.state.injectAnswer({ kind: 'error', xml });

			const result = await test();

			expect(result.status).toBe('Error');
			expect(result.message.startsWith(message)).toBe(true);
		});

		it.each([
			['an empty answer', { kind: 'empty' } as const, 'Directo sent an empty answer.'],
			['a web page', { kind: 'html' } as const, 'Directo answered with a web page instead of its XML.'],
		])('fails on %s', async (_case, fault, message) => {
			sandbox.state.injectAnswer(fault);

			expect((await test()).message.startsWith(message)).toBe(true);
		});

		it('says that no interface is at the URL of a legacy database', async () => {
			const result = await test({ interfaceType: 'xmlcore', url: sandbox.legacyUrl('not_ordered'), apiKey: sandbox.appKey });

			expect(result).toEqual({
				status: 'Error',
				message: expect.stringMatching(/^There is no Directo XML interface at this URL \(404\)\. Check the XML Interface URL/),
			});
		});

		it('says that nothing answers at the URL', async () => {
			const result = await test({ url: 'http://127.0.0.1:9/xmlcore/cap_xml_direct/xmlcore.asp' });

			expect(result).toEqual({
				status: 'Error',
				message: 'Could not connect to Directo at 127.0.0.1:9 (ECONNREFUSED). Check the XML Interface URL and any proxy between n8n and Directo.',
			});
		});
	});
});
