/**
 * KUFER plays no server: for the demo and manual tries it is a folder.
 *
 *   npx tsx test/sandbox/kufer/cli.ts init <dir> [--count 200] [--seed 1] [--encoding windows-1252]
 *   npx tsx test/sandbox/kufer/cli.ts apply <dir>
 *
 * `init` writes `<dir>/store.json` (the address table), `<dir>/adressen.xml` (an export of it, for
 * "Read/Write Files from Disk") and an empty `<dir>/drop/` for back-sync files. `apply` imports every
 * file in `drop/` (status N), moves it to `drop/processed/` and writes the next `adressen.xml`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { KuferDropFolder, KuferFixtureStore } from './dropFolder';
import { FIXTURE_ENCODINGS, type FixtureEncoding } from './encoding';
import { generateRecords, type KuferFixtureRecord } from './records';

interface StoreFile {
	encoding: FixtureEncoding;
	records: KuferFixtureRecord[];
}

function option(name: string, fallback: string): string {
	const index = process.argv.indexOf(`--${name}`);
	return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

async function save(
	dir: string,
	store: KuferFixtureStore,
	encoding: FixtureEncoding,
): Promise<void> {
	const file: StoreFile = { encoding, records: store.records };
	await writeFile(path.join(dir, 'store.json'), `${JSON.stringify(file, null, '\t')}\n`);
	await writeFile(path.join(dir, 'adressen.xml'), store.export({ encoding }));
}

async function init(dir: string): Promise<void> {
	const encoding = option('encoding', 'windows-1252') as FixtureEncoding;
	if (!FIXTURE_ENCODINGS.includes(encoding)) {
		throw new Error(
			`Expected --encoding to be one of ${FIXTURE_ENCODINGS.join(', ')}, got "${encoding}".`,
		);
	}
	const records = generateRecords({
		count: Number(option('count', '200')),
		seed: Number(option('seed', '1')),
	});
	await KuferDropFolder.open(path.join(dir, 'drop'));
	await save(dir, new KuferFixtureStore(records), encoding);
	console.log(`KUFER folder ${dir}`);
	console.log(
		`  export       ${path.join(dir, 'adressen.xml')} (${records.length} records, ${encoding})`,
	);
	console.log(`  drop folder  ${path.join(dir, 'drop')}`);
}

async function apply(dir: string): Promise<void> {
	const file = JSON.parse(await readFile(path.join(dir, 'store.json'), 'utf8')) as StoreFile;
	const store = new KuferFixtureStore(file.records);
	const folder = await KuferDropFolder.open(path.join(dir, 'drop'));
	for (const applied of await folder.apply(store)) {
		console.log(
			`${applied.fileName}: ${applied.document.rows.length} addresses, ${applied.changed} records set to N`,
		);
	}
	await save(dir, store, file.encoding);
}

async function main(): Promise<void> {
	const [command, dir] = process.argv.slice(2);
	if (dir === undefined || (command !== 'init' && command !== 'apply')) {
		throw new Error(
			'Usage: cli.ts init <dir> [--count N] [--seed S] [--encoding E] | cli.ts apply <dir>',
		);
	}
	await (command === 'init' ? init(path.resolve(dir)) : apply(path.resolve(dir)));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
