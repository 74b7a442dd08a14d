const fs = require('node:fs');
const path = require('node:path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');
const pkg = require('./package.json');

/** Where the one copy of luxon goes that every bundle needing it loads. */
const LUXON_BUNDLE = 'dist/vendor/luxon.js';

/** A stale file from a removed node must not linger in the published package. */
async function clean() {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
}

/**
 * What n8n reads from next to a built node or credential file: icons, the codex (`X.node.json`, for
 * the node search) and the output schemas (`__schema__/v<version>/<resource>/<operation>.json`).
 */
function copyAssets() {
	return src(
		[
			'nodes/**/*.{svg,png}',
			'credentials/**/*.{svg,png}',
			'icons/**/*.{svg,png}',
			'nodes/*/*.node.json',
			'nodes/*/__schema__/**/*.json',
		],
		{ base: '.', encoding: false },
	).pipe(dest('dist'));
}

/** Resolves `luxon` to the shared bundle, by a path relative to the bundle being written. */
function sharedLuxon(outFile) {
	const relative = path.relative(path.dirname(outFile), LUXON_BUNDLE).split(path.sep).join('/');
	return {
		name: 'shared-luxon',
		setup(build) {
			build.onResolve({ filter: /^luxon$/ }, () => ({ path: relative.startsWith('.') ? relative : `./${relative}`, external: true }));
		},
	};
}

const common = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['n8n-workflow'],
	legalComments: 'inline',
	logLevel: 'warning',
	absWorkingDir: path.resolve(__dirname),
};

/**
 * n8n installs community packages without their dependencies, so every file n8n loads is one
 * self-contained bundle built from its TypeScript source; only n8n-workflow stays external because
 * n8n provides it, and luxon, which several nodes use, is bundled once beside them.
 */
async function bundle() {
	const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
	await esbuild.build({ ...common, entryPoints: [require.resolve('luxon')], outfile: LUXON_BUNDLE });
	await Promise.all(
		entries.map((outfile) =>
			esbuild.build({
				...common,
				entryPoints: [outfile.replace(/^dist\//, '').replace(/\.js$/, '.ts')],
				outfile,
				plugins: [sharedLuxon(outfile)],
			}),
		),
	);
}

exports.clean = clean;
exports.build = series(copyAssets, bundle);
exports.default = exports.build;
