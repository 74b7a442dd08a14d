/**
 * Memory check for the KUFER Parse operation (issue 8): parses a generated 100,000-record export and
 * reports the peak RSS growth, which must stay under 150 MB. Not a timed test; run it by hand:
 *
 *   npx tsx bench/kuferParse.ts [--records 100000] [--source stream|buffer] [--seed 1]
 *
 * The export is generated into a temporary file first (not measured). `stream` (default) hands the
 * operation a file stream, as n8n does for binary data kept in filesystem or S3 mode; `buffer` hands
 * it the whole file as one buffer, as n8n's in-memory mode does (the buffer is then part of the
 * baseline, not of the growth). RSS is sampled after every chunk read, every 10 ms, and before and
 * after the run.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { execute } from '../nodes/Kufer/actions/export/parse.operation';
import { streamExport } from '../test/sandbox/kufer';
import { parseContext } from './parseContext';

const LIMIT_MB = 150;
const MB = 1024 * 1024;

function readArgument(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const records = Number(readArgument('records', '100000'));
const sourceKind = readArgument('source', 'stream') === 'buffer' ? 'buffer' : 'stream';
const seed = Number(readArgument('seed', '1'));

let peakRss = 0;
function sampleRss(): number {
	const rss = process.memoryUsage().rss / MB;
	peakRss = Math.max(peakRss, rss);
	return rss;
}

/** A file stream that samples RSS at every chunk: the parse never yields to timers. */
async function* sampled(file: string): AsyncGenerator<Buffer> {
	for await (const chunk of createReadStream(file, { highWaterMark: 64 * 1024 })) {
		sampleRss();
		yield chunk as Buffer;
	}
}

/** Writes the export in a child process, so generating it leaves no trace in this one's memory. */
function generateFile(file: string): void {
	execFileSync(
		process.execPath,
		[
			...process.execArgv,
			__filename,
			'--generate',
			file,
			'--records',
			String(records),
			'--seed',
			String(seed),
		],
		{
			stdio: 'inherit',
		},
	);
}

async function main(): Promise<void> {
	const target = readArgument('generate', '');
	if (target !== '') {
		await pipeline(
			Readable.from(streamExport({ count: records, seed })),
			createWriteStream(target),
		);
		return;
	}
	const gc = (globalThis as { gc?: () => void }).gc;
	const file = path.join(os.tmpdir(), `kufer-bench-${process.pid}.xml`);
	generateFile(file);
	const buffer = sourceKind === 'buffer' ? await readFile(file) : undefined;
	const bytes = buffer?.length ?? (await readFile(file)).length;
	const open = async (): Promise<Readable | Buffer> => buffer ?? Readable.from(sampled(file));

	gc?.();
	const baseline = sampleRss();
	peakRss = baseline;
	const heapBaseline = process.memoryUsage().heapUsed / MB;
	// the operation pauses every 2000 records, so a timer gets its turn also with a buffer source
	const sampler = setInterval(sampleRss, 10);
	const started = performance.now();
	const [contacts, invalid] = await execute.call(
		parseContext(open, { output: 'all', options: {} }, sourceKind === 'stream'),
		[{ json: {} }],
	);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	sampleRss();
	gc?.();
	const heapAfter = process.memoryUsage().heapUsed / MB;
	const growth = peakRss - baseline;
	await rm(file, { force: true });

	const count = (value: number): string => value.toLocaleString('en');
	console.log(`KUFER Parse memory check (${sourceKind} source, Node ${process.version})`);
	console.log(`  records in file       ${count(records)}`);
	console.log(`  file size             ${(bytes / MB).toFixed(1)} MB`);
	console.log(`  contacts out          ${count(contacts.length)}`);
	console.log(`  invalid out           ${count(invalid.length)}`);
	console.log(
		`  time                  ${seconds.toFixed(2)} s (${count(Math.round(records / seconds))} records/s)`,
	);
	console.log(`  RSS baseline          ${baseline.toFixed(1)} MB`);
	console.log(`  RSS peak              ${peakRss.toFixed(1)} MB`);
	console.log(`  RSS peak growth       ${growth.toFixed(1)} MB (limit ${LIMIT_MB} MB)`);
	if (gc)
		console.log(`  live heap of output   ${(heapAfter - heapBaseline).toFixed(1)} MB (after GC)`);
	if (growth >= LIMIT_MB) {
		console.log('  FAILED: peak RSS growth is over the limit');
		process.exitCode = 1;
	} else {
		console.log('  OK');
	}
	// keeps the output alive until it was measured
	if (contacts.length < 0) console.log(contacts[0]);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
