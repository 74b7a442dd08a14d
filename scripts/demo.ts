/**
 * `npm run demo`: starts the API sandboxes with generated data, runs every workflow template through n8n's
 * engine and prints what each run did. Each scenario's checks run too, so a broken template shows here.
 */
// n8n-core reads its settings when first loaded: the demo uses the same as the tests (temp user folder,
// file access to temp folders, quiet logger)
import '../test/setup/env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { SCENARIOS } from '../test/scenarios';
import { runTemplateInProcess, type KeptState } from '../test/scenarios/inProcess';
import { startSandboxes } from '../test/scenarios/sandboxes';
import { passesOf, type NodeOutput, type Scenario } from '../test/scenarios/types';

function print(line = ''): void {
	process.stdout.write(`${line}\n`);
}

function describeOutput(scenario: Scenario, output: NodeOutput, pass: string): void {
	const [item] = output(scenario.reportNode);
	if (!item) {
		print(`  ${pass}: (no output)`);
		return;
	}
	if (typeof item.summary === 'string') {
		print(`  ${pass}: ${item.summary}${item.dryRun === true ? ' (dry run)' : ''}`);
		const counts = (item.counts ?? {}) as IDataObject;
		// a run report lists its counts in reading order, `selected` first
		const cells = Object.entries(counts)
			.filter(([, count]) => Number(count ?? 0) > 0)
			.map(([key, count]) => `${key} ${String(count)}`);
		if (cells.length > 0) print(`      ${cells.join(' · ')}`);
		const reasons = (item.reasons ?? []) as IDataObject[];
		for (const reason of reasons.slice(0, 3)) {
			print(`      – ${String(reason.outcome)}: ${String(reason.email ?? '')} ${String(reason.reason)}`);
		}
		if (reasons.length > 3) print(`      – … ${reasons.length - 3} more reasons in the report item`);
		return;
	}
	print(`  ${pass}: ${JSON.stringify(item)}`);
}

async function main(): Promise<void> {
	let failed = 0;
	print('n8n-nodes-newsletter-sync demo: every template, run by n8n’s engine against the local API sandboxes');
	for (const scenario of SCENARIOS) {
		print();
		print(`▶ ${scenario.title}  (workflows/${scenario.template})`);
		const sandboxes = await startSandboxes();
		const workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-demo-'));
		try {
			let kept: KeptState | undefined;
			for (const [index, pass] of passesOf(scenario).entries()) {
				const result = await runTemplateInProcess(scenario.template, sandboxes, await pass.prepare(sandboxes, workDir), kept);
				describeOutput(scenario, result.output, `run ${index + 1}`);
				await pass.verify(sandboxes, result.output, workDir);
				kept = result;
			}
			print('  ✔ checks passed');
		} catch (error) {
			failed++;
			print(`  ✘ ${error instanceof Error ? error.message : String(error)}`);
		} finally {
			await sandboxes.close();
			rmSync(workDir, { recursive: true, force: true });
		}
	}
	print();
	print(`${SCENARIOS.length - failed} passed, ${failed} failed`);
	print();
	print('Open the same templates in a real n8n editor, with the package, the sandboxes and credentials preloaded:');
	print('  npm run n8n:ui     (first start installs Node 24 and n8n once, about 7 minutes; then http://localhost:5678)');
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
