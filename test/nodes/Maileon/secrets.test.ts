import { jsonStringify, type IDataObject } from 'n8n-workflow';

import type { RunResult } from '../../harness/workflow';
import { contactItem, runMaileon, useMaileonSandbox } from './helpers';

const API_KEY = '0d9c6b2e-5a1f-4e3b-9c7d-SECRETKEY42';
const ENCODED_KEY = Buffer.from(API_KEY, 'utf8').toString('base64');

/** Everything n8n keeps of a run: items, run data, the error with its cause and context. */
function everythingKept(result: RunResult): string {
	const error = result.error as (Error & IDataObject) | undefined;
	return [
		jsonStringify(result.run, { replaceCircularRefs: true }),
		error?.message ?? '',
		String(error?.description ?? ''),
		error ? jsonStringify({ ...error, stack: error.stack }, { replaceCircularRefs: true }) : '',
	].join('\n');
}

describe('the Maileon API key', () => {
	const { sandbox } = useMaileonSandbox({ settings: { apiKeys: [{ key: API_KEY }] } });
	const credentials = { apiKey: API_KEY };

	it.each([
		[
			'a successful synchronization',
			() =>
				runMaileon(
					sandbox(),
					{ resource: 'contact', operation: 'syncMany' },
					{
						input: [contactItem('anna@example.org')],
						credentials,
					},
				),
		],
		[
			'a contact that is not found (404)',
			() =>
				runMaileon(
					sandbox(),
					{ resource: 'contact', operation: 'get', email: 'nobody@example.org' },
					{ credentials },
				),
		],
		[
			'a key Maileon refuses (401)',
			() => {
				sandbox().state.settings.apiKeys = [{ key: 'another-key' }];
				return runMaileon(
					sandbox(),
					{ resource: 'customField', operation: 'getAll' },
					{ credentials },
				);
			},
		],
		[
			'a key without the POST privilege (403)',
			() => {
				sandbox().state.settings.apiKeys = [{ key: API_KEY, methods: ['GET'] }];
				return runMaileon(
					sandbox(),
					{ resource: 'customField', operation: 'create', name: 'Interest' },
					{ credentials },
				);
			},
		],
		[
			'a server that keeps failing (500)',
			() => {
				sandbox().faults.set({ kinds: ['500'] });
				return runMaileon(
					sandbox(),
					{ resource: 'unsubscriber', operation: 'getNew' },
					{ credentials },
				);
			},
		],
		[
			'an unreachable host behind a proxy',
			() =>
				runMaileon(
					sandbox(),
					{ resource: 'customField', operation: 'getAll' },
					{
						credentials: {
							...credentials,
							baseUrl: 'http://127.0.0.1:9/1.0',
							proxyHost: '127.0.0.1',
							proxyPort: 9,
							proxyUser: 'u',
							proxyPassword: API_KEY,
						},
					},
				),
		],
	])('never appears in the output or the error of %s', async (_, run) => {
		const kept = everythingKept(await run());

		expect(kept).not.toContain(API_KEY);
		expect(kept).not.toContain(ENCODED_KEY);
	});

	it('reaches Maileon only as the Basic authorization header, which the sandbox log redacts', async () => {
		await runMaileon(sandbox(), { resource: 'customField', operation: 'getAll' }, { credentials });

		expect(sandbox().log.entries[0].headers.authorization).toBe('Basic ***');
		expect(sandbox().log.entries[0].status).toBe(200);
	});
});
