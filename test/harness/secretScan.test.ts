import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { ICredentialType, INode, JsonObject } from 'n8n-workflow';

import {
	asSecretValue,
	describeLeaks,
	findLeaks,
	secretFieldsOf,
	secretsOfCredential,
} from './secretScan';
import type { Observation, Secret } from './secretScan';

const KEY = 'k7#pQ2xz-9f3a5c1e';
const SECRET: Secret = { source: 'credential "exampleApi", field "apiKey"', value: KEY };
const node = {
	name: 'Example',
	type: 'example',
	typeVersion: 1,
	parameters: {},
} as unknown as INode;

function leaksIn(...observations: Observation[]) {
	return findLeaks({ secrets: [SECRET], observations });
}

describe('findLeaks', () => {
	it('finds the key in the json of an output item and says where', () => {
		const item = {
			json: { email: 'anna@example.org', note: `used ${KEY}` },
			pairedItem: { item: 0 },
		};

		expect(leaksIn({ where: 'output 0, item 0 of node "Example"', value: item })).toEqual([
			{
				source: SECRET.source,
				form: 'as is',
				where: 'output 0, item 0 of node "Example" › json.note',
			},
		]);
	});

	it('finds the key in the description of a NodeApiError', () => {
		const error = new NodeApiError(
			node,
			{ message: 'refused' },
			{
				message: 'Example rejected the credentials (401)',
				description: `Check the key ${KEY}`,
				httpCode: '401',
			},
		);

		expect(leaksIn({ where: 'error of the run', value: error }).map((leak) => leak.where)).toEqual([
			'error of the run › toJSON().description',
			'error of the run › description',
		]);
	});

	it('finds the key in the message of an error kept as the cause', () => {
		const error = new NodeOperationError(node, new Error(`bad key ${KEY}`), {
			message: 'Could not log in',
		});

		expect(
			leaksIn({ where: 'error of node "Example"', value: error }).map((leak) => leak.where),
		).toContain('error of node "Example" › cause.message');
	});

	it('finds the key in the metadata of a log line', () => {
		const line = { message: 'Request failed', metadata: { headers: { 'x-api-key': KEY } } };

		expect(leaksIn({ where: 'log line 3 (debug)', value: line })).toEqual([
			{
				source: SECRET.source,
				form: 'as is',
				where: 'log line 3 (debug) › metadata.headers.x-api-key',
			},
		]);
	});

	it.each([
		['the key alone', ''],
		['behind a user name', 'user:'],
		['behind a longer user name', 'admin:'],
	])('finds the key in a Basic authorization header, base64 encoded %s', (_, prefix) => {
		const header = `Basic ${Buffer.from(`${prefix}${KEY}`).toString('base64')}`;

		expect(leaksIn({ where: 'log line 1 (error)', value: `sent ${header}` })).toEqual([
			{ source: SECRET.source, form: 'base64', where: 'log line 1 (error)' },
		]);
	});

	it('finds the key URL-encoded in a query string', () => {
		const url = `https://api.example.org/x?key=${encodeURIComponent(KEY)}`;

		expect(
			leaksIn({ where: 'error of the run', value: { message: `GET ${url} failed` } })[0]?.form,
		).toBe('URL-encoded');
	});

	it('finds the key inside a file of an output item, decoded from base64', () => {
		const csv = Buffer.from(`email;key\nanna@example.org;${KEY}\n`, 'latin1').toString('base64');
		const item = {
			json: {},
			binary: { data: { data: csv, mimeType: 'text/csv', fileName: 'back-sync.csv' } },
		};

		expect(
			leaksIn({ where: 'output 0, item 0 of node "Example"', value: item }).map(
				(leak) => leak.where,
			),
		).toContain('output 0, item 0 of node "Example" › binary.data.data (decoded)');
	});

	it('finds the key in an object key and survives circular references', () => {
		const looped: Record<string, unknown> = { [KEY]: true };
		looped.self = looped;

		expect(leaksIn({ where: 'webhook call of "Example"', value: looped })).toHaveLength(1);
	});

	it('ignores the request an HTTP error carries, which n8n never keeps', () => {
		const cause = Object.assign(new Error('Request failed with status code 401'), {
			config: { headers: { Authorization: `Bearer ${KEY}` } },
			request: { path: `/x?key=${KEY}` },
		});

		expect(
			leaksIn({
				where: 'error of the run',
				value: new NodeApiError(node, cause as unknown as JsonObject),
			}),
		).toEqual([]);
	});

	it('finds a key made of characters that have a meaning in patterns', () => {
		const key = '(a+b)*[c]?^$|d\\e.f';

		expect(
			findLeaks({
				secrets: [{ ...SECRET, value: key }],
				observations: [{ where: 'log line 1 (info)', value: `x${key}y` }],
			}),
		).toEqual([{ source: SECRET.source, form: 'as is', where: 'log line 1 (info)' }]);
	});

	it('finds nothing in output without the key', () => {
		expect(
			leaksIn({ where: 'output 0, item 0 of node "Example"', value: { json: { key: 'k7#pQ2x' } } }),
		).toEqual([]);
	});
});

describe('secretFieldsOf', () => {
	// only what secretFieldsOf reads
	const type = {
		name: 'exampleApi',
		properties: [{ name: 'login' }, { name: 'phrase', typeOptions: { password: true } }],
	} as unknown as ICredentialType;

	it('takes the fields the type marks as passwords and those named like secrets', () => {
		expect(
			secretFieldsOf(
				['login', 'phrase', 'apiKey', 'accessToken', 'appSecret', 'password', 'baseUrl', 'user'],
				type,
			),
		).toEqual(['phrase', 'apiKey', 'accessToken', 'appSecret', 'password']);
	});

	it('takes only the secret fields of a credential that carry a usable value', () => {
		const secrets = secretsOfCredential(
			'exampleApi',
			{ login: 'anna-the-admin', phrase: 'long enough phrase', apiKey: ' short ' },
			type,
		);

		expect(secrets).toEqual([
			{ source: 'credential "exampleApi", field "phrase"', value: 'long enough phrase' },
		]);
	});
});

describe('asSecretValue', () => {
	it.each([
		['shorter than 8 characters', 'key-1'],
		['a URL', 'http://127.0.0.1:18080/1.0'],
		['an email address', 'demo@newsletter-sync.dev'],
		['a plain lowercase word', 'password'],
		['not a string', 18080],
	])('ignores a value %s', (_, value) => {
		expect(asSecretValue(value)).toBeUndefined();
	});

	it('trims a value as the nodes do', () => {
		expect(asSecretValue(' xd-demo-7f3a9c21 ')).toBe('xd-demo-7f3a9c21');
	});
});

describe('describeLeaks', () => {
	it('names the test, the credential field, the form and the place, never the secret', () => {
		const message = describeLeaks(
			'Example getAll returns contacts',
			leaksIn({ where: 'log line 2 (warn)', value: `key=${KEY}` }),
		);

		expect(message).toBe(
			'Secret scan: "Example getAll returns contacts" let a secret out:\n' +
				'  - the credential "exampleApi", field "apiKey" (as is) in log line 2 (warn)',
		);
		expect(message).not.toContain(KEY);
	});
});
