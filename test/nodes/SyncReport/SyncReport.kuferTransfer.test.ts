import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runTemplateInProcess } from '../../scenarios/inProcess';
import { kuferScenario } from '../../scenarios/kufer';
import { startSandboxes, type SandboxSet } from '../../scenarios/sandboxes';

describe('the Run Report of the KUFER → Maileon transfer', () => {
	let sandboxes: SandboxSet;
	let workDir: string;

	beforeEach(async () => {
		sandboxes = await startSandboxes();
		workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-report-'));
	});

	afterEach(async () => {
		await sandboxes.close();
		rmSync(workDir, { recursive: true, force: true });
	});

	it('names KUFER as the source and Maileon as the target, summary first and reasons last', async () => {
		const run = await kuferScenario.prepare(sandboxes, workDir);
		const { output } = await runTemplateInProcess(kuferScenario.template, sandboxes, run);
		const [report] = output('Run Report');
		expect([report.source, report.target]).toEqual(['KUFER', 'Maileon']);
		const fields = Object.keys(report);
		expect([fields[0], fields[1], fields[fields.length - 1]]).toEqual(['summary', 'counts', 'reasons']);
	});
});
