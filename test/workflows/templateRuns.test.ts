import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SCENARIOS } from '../scenarios';
import { runTemplateInProcess, WORKFLOWS_DIR, type KeptState } from '../scenarios/inProcess';
import { startSandboxes, type SandboxSet } from '../scenarios/sandboxes';
import { passesOf } from '../scenarios/types';

describe('every template runs end to end in n8n’s engine', () => {
	let sandboxes: SandboxSet;
	let workDir: string;

	beforeEach(async () => {
		sandboxes = await startSandboxes();
		workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-template-'));
	});

	afterEach(async () => {
		await sandboxes.close();
		rmSync(workDir, { recursive: true, force: true });
	});

	it('has a scenario for each template', () => {
		const templates = readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json'));
		expect(SCENARIOS.map((scenario) => scenario.template).sort()).toEqual(templates.sort());
	});

	it.each(SCENARIOS.map((scenario) => [scenario.title, scenario] as const))('%s', async (_title, scenario) => {
		let kept: KeptState | undefined;
		for (const pass of passesOf(scenario)) {
			const result = await runTemplateInProcess(scenario.template, sandboxes, await pass.prepare(sandboxes, workDir), kept);
			await pass.verify(sandboxes, result.output, workDir);
			// as in queue mode, where n8n loses the workflow's static data between runs: only the data tables stay
			kept = { staticData: {}, dataTables: result.dataTables };
		}
	});
});
