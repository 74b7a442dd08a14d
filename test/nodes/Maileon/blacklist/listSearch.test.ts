import { searchBlacklists } from '../../../../nodes/Maileon/methods/listSearch';
import { loadOptionsContext, useMaileonSandbox } from '../helpers';

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
