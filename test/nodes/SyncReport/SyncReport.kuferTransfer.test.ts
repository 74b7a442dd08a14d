import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { useSandbox } from '../../sandbox/framework/lifecycle';
import { runTemplateInProcess } from '../../scenarios/inProcess';
import { kuferScenario } from '../../scenarios/kufer';
import { startSandboxes } from '../../scenarios/sandboxes';

describe('the Run Report of the KUFER → Maileon transfer', () => {
	const sandboxes = useSandbox(startSandboxes);

	it('names KUFER as the source and Maileon as the target, summary first and reasons last', async () => {
		const workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-report-'));
		try {
			const run = await kuferScenario.prepare(sandboxes(), workDir);
			const { output } = await runTemplateInProcess(kuferScenario.template, sandboxes(), run);
			const [report] = output('Run Report');
			expect([report.source, report.target]).toEqual(['KUFER', 'Maileon']);
			const fields = Object.keys(report);
			expect([fields[0], fields[1], fields[fields.length - 1]]).toEqual(['summary', 'warnings', 'reasons']);
		} finally {
			rmSync(workDir, { recursive: true, force: true });
		}
	});
});
