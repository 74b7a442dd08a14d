import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { SuppressionLedger } from '../../nodes/shared/suppression';
import { readSuppressionRows, SUPPRESSION_LIST_NAME } from '../../nodes/shared/suppressionList';
import { InMemoryDataTables } from '../harness/dataTables';
import { loadWorkflow, requireSuccess, runWorkflow, type RunResult } from '../harness/workflow';
import { KuferWorld } from '../reliability/kufer';
import { WORKFLOWS_DIR } from '../scenarios/inProcess';
import { startSandboxes, type SandboxSet } from '../scenarios/sandboxes';

const BACK_SYNC = 'maileon-unsubscribes-backsync.json';
const BILLOMAT = 'billomat-maileon-import.json';
const KUFER = 'kufer-maileon-transfer.json';

function listOf(dataTables: InMemoryDataTables): SuppressionLedger {
	return new SuppressionLedger(readSuppressionRows(dataTables.rows(SUPPRESSION_LIST_NAME)).store);
}

function freshTables(): InMemoryDataTables {
	const dataTables = new InMemoryDataTables();
	dataTables.createSuppressionList();
	return dataTables;
}

async function runTemplate(
	template: string,
	sandboxes: SandboxSet,
	dataTables: InMemoryDataTables,
	extra: { startNode?: string; input?: Array<Record<string, unknown>>; parameters?: Record<string, Record<string, unknown>> } = {},
): Promise<RunResult> {
	// no static data is handed over: n8n loses it between runs in queue mode
	return await runWorkflow(loadWorkflow(path.join(WORKFLOWS_DIR, template)), {
		credentials: sandboxes.credentials(),
		dataTables,
		startNode: extra.startNode,
		input: extra.input?.map((json) => ({ json: json as never })),
		parameters: extra.parameters as never,
	});
}

describe('one suppression list for every workflow', () => {
	let sandboxes: SandboxSet;
	let workDir: string;

	beforeEach(async () => {
		sandboxes = await startSandboxes();
		workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-shared-list-'));
	});

	afterEach(async () => {
		await sandboxes.close();
		rmSync(workDir, { recursive: true, force: true });
	});

	const email = 'lena.vogel@example.org';

	function seedBillomatSubscriber(): void {
		sandboxes.billomat.state.seedClients([
			{ name: 'Vogel GmbH', first_name: 'Lena', last_name: 'Vogel', email, tags: ['newsletter'] },
		]);
	}

	async function unsubscribeByWebhook(dataTables: InMemoryDataTables): Promise<void> {
		const at = sandboxes.maileon.state.clock.now();
		const event = {
			event: 'unsubscription',
			email,
			externalId: null,
			timestamp: new Date(at).toISOString(),
			data: { email },
			consent: { action: 'unsubscribe', reason: 'unsubscribed in Maileon', at },
		};
		requireSuccess(await runTemplate(BACK_SYNC, sandboxes, dataTables, { startNode: 'Maileon Trigger', input: [event] }));
	}

	it('keeps an address the Maileon Trigger recorded out of the Billomat import, after Maileon forgot it', async () => {
		const dataTables = freshTables();
		await unsubscribeByWebhook(dataTables);
		expect(listOf(dataTables).has(email)).toBe(true);
		seedBillomatSubscriber();

		const imported = requireSuccess(await runTemplate(BILLOMAT, sandboxes, dataTables));

		expect(sandboxes.maileon.state.getContact(email)).toBeUndefined();
		expect(imported.json('Sync to Maileon')[0]).toMatchObject({ counts: { suppressed: 1, created: 0 } });
	});

	it('creates that address when the import reads another list (the check above can fail)', async () => {
		await unsubscribeByWebhook(freshTables());
		seedBillomatSubscriber();

		requireSuccess(await runTemplate(BILLOMAT, sandboxes, freshTables()));

		expect(sandboxes.maileon.state.getContact(email)).toBeDefined();
	});

	it('loses no entry when two runs of a synchronization overlap', async () => {
		const dataTables = freshTables();
		const first = new KuferWorld({ count: 300, seed: 41 });
		const second = new KuferWorld({ count: 300, seed: 42 });
		const runs = await Promise.all(
			[first, second].map(async (world, index) => {
				const dir = mkdtempSync(path.join(workDir, `run${index}-`));
				return await runTemplate(KUFER, sandboxes, dataTables, world.prepare(dir) as never);
			}),
		);
		runs.forEach(requireSuccess);

		const list = listOf(dataTables);
		const optOuts = [...first.optOuts, ...second.optOuts];
		expect(optOuts.length).toBeGreaterThan(10);
		expect(optOuts.filter((address) => !list.has(address))).toEqual([]);
	});
});
