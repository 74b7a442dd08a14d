// Compiles test and source TypeScript with esbuild; `npm run typecheck` does the type checking.
const { transformSync } = require('esbuild');

module.exports = {
	process(sourceText, sourcePath) {
		const { code, map } = transformSync(sourceText, {
			loader: 'ts',
			format: 'cjs',
			target: 'node20',
			sourcemap: 'external',
			sourcefile: sourcePath,
		});
		return { code, map };
	},
};
