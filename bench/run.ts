/**
 * `npm run bench`: our templates side by side with the per-contact workflow a user would build from
 * n8n's stock nodes, against the local API sandboxes with a fixed latency per request.
 *
 *   npm run bench -- [--n 100000] [--latency 20] [--baseline-n 1000] [--baseline-wait 0]
 *                    [--placeholder-n 1000000] [--seed 1] [--runs 3]
 *                    [--cases kuferToMaileon,naiveBaseline,...] [--out bench/results.json]
 *                    [--growth 10000,100000,1000000]
 *
 * KUFER → Maileon, the parse, the byte scan and the ledger run `--runs` times; each figure is the
 * median. `--growth` runs KUFER → Maileon, the parse and the byte scan at each size and prints how
 * time and memory grow.
 *
 * The sandboxes run in this process; every case runs in a child process (bench/worker.ts) with n8n's
 * engine, so each case's peak RSS is its own. Prints a table and writes bench/results.json.
 * `BENCH_WORKER_ARGS` passes Node flags to the case processes (e.g. `--cpu-prof` to profile a case).
 */
import { fork } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { streamExport } from '../test/sandbox/kufer';
import { startSandboxes, type SandboxSet } from '../test/scenarios/sandboxes';
import { median, type WorkerResult, type WorkerTask } from './worker';

const ROOT = path.resolve(__dirname, '..');
/** Extra Node flags for the case processes, e.g. `BENCH_WORKER_ARGS="--cpu-prof --cpu-prof-dir=prof"`. */
const WORKER_ARGS = (process.env.BENCH_WORKER_ARGS ?? '').split(' ').filter((flag) => flag !== '');
const WORKFLOWS = path.join(ROOT, 'workflows');
const CASE_NAMES = ['kuferToMaileon', 'naiveBaseline', 'directoImport', 'billomatImport', 'parse', 'byteScan', 'placeholderParse', 'ledger'] as const;
/** Peak RSS of KUFER → Maileon allowed at 100,000 contacts, MB. */
const KUFER_RSS_LIMIT_MB = 350;
/** How far above the physical limit (requests × latency + byte scan) KUFER → Maileon may stay. */
const KUFER_TIME_FACTOR = 3;
/** How many times the byte scan the parse may take. */
const PARSE_SCAN_FACTOR = 3;
/** Adding and checking `n` addresses in the suppression ledger must not scan the store, ms. */
const LEDGER_LIMIT_MS = 10_000;
type CaseName = (typeof CASE_NAMES)[number];

export interface Options {
	readonly n: number;
	readonly latencyMs: number;
	readonly baselineN: number;
	readonly baselineWaitSeconds: number;
	/** Records of the placeholder export (15% of them share one address). */
	readonly placeholderN: number;
	readonly seed: number;
	readonly runs: number;
	readonly cases: readonly CaseName[];
	readonly out: string;
	/** Sizes for the growth table; empty: no growth run. */
	readonly growth: readonly number[];
}

