/**
 * `npm run test:n8n`: imports every template into a real n8n with this package installed as users install
 * it, runs it with `n8n execute` against the sandboxes and checks the same scenarios as the in-process
 * template test.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { SCENARIOS } from '../test/scenarios';
import { WORKFLOWS_DIR } from '../test/scenarios/inProcess';
import { startSandboxes, type SandboxSet } from '../test/scenarios/sandboxes';
import { passesOf, type Scenario } from '../test/scenarios/types';
import {
	createCli,
	ensureRuntime,
	importCredentials,
	importWorkflow,
	installPackage,
	log,
	N8N_VERSION,
	outputOf,
	prepareWorkflow,
	readRawOutput,
	type N8nCli,
} from './n8nRuntime';

/** n8n 2.41.1's `execute` command does not start n8n's modules, the data-table module among them. */
function usesDataTable(template: string): boolean {
	const workflow = JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, template), 'utf8')) as { nodes: Array<{ type: string }> };
	return workflow.nodes.some((node) => node.type === 'n8n-nodes-base.dataTable');
}

async function runScenario(
	cli: N8nCli,
	scenario: Scenario,
	sandboxes: SandboxSet,
	workDir: string,
	credentialIds: Record<string, string>,
): Promise<void> {
	let lastImport: string | undefined;
	for (const [index, pass] of passesOf(scenario).entries()) {
		const run = await pass.prepare(sandboxes, workDir);
		if (run.startNode !== undefined) {
			log(`  pass ${index + 1}: starts at "${run.startNode}", which n8n execute cannot do; covered in-process`);
			continue;
		}
		const workflow = prepareWorkflow(scenario.template, run, credentialIds);
		// re-importing resets the workflow's static data (ledger, cursors): only do it when settings change
		const imported = JSON.stringify(workflow);
		if (imported !== lastImport) await importWorkflow(cli, workflow, workDir);
		lastImport = imported;
		const executed = await cli.run(['execute', `--id=${String(workflow.id)}`, '--rawOutput']);
		const result = readRawOutput(executed.stdout);
		if (result.status !== 'success') {
			throw new Error(`n8n ended with status ${String(result.status)}:\n${executed.stdout.slice(-3000)}`);
		}
		const output = outputOf(result);
		await pass.verify(sandboxes, output, workDir);
		log(`  pass ${index + 1}: ${JSON.stringify(summaryOf(output(scenario.reportNode)[0]))}`);
	}
}

function summaryOf(item: IDataObject | undefined): unknown {
	return item?.summary ?? item;
}

async function main(): Promise<void> {
	ensureRuntime();
	const userFolder = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-n8n-'));
	let passed = 0;
	let failed = 0;
	let skipped = 0;
	try {
		installPackage(userFolder);
		const cli = await createCli(userFolder);
		for (const scenario of SCENARIOS) {
			if (usesDataTable(scenario.template)) {
				log(`${scenario.title}\n  uses a data table, which \`n8n execute\` cannot reach (it loads none of n8n's modules); run as a service by npm run test:n8n:service`);
				skipped++;
				continue;
			}
			const sandboxes = await startSandboxes();
			const workDir = mkdtempSync(path.join(userFolder, 'work-'));
			try {
				const ids = await importCredentials(cli, sandboxes.credentials() as Record<string, IDataObject>, workDir);
				log(`${scenario.title}`);
				await runScenario(cli, scenario, sandboxes, workDir, ids);
				passed++;
			} catch (error) {
				failed++;
				log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
			} finally {
				await sandboxes.close();
			}
		}
	} finally {
		rmSync(userFolder, { recursive: true, force: true });
	}
	const templates = readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json')).length;
	if (templates !== SCENARIOS.length) {
		failed++;
		log(`FAILED: ${templates} templates but ${SCENARIOS.length} scenarios`);
	}
	log(`n8n ${N8N_VERSION}: ${passed} passed, ${failed} failed, ${skipped} left to the service run`);
	process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
