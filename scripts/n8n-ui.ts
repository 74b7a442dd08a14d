/**
 * `npm run n8n:ui`: a real n8n editor on http://localhost:5678 with this package installed, the API sandboxes
 * running on their fixed ports with demo data, credentials pointing at them and every template imported.
 * Its data lives in .n8n-demo/ (delete the folder to start over). Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { SCENARIOS } from '../test/scenarios';
import { WORKFLOWS_DIR } from '../test/scenarios/inProcess';
import { startSandboxes } from '../test/scenarios/sandboxes';
import { createCli, ensureRuntime, importCredentials, importWorkflow, installPackage, log, prepareWorkflow } from './n8nRuntime';

const USER_FOLDER = path.resolve(__dirname, '..', '.n8n-demo');
const PORT = Number(process.env.N8N_PORT ?? 5678);

async function main(): Promise<void> {
	ensureRuntime();
	mkdirSync(USER_FOLDER, { recursive: true });
	installPackage(USER_FOLDER);
	const sandboxes = await startSandboxes({ basePort: 18080 });
	const cli = await createCli(USER_FOLDER, { N8N_PORT: String(PORT), N8N_SECURE_COOKIE: 'false' });
	const workDir = path.join(USER_FOLDER, 'import');
	mkdirSync(workDir, { recursive: true });
	const ids = await importCredentials(cli, sandboxes.credentials() as Record<string, IDataObject>, workDir);
	const templates = readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json'));
	for (const template of templates) {
		const scenario = SCENARIOS.find((candidate) => candidate.template === template);
		const run = scenario ? await scenario.prepare(sandboxes, workDir) : {};
		await importWorkflow(cli, prepareWorkflow(template, { parameters: run.parameters }, ids), workDir);
	}
	log(`Imported ${templates.length} templates; sandboxes: ${JSON.stringify(sandboxes.credentials(), null, 1)}`);
	log(`Starting n8n on http://localhost:${PORT} (create the owner account on first visit) …`);
	const n8n = spawn('n8n', ['start'], { env: cli.env, stdio: 'inherit' });
	const stop = (): void => {
		n8n.kill('SIGTERM');
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	n8n.on('exit', (code) => {
		void sandboxes.close().then(() => process.exit(code ?? 0));
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
