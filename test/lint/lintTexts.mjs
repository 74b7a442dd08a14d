// Lints source texts with the package's ESLint configuration, each as if it stood at its path. Runs in
// its own process because ESLint loads its flat configuration as an ES module, which jest cannot.
// stdin: [{ filePath, code }]; stdout: [{ filePath, messages: [{ ruleId, line, message }] }].
import { ESLint } from 'eslint';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const files = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of files) {
	const [result] = await eslint.lintText(code, { filePath });
	results.push({
		filePath,
		messages: result.messages.map(({ ruleId, line, message }) => ({ ruleId, line, message })),
	});
}
process.stdout.write(JSON.stringify(results));
