import { checkTargets, formatResults, readOptions, runBenchmark, type BenchmarkResults } from '../../bench/run';

/**
 * `npm run bench` on a small scale, so the benchmark keeps working between the runs that measure:
 * every case runs in its own process against the sandboxes and reports the fields results.json promises.
 */
describe('npm run bench', () => {
	let results: BenchmarkResults;

	beforeAll(async () => {
		results = await runBenchmark(readOptions(['--n', '400', '--latency', '0', '--baseline-n', '30', '--placeholder-n', '2000', '--runs', '1']));
	}, 300_000);

	it('writes the shape results.json promises for every case', () => {
		expect(results.n).toBe(400);
		for (const name of ['kuferToMaileon', 'naiveBaseline', 'directoImport', 'billomatImport'] as const) {
			expect(results.cases[name]).toMatchObject({
				wallMs: expect.any(Number),
				requests: expect.any(Number),
				peakRssMb: expect.any(Number),
				contactsPerSecond: expect.any(Number),
			});
		}
		expect(results.cases.parse).toMatchObject({ wallMs: expect.any(Number), peakRssMb: expect.any(Number), records: 400 });
		expect(results.cases.byteScan).toMatchObject({ wallMs: expect.any(Number) });
		// 2000 records, 300 of them one placeholder address and 100 without any: 1601 contacts, 100 invalid
		expect(results.cases.placeholderParse).toMatchObject({ records: 2000, placeholderRecords: 300, itemsOut: 1701, linearity: expect.any(Number) });
		expect(results.ratios.speedupVsBaseline).toBeGreaterThan(0);
		expect(results.ratios.parseVsScan).toBeGreaterThan(0);
	});

	it('runs the naive workflow on the smaller count and says that it extrapolated', () => {
		const baseline = results.cases.naiveBaseline as Record<string, unknown> & {
			wallMs: number;
			measured: { n: number; requests: number; wallMs: number };
			itemCounts: Record<string, number>;
		};
		expect(baseline).toMatchObject({ n: 30, extrapolated: true });
		// one request per contact with J or K, nothing in bulk
		expect(baseline.measured.requests).toBe(baseline.itemCounts['Newsletter J or K?']);
		expect(baseline.requests).toBe(Math.round((baseline.measured.requests * 400) / 30));
		// both times are rounded to 0.1 ms, the measured one before it is scaled up
		expect(Math.abs(baseline.wallMs - (baseline.measured.wallMs * 400) / 30)).toBeLessThan(1);
	});

	it('imports with our templates in bulk and brings every consented contact across', () => {
		const kufer = results.cases.kuferToMaileon as { requests: number; contactsInMaileon: number; counts: Record<string, number> };
		expect(kufer.requests).toBeLessThanOrEqual(Math.ceil(400 / 1000) + 5);
		expect(kufer.contactsInMaileon).toBe(kufer.counts.created);
		expect(kufer.counts.selected).toBe(400);
		const billomat = results.cases.billomatImport as { listRequests: number; rateLimited: number; contactsInMaileon: number };
		// one filtered read per tag: 360 clients tagged newsletter, 40 newsletter-unsubscribed
		expect(billomat).toMatchObject({ listRequests: 2, rateLimited: 0, contactsInMaileon: 360 });
		const directo = results.cases.directoImport as { recipients: number; counts: Record<string, number> };
		expect(directo.recipients).toBe(directo.counts.created);
	});

	it('checks every target and prints a table that names the extrapolation', () => {
		expect(checkTargets(results).map((target) => target.name)).toEqual([
			'KUFER → Maileon: requests to Maileon',
			'KUFER → Maileon: wall time (s)',
			'KUFER → Maileon: peak RSS (MB)',
			'KUFER → Maileon: speed-up over the naive workflow',
			'Parse: wall time (ms)',
			'Parse: peak RSS (MB)',
			'Parse: times the byte scan',
			'Parse with a placeholder address: linearity',
			'Billomat: list requests',
			'Billomat: 429 answers',
			'Suppression ledger: 400 adds and checks (ms)',
		]);
		const table = formatResults(results);
		expect(table).toContain('naive per-contact workflow *');
		expect(table).toContain('extrapolated linearly from a measured run of 30 contacts');
	});

	it('marks a missed target as missed', () => {
		const slow = { ...results, cases: { ...results.cases, parse: { ...results.cases.parse, wallMs: 1501 } } };
		expect(checkTargets(slow).find((target) => target.name === 'Parse: wall time (ms)')).toMatchObject({ met: false, actual: 1501 });
	});
});
