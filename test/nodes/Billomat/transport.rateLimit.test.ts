import { SandboxClock } from '../../sandbox/framework/clock';
import { BILLOMAT_DEMO_APP } from '../../sandbox/billomat';
import { requireSuccess } from '../../harness/workflow';
import { requestsTo, runBillomat, START, useBillomatSandbox } from './helpers';

const WINDOW_MS = 15 * 60 * 1000;

describe('Billomat transport under the rate limit', () => {
	const { sandbox, waits } = useBillomatSandbox();

	const readAll = async () =>
		requireSuccess(await runBillomat(sandbox(), { resource: 'client', operation: 'getAll', returnAll: true }));
	const addClients = (count: number) => sandbox().state.generateClients(count, (index) => ({ name: `Client ${index}` }));

	it('pauses before the request that would exceed the quota, until the next window, and sees no 429', async () => {
		addClients(5000);
		// another tool on the account already used 297 of the 300 requests of this window
		sandbox().state.spendQuota(297);

		const result = await readAll();

		expect(result.json('Billomat')).toHaveLength(5000);
		expect(sandbox().log.count((entry) => entry.status === 429)).toBe(0);
		expect(waits()).toEqual([WINDOW_MS + 1000]);
		const pages = requestsTo(sandbox(), 'GET', '/clients');
		expect(pages.map((entry) => entry.query.page)).toEqual(['1', '2', '3', '4', '5']);
		expect(pages[3].at).toBe(START + WINDOW_MS + 1000);
	});

	it('waits for the window named by X-Rate-Limit-Reset after a 429 and repeats the request', async () => {
		addClients(10);
		sandbox().state.spendQuota(300);

		const result = await readAll();

		expect(result.json('Billomat')).toHaveLength(10);
		expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => entry.status)).toEqual([429, 200]);
		// the retry's own backoff first, then the rest of the window plus one second
		expect(waits().reduce((sum, ms) => sum + ms, 0)).toBe(WINDOW_MS + 1000);
	});

	it('keeps to the quota over many windows when it reads more than one window allows', async () => {
		sandbox().state.settings.quota = 3;
		addClients(7000);

		const result = await readAll();

		expect(result.json('Billomat')).toHaveLength(7000);
		expect(sandbox().log.count((entry) => entry.status === 429)).toBe(0);
		expect(requestsTo(sandbox(), 'GET', '/clients')).toHaveLength(7);
		expect(waits()).toHaveLength(2);
	});

	it('sends the app headers when the credential has them, and gets the larger quota', async () => {
		sandbox().state.seedClients([{ name: 'A' }]);

		await runBillomat(
			sandbox(),
			{ resource: 'client', operation: 'getAll', returnAll: true },
			{ credentials: { appId: BILLOMAT_DEMO_APP.id, appSecret: BILLOMAT_DEMO_APP.secret } },
		);

		const [request] = requestsTo(sandbox(), 'GET', '/clients');
		expect(request.headers['x-appid']).toBe(BILLOMAT_DEMO_APP.id);
		expect(request.headers['x-appsecret']).toBe('***');
		expect(sandbox().state.quotaUsed(true)).toBe(1);
	});

	it('survives a 429 in the middle of a scan and reads every page once', async () => {
		addClients(3000);
		sandbox().faults.set({ kinds: ['429'], times: 1, match: (request) => request.query.page === '2' });

		const result = await readAll();

		expect(result.json('Billomat')).toHaveLength(3000);
		expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => `${entry.query.page}:${entry.status}`)).toEqual([
			'1:200',
			'2:429',
			'2:200',
			'3:200',
		]);
	});

	it('retries a server error and succeeds', async () => {
		sandbox().state.seedClients([{ name: 'A' }]);
		sandbox().faults.set({ kinds: ['503'], times: 2 });

		const result = await readAll();

		expect(result.json('Billomat')).toHaveLength(1);
		expect(requestsTo(sandbox(), 'GET', '/clients').map((entry) => entry.status)).toEqual([503, 503, 200]);
	});
});

describe('Billomat transport reading 100,000 clients', () => {
	const { sandbox, waits } = useBillomatSandbox({ clock: new SandboxClock(START) });

	it('reads them in 100 list requests under 300 per 15 minutes, pausing instead of drawing a 429', async () => {
		sandbox().state.generateClients(100_000, (index) => ({ name: `Client ${index}`, email: `c${index}@example.org` }));
		// other tools on the account used 250 requests of this window already: 50 pages fit, the rest must wait
		sandbox().state.spendQuota(250);

		const result = await runBillomat(sandbox(), { resource: 'client', operation: 'getAll', returnAll: true });

		expect(result.json('Billomat')).toHaveLength(100_000);
		const pages = requestsTo(sandbox(), 'GET', '/clients');
		expect(pages).toHaveLength(100);
		expect(sandbox().log.count((entry) => entry.status !== 200)).toBe(0);
		expect(waits()).toEqual([WINDOW_MS + 1000]);
		expect(pages.filter((entry) => entry.at < START + WINDOW_MS)).toHaveLength(50);
	});
});
