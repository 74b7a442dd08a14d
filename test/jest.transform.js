// Compiles test and source TypeScript (and the few ESM-only dependencies) with esbuild; `npm run typecheck` does the type checking.
const { transformSync } = require('esbuild');

module.exports = {
	process(sourceText, sourcePath) {
		const { code, map } = transformSync(sourceText, {
			loader: sourcePath.endsWith('.ts') ? 'ts' : 'js',
			format: 'cjs',
			target: 'node20',
			sourcemap: 'external',
			sourcefile: sourcePath,
		});
		return { code, map };
	},
};
