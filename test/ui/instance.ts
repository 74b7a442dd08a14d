/**
 * A real n8n editor for the browser check: the packed package installed, the API sandboxes running,
 * credentials for them and every template imported, on free ports so it can run beside `npm run n8n:ui`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { createCli, ensureRuntime, freePort, importCredentials, installPackage, log, prepareWorkflow } from '../../scripts/n8nRuntime';
import type { WorkflowJson } from '../harness/workflow';
import { SCENARIOS } from '../scenarios';
import { WORKFLOWS_DIR } from '../scenarios/inProcess';
import { startSandboxes, type SandboxSet } from '../scenarios/sandboxes';

export interface ImportedTemplate {
	readonly file: string;
	readonly workflow: WorkflowJson;
}

export interface N8nInstance {
	readonly url: string;
	readonly sandboxes: SandboxSet;
	readonly templates: readonly ImportedTemplate[];
	/** Credential ids by credential type. */
	readonly credentialIds: Record<string, string>;
	stop(): Promise<void>;
}

async function waitUntilHealthy(url: string, n8n: ChildProcess, output: () => string): Promise<void> {
	for (let attempt = 0; attempt < 240; attempt++) {
		if (n8n.exitCode !== null) throw new Error(`n8n exited with ${n8n.exitCode}:\n${output().slice(-3000)}`);
		try {
			const response = await fetch(`${url}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n did not become ready:\n${output().slice(-3000)}`);
}

export async function startN8n(): Promise<N8nInstance> {
	ensureRuntime();
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-ui-'));
	installPackage(userFolder);
	const sandboxes = await startSandboxes();
	const port = await freePort();
	const cli = await createCli(userFolder, {
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: 'warn',
	});
	const workDir = path.join(userFolder, 'import');
	mkdirSync(workDir, { recursive: true });
	const credentialIds = await importCredentials(cli, sandboxes.credentials() as Record<string, IDataObject>, workDir);
	const templates: ImportedTemplate[] = [];
	const workflowDir = path.join(workDir, 'workflows');
	mkdirSync(workflowDir, { recursive: true });
	for (const file of readdirSync(WORKFLOWS_DIR).filter((name) => name.endsWith('.json')).sort()) {
		const scenario = SCENARIOS.find((candidate) => candidate.template === file);
		const run = scenario ? await scenario.prepare(sandboxes, workDir) : {};
		const workflow = prepareWorkflow(file, { parameters: run.parameters }, credentialIds);
		writeFileSync(path.join(workflowDir, file), JSON.stringify(workflow));
		templates.push({ file, workflow });
	}
	// one n8n process for all templates: each start of the CLI costs seconds
	const imported = await cli.run(['import:workflow', '--separate', `--input=${workflowDir}`]);
	if (imported.status !== 0) throw new Error(`import:workflow failed:\n${imported.stdout.slice(-3000)}`);
	log(`Starting n8n on port ${port} with ${templates.length} templates …`);
	const n8n = spawn('n8n', ['start'], { env: cli.env, stdio: ['ignore', 'pipe', 'pipe'] });
	const chunks: Buffer[] = [];
	n8n.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
	n8n.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
	const url = `http://127.0.0.1:${port}`;
	await waitUntilHealthy(url, n8n, () => Buffer.concat(chunks).toString('utf8'));
	return {
		url,
		sandboxes,
		templates,
		credentialIds,
		async stop() {
			const exited = new Promise((resolve) => n8n.once('exit', resolve));
			n8n.kill('SIGTERM');
			await exited;
			await sandboxes.close();
			rmSync(userFolder, { recursive: true, force: true });
		},
	};
}
