import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	n8n: { nodes: string[]; credentials: string[] };
};

/**
 * n8n installs a community package without its devDependencies and provides only n8n-workflow, so
 * every built file must load in a process that can resolve nothing else.
 */
describe('the built package', () => {
	let sandbox: string;

	beforeAll(() => {
		if (!existsSync(path.join(ROOT, 'dist'))) {
			throw new Error('dist/ is missing: run `npm run build` before this test');
		}
		sandbox = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-dist-'));
		mkdirSync(path.join(sandbox, 'node_modules'));
		symlinkSync(path.join(ROOT, 'node_modules/n8n-workflow'), path.join(sandbox, 'node_modules/n8n-workflow'));
		// a copy, not a link: Node resolves imports from a file's real path, which would reach our node_modules
		cpSync(path.join(ROOT, 'dist'), path.join(sandbox, 'dist'), { recursive: true });
	});

	afterAll(() => {
		if (sandbox) rmSync(sandbox, { recursive: true, force: true });
	});

	it('declares no runtime dependencies', () => {
		expect(manifest.dependencies ?? {}).toEqual({});
	});

	it.each([...manifest.n8n.nodes, ...manifest.n8n.credentials])(
		'loads %s with only n8n-workflow resolvable',
		(file) => {
			const script = `
				const loaded = require(${JSON.stringify(path.join(sandbox, file))});
				const classes = Object.values(loaded).filter((value) => typeof value === 'function');
				if (classes.length !== 1) throw new Error('expected one exported class, got ' + classes.length);
				const instance = new classes[0]();
				process.stdout.write(instance.description ? instance.description.name : instance.name);
			`;
			const output = execFileSync(process.execPath, ['-e', script], {
				cwd: sandbox,
				env: { PATH: process.env.PATH ?? '', NODE_PATH: '' },
				encoding: 'utf8',
			});
			expect(output.length).toBeGreaterThan(0);
		},
	);
});