export function readOptions(argv: readonly string[]): Options {
	const value = (name: string, fallback: string): string => {
		const index = argv.indexOf(`--${name}`);
		return index === -1 ? fallback : (argv[index + 1] ?? fallback);
	};
	const number = (name: string, fallback: number): number => {
		const parsed = Number(value(name, String(fallback)));
		if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} takes a non-negative number.`);
		return parsed;
	};
	const n = number('n', 100_000);
	const cases = value('cases', CASE_NAMES.join(','))
		.split(',')
		.map((name) => name.trim())
		.filter((name) => name !== '');
	for (const name of cases) {
		if (!(CASE_NAMES as readonly string[]).includes(name)) {
			throw new Error(`Unknown case "${name}"; the cases are ${CASE_NAMES.join(', ')}.`);
		}
	}
	return {
		n,
		latencyMs: number('latency', 20),
		baselineN: Math.min(n, number('baseline-n', 1000)),
		baselineWaitSeconds: number('baseline-wait', 0),
		placeholderN: number('placeholder-n', 1_000_000),
		seed: number('seed', 1),
		runs: Math.max(1, number('runs', 3)),
		cases: cases as CaseName[],
		out: path.resolve(value('out', path.join(ROOT, 'bench', 'results.json'))),
		growth: value('growth', '')
			.split(',')
			.filter((size) => size.trim() !== '')
			.map((size) => {
				const parsed = Number(size);
				if (!Number.isInteger(parsed) || parsed < 1) throw new Error('--growth takes sizes such as 10000,100000,1000000.');
				return parsed;
			}),
	};
}

/** Runs one task in a fresh child process with the same loader (tsx) as this one. */
function runWorker(task: WorkerTask): Promise<WorkerResult> {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'worker.ts'), [], {
			// tsx compiles the worker, also when this module runs under jest
			execArgv: ['--import', 'tsx', '--max-old-space-size=4096', ...WORKER_ARGS],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let answered = false;
		child.once('message', (message) => {
			answered = true;
			resolve(message as WorkerResult);
		});
		child.once('error', reject);
		child.once('exit', (code) => {
			if (!answered) reject(new Error(`The benchmark worker exited with code ${code} before it answered.`));
		});
		child.send(task);
	});
}

async function writeExport(file: string, count: number, seed: number): Promise<number> {
	await pipeline(Readable.from(streamExport({ count, seed })), createWriteStream(file));
	return statSync(file).size;
}

/** Share of the placeholder export's records that carry one placeholder address, as exports do for "no e-mail". */
const PLACEHOLDER_SHARE = 0.15;
/** Share of its records without any address. */
const NO_ADDRESS_SHARE = 0.05;

/**
 * A KUFER export of `count` records in which 15% share the placeholder `keine@example.de` (its
 * statuses alternate J, N, K, empty) and 5% have no address; the rest are distinct. Written in
 * pieces, so it never exists as one string.
 */
async function writePlaceholderExport(file: string, count: number): Promise<number> {
	async function* pieces(): AsyncGenerator<string> {
		yield `<?xml version="1.0" encoding="UTF-8"?>\n<adressen anzahl="${count}">\n`;
		const statuses = ['J', 'N', 'K', ''];
		let piece = '';
		for (let index = 0; index < count; index++) {
			const slot = index % 100;
			const email =
				slot < PLACEHOLDER_SHARE * 100
					? 'keine@example.de'
					: slot < (PLACEHOLDER_SHARE + NO_ADDRESS_SHARE) * 100
						? ''
						: `person${index}@example.de`;
			piece += `<adresse><adrnr>${index + 1}</adrnr><name>Muster</name><email>${email}</email><newsletter>${statuses[index % 4]}</newsletter></adresse>\n`;
			if (piece.length > 64 * 1024) {
				yield piece;
				piece = '';
			}
		}
		yield `${piece}</adressen>\n`;
	}
	await pipeline(Readable.from(pieces()), createWriteStream(file));
	return statSync(file).size;
}

/**
 * The Parse operation on the placeholder export at a quarter of the size and at the full size: in
 * linear time the full run takes about four times as long (`linearity` ≈ 1).
 */
async function placeholderParse(options: Options, workDir: string): Promise<CaseResult> {
	const sizes = [Math.round(options.placeholderN / 4), options.placeholderN];
	const files = sizes.map((count) => path.join(workDir, `placeholder-${count}.xml`));
	const bytes = await Promise.all(sizes.map((count, index) => writePlaceholderExport(files[index], count)));
	// one process for both sizes: the larger run follows the smaller, as warm as it
	const result = check(await runWorker({ kind: 'kuferParse', files }), 'placeholder parse');
	for (const file of files) rmSync(file, { force: true });
	const [quarterMs, fullMs] = result.runsMs ?? [];
	return {
		wallMs: round(fullMs),
		requests: 0,
		peakRssMb: round(result.peakRssMb),
		contactsPerSecond: Math.round(options.placeholderN / (fullMs / 1000)),
		records: options.placeholderN,
		placeholderRecords: Math.round(options.placeholderN * PLACEHOLDER_SHARE),
		itemsOut: result.records,
		megabytes: round(bytes[1] / 1024 ** 2),
		quarterWallMs: round(quarterMs),
		linearity: round(fullMs / (4 * quarterMs), 2),
	};
}

// ---- cases ------------------------------------------------------------------------------------------

interface CaseResult {
	wallMs: number;
	requests: number;
	peakRssMb: number;
	contactsPerSecond: number;
	[key: string]: unknown;
}

function round(value: number, digits = 1): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

function check(result: WorkerResult, name: string): WorkerResult {
	if (result.status !== undefined && result.status !== 'success') {
		throw new Error(`${name} did not finish: ${result.status}${result.error ? `: ${result.error}` : ''}`);
	}
	return result;
}

function countsOf(result: WorkerResult): Record<string, number> {
	return (result.report?.counts ?? {}) as Record<string, number>;
}

async function withSandboxes<T>(latencyMs: number, body: (sandboxes: SandboxSet) => Promise<T>): Promise<T> {
	const sandboxes = await startSandboxes({ latencyMs });
	try {
		return await body(sandboxes);
	} finally {
		await sandboxes.close();
	}
}

function kuferParameters(exportFile: string, workDir: string) {
	return {
		'Read KUFER Export': { fileSelector: exportFile },
		'Save Back-Sync File': { fileName: `=${path.join(workDir, 'abmelder')}/{{ $json.fileName }}` },
	};
}

async function kuferToMaileon(options: Options, exportFile: string, workDir: string): Promise<CaseResult> {
	return await withSandboxes(options.latencyMs, async (sandboxes) => {
		const result = check(
			await runWorker({
				kind: 'workflow',
				file: path.join(WORKFLOWS, 'kufer-maileon-transfer.json'),
				credentials: sandboxes.credentials(),
				parameters: kuferParameters(exportFile, workDir),
				reportNode: 'Run Report',
			}),
			'KUFER → Maileon',
		);
		const counts = countsOf(result);
		const inMaileon = sandboxes.maileon.state.listContacts().length;
		if (inMaileon !== counts.created + counts.updated) {
			throw new Error(`Maileon holds ${inMaileon} contacts but the report says ${counts.created} created and ${counts.updated} updated.`);
		}
		return {
			wallMs: round(result.wallMs),
			cpuMs: round(result.cpuMs ?? 0),
			requests: sandboxes.maileon.log.size,
			peakRssMb: round(result.peakRssMb),
			startRssMb: round(result.startRssMb),
			contactsPerSecond: Math.round(options.n / (result.wallMs / 1000)),
			requestLimit: Math.ceil(options.n / 1000) + 5,
			contactsInMaileon: inMaileon,
			counts,
			summary: result.report?.summary,
			nodeMs: result.nodeMs,
		};
	});
}

async function naiveBaseline(options: Options, workDir: string): Promise<CaseResult> {
	const n = options.baselineN;
	const exportFile = path.join(workDir, `baseline-${n}.xml`);
	await writeExport(exportFile, n, options.seed);
	return await withSandboxes(options.latencyMs, async (sandboxes) => {
		const settings = [
			{ id: 'n1', name: 'maileonUrl', type: 'string', value: sandboxes.maileon.apiUrl },
			{ id: 'n2', name: 'authorization', type: 'string', value: sandboxes.maileon.authorization() },
			{ id: 'n3', name: 'waitSeconds', type: 'number', value: options.baselineWaitSeconds },
		];
		const result = check(
			await runWorker({
				kind: 'workflow',
				file: path.join(__dirname, 'naive-kufer-maileon.json'),
				credentials: {},
				parameters: {
					Settings: { assignments: { assignments: settings } },
					'Read KUFER Export': { fileSelector: exportFile },
				},
				countNodes: ['One Item per Address', 'Newsletter J or K?'],
			}),
			'naive baseline',
		);
		const requests = sandboxes.maileon.log.size;
		const scale = options.n / n;
		return {
			wallMs: round(result.wallMs * scale),
			requests: Math.round(requests * scale),
			peakRssMb: round(result.peakRssMb),
			startRssMb: round(result.startRssMb),
			contactsPerSecond: Math.round(n / (result.wallMs / 1000)),
			n,
			extrapolated: n !== options.n,
			measured: { n, wallMs: round(result.wallMs), requests },
			waitSeconds: options.baselineWaitSeconds,
			contactsInMaileon: sandboxes.maileon.state.listContacts().length,
			itemCounts: result.itemCounts,
			nodeMs: result.nodeMs,
		};
	});
}

async function directoImport(options: Options): Promise<CaseResult> {
	return await withSandboxes(options.latencyMs, async (sandboxes) => {
		sandboxes.directo.state.generateCustomers(options.n);
		const listId = sandboxes.newsletter2go.state.defaultListId;
		const result = check(
			await runWorker({
				kind: 'workflow',
				file: path.join(WORKFLOWS, 'directo-newsletter2go-import.json'),
				credentials: sandboxes.credentials(),
				parameters: {
					Settings: { assignments: { assignments: [{ id: 's1', name: 'listId', type: 'string', value: listId }] } },
				},
				reportNode: 'Run Report',
			}),
			'Directo → Newsletter2Go',
		);
		const directoRequests = sandboxes.directo.log.size;
		const newsletter2goRequests = sandboxes.newsletter2go.log.size;
		return {
			wallMs: round(result.wallMs),
			requests: directoRequests + newsletter2goRequests,
			directoRequests,
			newsletter2goRequests,
			peakRssMb: round(result.peakRssMb),
			startRssMb: round(result.startRssMb),
			contactsPerSecond: Math.round(options.n / (result.wallMs / 1000)),
			recipients: sandboxes.newsletter2go.state.recipientsOf(listId).length,
			counts: countsOf(result),
			summary: result.report?.summary,
			nodeMs: result.nodeMs,
		};
	});
}

async function billomatImport(options: Options): Promise<CaseResult> {
	return await withSandboxes(options.latencyMs, async (sandboxes) => {
		const { state } = sandboxes.billomat;
		// every tenth client opted out; the rest carry the newsletter tag
		state.seedClients(
			Array.from({ length: options.n }, (_, index) => ({
				name: `Kunde ${index + 1} GmbH`,
				first_name: 'Anna',
				last_name: `Beispiel ${index + 1}`,
				email: `kunde${index + 1}@example.org`,
				tags: [index % 10 === 9 ? 'newsletter-unsubscribed' : 'newsletter'],
			})),
		);
		// without app headers: the shared quota of 300 requests per 15 minutes (billomat.md §4)
		const { appId: _appId, appSecret: _appSecret, ...billomatApi } = sandboxes.credentials().billomatApi;
		const result = check(
			await runWorker({
				kind: 'workflow',
				file: path.join(WORKFLOWS, 'billomat-maileon-import.json'),
				credentials: { ...sandboxes.credentials(), billomatApi },
				reportNode: 'Run Report',
			}),
			'Billomat → Maileon',
		);
		const log = sandboxes.billomat.log;
		const listRequests = log.count((entry) => entry.method === 'GET' && /\/api\/clients$/.test(entry.path));
		return {
			wallMs: round(result.wallMs),
			requests: log.size + sandboxes.maileon.log.size,
			billomatRequests: log.size,
			listRequests,
			rateLimited: log.count((entry) => entry.status === 429),
			maileonRequests: sandboxes.maileon.log.size,
			peakRssMb: round(result.peakRssMb),
			startRssMb: round(result.startRssMb),
			contactsPerSecond: Math.round(options.n / (result.wallMs / 1000)),
			contactsInMaileon: sandboxes.maileon.state.listContacts().length,
			counts: countsOf(result),
			summary: result.report?.summary,
			nodeMs: result.nodeMs,
		};
	});
}

/** Runs a case `runs` times; its wall time and peak RSS are the medians, every run's figures are kept. */
async function medianRun(runs: number, run: () => Promise<CaseResult>): Promise<CaseResult> {
	const results: CaseResult[] = [];
	for (let index = 0; index < runs; index++) results.push(await run());
	const wallMs = median(results.map((result) => result.wallMs));
	const middle = results.find((result) => result.wallMs === wallMs) ?? results[0];
	return {
		...middle,
		wallMs,
		peakRssMb: median(results.map((result) => result.peakRssMb)),
		cpuMs: median(results.map((result) => Number(result.cpuMs ?? 0))),
		contactsPerSecond: middle.contactsPerSecond,
		runsMs: results.map((result) => result.wallMs),
		runsPeakRssMb: results.map((result) => result.peakRssMb),
		runsCpuMs: results.map((result) => Number(result.cpuMs ?? 0)),
	};
}

// ---- report -----------------------------------------------------------------------------------------

function table(rows: ReadonlyArray<readonly string[]>): string {
	const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
	return rows
		.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '))
		.join('\n');
}

function machine() {
	const cpus = os.cpus();
	return {
		cpu: cpus[0]?.model.trim() ?? 'unknown',
		cores: cpus.length,
		memoryGb: round(os.totalmem() / 1024 ** 3),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
	};
}

export interface Target {
	readonly name: string;
	readonly met: boolean;
	readonly actual: number | null;
	readonly limit: number;
}

/**
 * What KUFER → Maileon cannot beat: one request per 1000 contacts at the sandbox latency, plus reading
 * the export once (the byte scan; 0 when it was not measured).
 */
export function physicalLimitMs(results: Pick<BenchmarkResults, 'n' | 'latencyMs' | 'cases'>): number {
	const scan = results.cases.byteScan?.wallMs;
	return Math.ceil(results.n / 1000) * results.latencyMs + (typeof scan === 'number' ? scan : 0);
}

/** The targets of the benchmark, checked from the results (not in timed tests). */
export function checkTargets(results: BenchmarkResults): Target[] {
	const { cases, n } = results;
	const value = (name: CaseName, field: string): number | null => {
		const found = cases[name]?.[field];
		return typeof found === 'number' ? found : null;
	};
	const targets: Target[] = [];
	const add = (name: string, actual: number | null, limit: number, atMost: boolean) =>
		targets.push({ name, actual, limit, met: actual !== null && (atMost ? actual <= limit : actual >= limit) });
	if (cases.kuferToMaileon) {
		add('KUFER → Maileon: requests to Maileon', value('kuferToMaileon', 'requests'), Math.ceil(n / 1000) + 5, true);
		const wallMs = value('kuferToMaileon', 'wallMs');
		add('KUFER → Maileon: wall time (s)', wallMs === null ? null : wallMs / 1000, (KUFER_TIME_FACTOR * physicalLimitMs(results)) / 1000, true);
		add('KUFER → Maileon: peak RSS (MB)', value('kuferToMaileon', 'peakRssMb'), KUFER_RSS_LIMIT_MB, true);
	}
	if (cases.kuferToMaileon && cases.naiveBaseline) add('KUFER → Maileon: speed-up over the naive workflow', results.ratios.speedupVsBaseline, 50, false);
	if (cases.parse) {
		add('Parse: wall time (ms)', value('parse', 'wallMs'), 1500, true);
		add('Parse: peak RSS (MB)', value('parse', 'peakRssMb'), 300, true);
	}
	if (cases.parse && cases.byteScan) add('Parse: times the byte scan', results.ratios.parseVsScan, PARSE_SCAN_FACTOR, true);
	// time at the full size over four times the time at a quarter: 1 is linear, 4 would be quadratic
	if (cases.placeholderParse) add('Parse with a placeholder address: linearity', value('placeholderParse', 'linearity'), 1.5, true);
	if (cases.billomatImport) {
		add('Billomat: list requests', value('billomatImport', 'listRequests'), Math.ceil(n / 1000), true);
		add('Billomat: 429 answers', value('billomatImport', 'rateLimited'), 0, true);
	}
	if (cases.ledger) add(`Suppression ledger: ${n.toLocaleString('en')} adds and checks (ms)`, value('ledger', 'wallMs'), LEDGER_LIMIT_MS, true);
	return targets;
}

export interface BenchmarkResults {
	n: number;
	latencyMs: number;
	seed: number;
	machine: ReturnType<typeof machine>;
	date: string;
	cases: Partial<Record<CaseName, Record<string, unknown>>>;
	ratios: { speedupVsBaseline: number | null; parseVsScan: number | null };
	targets?: Target[];
}

/** Runs the chosen cases and returns the results; `print` receives progress lines. */
export async function runBenchmark(options: Options, print: (line: string) => void = () => undefined): Promise<BenchmarkResults> {
	const workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-bench-'));
	const cases: Partial<Record<CaseName, Record<string, unknown>>> = {};
	const wants = (name: CaseName) => options.cases.includes(name);
	try {
		print(`Benchmark: ${options.n.toLocaleString('en')} contacts, ${options.latencyMs} ms per sandbox request, Node ${process.version}`);
		const exportFile = path.join(workDir, 'adressen.xml');
		const bytes = await writeExport(exportFile, options.n, options.seed);
		print(`KUFER export of ${options.n.toLocaleString('en')} records: ${(bytes / 1024 ** 2).toFixed(1)} MB`);
		if (wants('parse')) {
			const result = await runWorker({ kind: 'parse', file: exportFile, runs: options.runs });
			cases.parse = {
				wallMs: round(result.wallMs),
				runsMs: result.runsMs?.map((ms) => round(ms)),
				peakRssMb: round(result.peakRssMb),
				startRssMb: round(result.startRssMb),
				records: result.records,
				contactsPerSecond: Math.round(options.n / (result.wallMs / 1000)),
				megabytes: round(bytes / 1024 ** 2),
			};
			print(`  parse                     done`);
		}
		if (wants('byteScan')) {
			const result = await runWorker({ kind: 'byteScan', file: exportFile, runs: options.runs });
			cases.byteScan = { wallMs: round(result.wallMs), runsMs: result.runsMs?.map((ms) => round(ms)), peakRssMb: round(result.peakRssMb) };
			print(`  byte scan                 done`);
		}
		if (wants('placeholderParse')) {
			cases.placeholderParse = await placeholderParse(options, workDir);
			print(`  placeholder parse         done (${options.placeholderN.toLocaleString('en')} records)`);
		}
		if (wants('ledger')) {
			const result = await runWorker({ kind: 'ledger', n: options.n, runs: options.runs });
			cases.ledger = { wallMs: round(result.wallMs), runsMs: result.runsMs?.map((ms) => round(ms)), peakRssMb: round(result.peakRssMb) };
			print(`  suppression ledger        done`);
		}
		if (wants('kuferToMaileon')) {
			cases.kuferToMaileon = await medianRun(options.runs, async () => await kuferToMaileon(options, exportFile, workDir));
			print(`  KUFER → Maileon           done`);
		}
		if (wants('naiveBaseline')) {
			cases.naiveBaseline = await naiveBaseline(options, workDir);
			print(`  naive baseline            done (${options.baselineN.toLocaleString('en')} contacts)`);
		}
		if (wants('directoImport')) {
			cases.directoImport = await directoImport(options);
			print(`  Directo → Newsletter2Go   done`);
		}
		if (wants('billomatImport')) {
			cases.billomatImport = await billomatImport(options);
			print(`  Billomat → Maileon        done`);
		}
	} finally {
		rmSync(workDir, { recursive: true, force: true });
	}
	const ms = (name: CaseName) => cases[name]?.wallMs as number | undefined;
	const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? round(a / b, 2) : null);
	const results: BenchmarkResults = {
		n: options.n,
		latencyMs: options.latencyMs,
		seed: options.seed,
		machine: machine(),
		date: new Date().toISOString(),
		cases,
		ratios: {
			speedupVsBaseline: ratio(ms('naiveBaseline'), ms('kuferToMaileon')),
			parseVsScan: ratio(ms('parse'), ms('byteScan')),
		},
	};
	results.targets = checkTargets(results);
	return results;
}

const CASE_TITLES: Record<CaseName, string> = {
	kuferToMaileon: 'KUFER → Maileon (template)',
	naiveBaseline: 'naive per-contact workflow',
	directoImport: 'Directo → Newsletter2Go (template)',
	billomatImport: 'Billomat → Maileon (template)',
	parse: 'parse of the KUFER export',
	byteScan: 'byte scan of the same file',
	placeholderParse: 'parse, 15% one placeholder address',
	ledger: 'suppression ledger adds + checks',
};

/** The table `npm run bench` prints. */
export function formatResults(results: BenchmarkResults): string {
	const number = (value: unknown, digits = 0) =>
		typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
	const rows: string[][] = [['case', 'wall s', 'requests', 'peak RSS MB', 'contacts/s']];
	for (const name of CASE_NAMES) {
		const found = results.cases[name];
		if (!found) continue;
		const title = name === 'naiveBaseline' && found.extrapolated === true ? `${CASE_TITLES[name]} *` : CASE_TITLES[name];
		rows.push([title, number((found.wallMs as number) / 1000, 2), number(found.requests), number(found.peakRssMb, 1), number(found.contactsPerSecond)]);
	}
	const lines = [table(rows), ''];
	const baseline = results.cases.naiveBaseline;
	if (baseline?.extrapolated === true) {
		const measured = baseline.measured as { n: number; wallMs: number; requests: number };
		lines.push(
			`* extrapolated linearly from a measured run of ${number(measured.n)} contacts (${number(measured.wallMs / 1000, 1)} s, ${number(measured.requests)} requests) to ${number(results.n)}`,
		);
	}
	if (results.cases.kuferToMaileon) {
		lines.push(
			`physical limit of KUFER → Maileon: ${number(Math.ceil(results.n / 1000))} requests × ${results.latencyMs} ms + byte scan = ${number(physicalLimitMs(results) / 1000, 2)} s; medians of ${number((results.cases.kuferToMaileon.runsMs as number[] | undefined)?.length ?? 1)} runs; CPU time of the case process ${number((results.cases.kuferToMaileon.cpuMs as number) / 1000, 2)} s`,
		);
	}
	lines.push(`speed-up over the naive workflow: ${number(results.ratios.speedupVsBaseline, 1)}x · parse vs byte scan: ${number(results.ratios.parseVsScan, 2)}x`);
	lines.push('');
	for (const target of results.targets ?? []) {
		lines.push(`${target.met ? '✔' : '✘'} ${target.name}: ${number(target.actual, 2)} (limit ${number(target.limit, 2)})`);
	}
	return lines.join('\n');
}

/** One line per size: how the time and memory of KUFER → Maileon and the parse grow with the input. */
export function formatGrowth(runs: readonly BenchmarkResults[]): string {
	const number = (value: unknown, digits = 0) =>
		typeof value === 'number' ? value.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
	const rows: string[][] = [['contacts', 'KUFER → Maileon s', 'limit s', 'peak RSS MB', 'parse s', 'byte scan s', 'parse/scan']];
	for (const results of runs) {
		const kufer = results.cases.kuferToMaileon;
		rows.push([
			number(results.n),
			number((kufer?.wallMs as number) / 1000, 2),
			number((KUFER_TIME_FACTOR * physicalLimitMs(results)) / 1000, 2),
			number(kufer?.peakRssMb, 1),
			number((results.cases.parse?.wallMs as number) / 1000, 2),
			number((results.cases.byteScan?.wallMs as number) / 1000, 2),
			number(results.ratios.parseVsScan, 2),
		]);
	}
	return table(rows);
}

async function main(): Promise<void> {
	const options = readOptions(process.argv.slice(2));
	const print = (line = '') => process.stdout.write(`${line}\n`);
	if (options.growth.length > 0) {
		const runs: BenchmarkResults[] = [];
		for (const n of options.growth) {
			runs.push(await runBenchmark({ ...options, n, cases: ['parse', 'byteScan', 'kuferToMaileon'] }, print));
		}
		writeFileSync(options.out, `${JSON.stringify({ growth: runs }, null, 2)}\n`);
		print();
		print(formatGrowth(runs));
		print();
		print(`Results: ${path.relative(process.cwd(), options.out)}`);
		return;
	}
	const results = await runBenchmark(options, print);
	writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
	print();
	print(formatResults(results));
	print();
	print(`Results: ${path.relative(process.cwd(), options.out)}`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : error);
		process.exitCode = 1;
	});
}
