import type { IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { searchBlacklists } from '../../../../nodes/Maileon/methods/listSearch';
import type { MaileonSandbox } from '../../../sandbox/maileon';
import { maileonCredentials, useMaileonSandbox } from '../helpers';

/** A load-options context whose authenticated requests go to the sandbox with the demo key. */
function loadOptionsContext(sandbox: MaileonSandbox): ILoadOptionsFunctions {
	return {
		getNode: () => ({ name: 'Maileon', type: 'n8n-nodes-newsletter-sync.maileon', typeVersion: 1, parameters: {} }),
		getCredentials: async () => maileonCredentials(sandbox).maileonApi,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const response = await fetch(`${options.baseURL}${options.url}`, {
					method: options.method,
					headers: { authorization: sandbox.authorization() },
				});
				return { statusCode: response.status, headers: {}, body: await response.text() };
			},
		},
	} as unknown as ILoadOptionsFunctions;
}

describe('Maileon blacklist search', () => {
	const { sandbox } = useMaileonSandbox();

	afterEach(() => {
		jest.restoreAllMocks();
	});

	it('offers the account blacklists sorted by name, with their ids as values', async () => {
		const result = await searchBlacklists.call(loadOptionsContext(sandbox()));

		expect(result.results).toEqual([
			{ name: 'Competitors', value: '12' },
			{ name: 'Newsletter opt-outs', value: '11' },
		]);
	});

	it('filters by name, ignoring case', async () => {
		const result = await searchBlacklists.call(loadOptionsContext(sandbox()), 'OPT');

		expect(result.results).toEqual([{ name: 'Newsletter opt-outs', value: '11' }]);
	});

	it('marks a global blacklist as read-only when Maileon lists one', async () => {
		// the sandbox lists only the account's own lists, as the PHP client documents; an account may differ
		const search = loadOptionsContext(sandbox());
		const original = sandbox().state.blacklists.all.bind(sandbox().state.blacklists);
		jest.spyOn(sandbox().state.blacklists, 'all').mockImplementation(() => original().map((list) => ({ ...list, global: false })));

		const result = await searchBlacklists.call(search, 'global');

		expect(result.results).toEqual([
			{ name: 'Global blacklist (global, read-only)', value: '1' },
			{ name: 'Global domain blacklist (global, read-only)', value: '2' },
		]);
	});
});
