const fs = require('node:fs');
const path = require('node:path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');
const pkg = require('./package.json');

/** A stale file from a removed node must not linger in the published package. */
async function clean() {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
}

/** n8n loads icons from next to the built node and credential files. */
function copyIcons() {
	return src(['nodes/**/*.{svg,png}', 'credentials/**/*.{svg,png}', 'icons/**/*.{svg,png}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

/**
 * n8n installs community packages without their dependencies, so every entry file n8n loads is
 * rebuilt as one self-contained bundle over tsc's output; only n8n-workflow stays external because
 * n8n provides it.
 */
async function bundle() {
	const entries = [...pkg.n8n.nodes, ...pkg.n8n.credentials, 'dist/index.js'];
	await esbuild.build({
		entryPoints: entries.map((file) => file.replace(/^dist\//, '').replace(/\.js$/, '.ts')),
		outdir: 'dist',
		outbase: '.',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		sourcemap: true,
		legalComments: 'inline',
		logLevel: 'warning',
		absWorkingDir: path.resolve(__dirname),
	});
}

exports.clean = clean;
exports.build = series(copyIcons, bundle);
exports.default = exports.build;
