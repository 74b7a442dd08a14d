import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createRegistry } from '../harness/registry';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const registry = createRegistry();

interface PackedFile {
	path: string;
	size: number;
}

/** `file:x.svg` icons of a node or credential, as paths below dist/ relative to its built file. */
function iconFiles(builtFile: string, icon: unknown): string[] {
	const icons = typeof icon === 'string' ? [icon] : typeof icon === 'object' && icon !== null ? Object.values(icon) : [];
	return icons
		.filter((value): value is string => typeof value === 'string' && value.startsWith('file:'))
		.map((value) => path.posix.normalize(path.posix.join(path.posix.dirname(builtFile), value.slice('file:'.length))));
}

function schemaFiles(): string[] {
	const files: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
			const child = `${dir}/${entry.name}`;
			if (entry.isDirectory()) walk(child);
			else if (entry.name.endsWith('.json')) files.push(`dist/${child}`);
		}
	};
	for (const folder of readdirSync(path.join(ROOT, 'nodes'))) {
		if (existsSync(path.join(ROOT, 'nodes', folder, '__schema__'))) walk(`nodes/${folder}/__schema__`);
	}
	return files;
}

/** Everything n8n loads from the package: bundles, codex files, icons, output schemas, and the one luxon. */
function expectedFiles(): string[] {
	const nodeFiles = manifest.n8n.nodes.flatMap((file) => {
		const nodeType = [...registry.packageNodes.values()].find(
			(candidate) => `${candidate.description.name.charAt(0).toUpperCase()}${candidate.description.name.slice(1)}.node.js` === path.basename(file),
		);
		return [file, file.replace(/\.js$/, '.json'), ...iconFiles(file, nodeType?.description.icon)];
	});
	const credentialFiles = manifest.n8n.credentials.flatMap((file) => {
		const name = path.basename(file, '.credentials.js');
		const credential = [...registry.credentialTypes.values()].find((candidate) => candidate.constructor.name === name);
		return [file, ...iconFiles(file, credential?.icon)];
	});
	return [
		...new Set([
			...nodeFiles,
			...credentialFiles,
			...schemaFiles(),
			'dist/vendor/luxon.js',
			'package.json',
			'README.md',
			'LICENSE.md',
		]),
	].sort();
}

describe('the packed package', () => {
	let files: PackedFile[];

	beforeAll(() => {
		if (!existsSync(path.join(ROOT, 'dist'))) throw new Error('dist/ is missing: run `npm run build` before this test');
		const output = execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' });
		files = (JSON.parse(output) as Array<{ files: PackedFile[] }>)[0].files;
	});

	it('holds only what n8n loads', () => {
		expect(files.map((file) => file.path).sort()).toEqual(expectedFiles());
	});

	it('bundles luxon once', () => {
		const withLuxon = files
			.filter((file) => file.path.endsWith('.js'))
			.filter((file) => readFileSync(path.join(ROOT, file.path), 'utf8').includes('InvalidDateTimeError'));
		expect(withLuxon.map((file) => file.path)).toEqual(['dist/vendor/luxon.js']);
	});
});

describe('the AI tool variants', () => {
	it('exist only for the nodes whose input an agent can give: no file, no run reports', () => {
		const tools = [...registry.packageNodes.values()]
			.filter((nodeType) => 'usableAsTool' in nodeType.description && nodeType.description.usableAsTool === true)
			.map((nodeType) => nodeType.description.displayName)
			.sort();
		expect(tools).toEqual(['Billomat', 'Directo', 'Maileon', 'Newsletter2Go']);
	});
});
