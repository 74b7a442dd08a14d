/**
 * Memory check for Directo Get Newsletter Contacts (issue 7): reads a generated answer of 100,000
 * customers (about 40 MB, no paging) from the Directo sandbox and reports the peak RSS growth, which
 * must stay under 150 MB. Not a timed test; run it by hand:
 *
 *   npx tsx bench/directoParse.ts [--customers 100000] [--operation getNewsletterContacts|getAll] [--warm-up 20000]
 *
 * With `npx tsx --expose-gc …` the baseline is taken after a full GC and the live size of the output
 * is printed too. The sandbox runs in a child process, so only the node's side is measured. The node
 * runs inside n8n's own engine (test/harness/workflow.ts) with n8n's real HTTP client, as in the
 * editor; a warm-up run first loads the code and lets V8 compile the hot paths, then RSS is sampled
 * every 5 ms during the measured run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const LIMIT_MB = 150;
/** Enough for V8 to compile the hot paths before the measured run; their compiler memory is not the node's. */
const WARM_UP_CUSTOMERS = Number(readArgument('warm-up', '20000'));
const MB = 1024 * 1024;

function readArgument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const customers = Number(readArgument('customers', '100000'));
const operation =
	readArgument('operation', 'getNewsletterContacts') === 'getAll'
		? 'getAll'
		: 'getNewsletterContacts';

/** Child mode: the sandbox with a generated feed; prints its URL and key, then waits for the count. */
async function serve(): Promise<void> {
	const { startDirectoSandbox } = await import('../test/sandbox/directo');
	const sandbox = await startDirectoSandbox();
	process.stdout.write(`READY ${sandbox.url} ${sandbox.token}\n`);
	process.stdin.setEncoding('utf8');
	for await (const line of process.stdin) {
		const count = Number(String(line).trim());
		sandbox.state.reset();
		sandbox.state.generateCustomers(count);
		process.stdout.write(`FEED ${count}\n`);
	}
	await sandbox.close();
}

interface Server {
	readonly child: ChildProcess;
	readonly url: string;
	readonly token: string;
	setFeed(count: number): Promise<void>;
}

function startServer(): Promise<Server> {
	const child = spawn(process.execPath, [...process.execArgv, __filename, '--serve'], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	let buffered = '';
	const waiters: Array<(line: string) => void> = [];
	child.stdout?.setEncoding('utf8');
	child.stdout?.on('data', (text: string) => {
		buffered += text;
		let newline = buffered.indexOf('\n');
		while (newline !== -1) {
			const line = buffered.slice(0, newline);
			buffered = buffered.slice(newline + 1);
			waiters.shift()?.(line);
			newline = buffered.indexOf('\n');
		}
	});
	const nextLine = (): Promise<string> => new Promise((resolve) => waiters.push(resolve));
	return nextLine().then((ready) => {
		const [, url, token] = ready.split(' ');
		return {
			child,
			url,
			token,
			setFeed: async (count: number) => {
				const done = nextLine();
				child.stdin?.write(`${count}\n`);
				await done;
			},
		};
	});
}

async function main(): Promise<void> {
	if (process.argv.includes('--serve')) return await serve();
	// keep n8n-core's settings out of the user's home folder, as the test setup does
	process.env.N8N_USER_FOLDER = path.join(os.tmpdir(), 'n8n-nodes-newsletter-sync-bench');
	process.env.N8N_ENCRYPTION_KEY = 'bench-encryption-key';
	process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
	process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
	const { requireSuccess, runWorkflow } = await import('../test/harness/workflow');
	const { directoWorkflow } = await import('../test/nodes/Directo/helpers');

	const server = await startServer();
	const workflow = directoWorkflow({
		resource: 'customer',
		operation,
		returnAll: true,
		options: {},
	});
	const run = () =>
		runWorkflow(workflow, {
			credentials: {
				directoApi: { interfaceType: 'xmlDirect', url: server.url, apiKey: server.token },
			},
			measureOnly: true,
		});

	const gc = (globalThis as { gc?: () => void }).gc;
	await server.setFeed(WARM_UP_CUSTOMERS);
	requireSuccess(await run());
	await server.setFeed(customers);
	gc?.();

	const rss = (): number => process.memoryUsage().rss / MB;
	const baseline = rss();
	let peak = baseline;
	const heapAtStart = process.memoryUsage();
	let peakHeap = heapAtStart.heapUsed / MB;
	let peakExternal = heapAtStart.external / MB;
	let peakCommitted = heapAtStart.heapTotal / MB;
	const sampler = setInterval(() => {
		peak = Math.max(peak, rss());
		const usage = process.memoryUsage();
		peakHeap = Math.max(peakHeap, usage.heapUsed / MB);
		peakExternal = Math.max(peakExternal, usage.external / MB);
		peakCommitted = Math.max(peakCommitted, usage.heapTotal / MB);
	}, 5);
	const heapBaseline = process.memoryUsage().heapUsed / MB;
	const started = performance.now();
	const result = await run();
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, rss());
	requireSuccess(result);
	const items = result.json('Directo', 0).length;
	const report = operation === 'getNewsletterContacts' ? result.json('Directo', 1)[0] : undefined;
	gc?.();
	const heapAfter = process.memoryUsage().heapUsed / MB;
	server.child.kill();

	const growth = peak - baseline;
	const count = (value: number): string => value.toLocaleString('en');
	console.log(`Directo ${operation} memory check (Node ${process.version})`);
	console.log(`  customers in answer   ${count(customers)}`);
	console.log(`  items out             ${count(items)}`);
	if (report)
		console.log(
			`  report                ${String(report.summary)} (records ${String(report.records)})`,
		);
	console.log(
		`  time                  ${seconds.toFixed(2)} s (${count(Math.round(customers / seconds))} customers/s)`,
	);
	console.log(`  RSS baseline          ${baseline.toFixed(1)} MB`);
	console.log(`  RSS peak              ${peak.toFixed(1)} MB`);
	console.log(`  RSS peak growth       ${growth.toFixed(1)} MB (limit ${LIMIT_MB} MB)`);
	console.log(
		`  heap peak growth      ${(peakHeap - heapAtStart.heapUsed / MB).toFixed(1)} MB used, ${(peakCommitted - heapAtStart.heapTotal / MB).toFixed(1)} MB committed, external ${(peakExternal - heapAtStart.external / MB).toFixed(1)} MB`,
	);
	if (gc)
		console.log(
			`  live heap of output   ${(heapAfter - heapBaseline).toFixed(1)} MB (after GC, output still held)`,
		);
	if (growth >= LIMIT_MB) {
		console.log('  FAILED: peak RSS growth is over the limit');
		process.exitCode = 1;
	} else {
		console.log('  OK');
	}
	// keeps the output alive until it was measured
	if (items < 0) console.log(result.run);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
