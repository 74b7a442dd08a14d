import { randomUUID } from 'node:crypto';
import type { IConnections, INode } from 'n8n-workflow';

import { SuppressionLedger } from '../../../nodes/shared/suppression';
import { readSuppressionRows, SUPPRESSION_LIST_NAME } from '../../../nodes/shared/suppressionList';
import { SuppressionList } from '../../../nodes/SuppressionList/SuppressionList.node';
import { InMemoryDataTables } from '../../harness/dataTables';
import { runWorkflow, type WorkflowJson } from '../../harness/workflow';

const LIST = { __rl: true, mode: 'name', value: SUPPRESSION_LIST_NAME };
const TYPE = 'n8n-nodes-newsletter-sync.suppressionList';

function node(name: string, type: string, parameters: Record<string, unknown>, extra: Partial<INode> = {}): INode {
	return { id: randomUUID(), name, type, typeVersion: type === TYPE ? 1 : 1.1, position: [0, 0], parameters: parameters as never, ...extra };
}

const readList = node('Read List', 'n8n-nodes-base.dataTable', { resource: 'row', operation: 'get', dataTableId: LIST, returnAll: true }, { alwaysOutputData: true });
const saveList = node('Save List', 'n8n-nodes-base.dataTable', {
	resource: 'row',
	operation: 'upsert',
	dataTableId: LIST,
	filters: { conditions: [{ keyName: 'addressHash', condition: 'eq', keyValue: '={{ $json.addressHash }}' }] },
	columns: { mappingMode: 'autoMapInputData', value: {}, matchingColumns: [], schema: [] },
	options: {},
});

/** Manual Trigger → "Addresses" (a Set of the given items) → node under test (→ Save List). */
function workflow(items: Array<Record<string, unknown>>, tested: INode, connections: IConnections = {}, extraNodes: INode[] = []): WorkflowJson {
	const addresses = node('Addresses', 'n8n-nodes-base.code', {});
	return {
		name: 'suppression list test',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', {}, { typeVersion: 1 }),
			{ ...addresses, type: 'n8n-nodes-base.noOp', typeVersion: 1 },
			tested,
			...extraNodes,
		],
		connections: {
			Start: { main: [[{ node: 'Addresses', type: 'main', index: 0 }]] },
			Addresses: { main: [[{ node: tested.name, type: 'main', index: 0 }]] },
			...connections,
		},
		staticData: { items } as never,
	};
}

function tables(): InMemoryDataTables {
	const dataTables = new InMemoryDataTables();
	dataTables.createSuppressionList();
	return dataTables;
}

function listOf(dataTables: InMemoryDataTables): SuppressionLedger {
	return new SuppressionLedger(readSuppressionRows(dataTables.rows(SUPPRESSION_LIST_NAME)).store);
}

async function run(json: WorkflowJson, items: Array<Record<string, unknown>>, dataTables: InMemoryDataTables) {
	return await runWorkflow(json, { startNode: 'Addresses', input: items.map((item) => ({ json: item as never })), dataTables });
}

describe('Newsletter Suppression List: Record Unsubscribes', () => {
	const record = node('Record', TYPE, { operation: 'record', emailField: 'E-Mail', dateField: 'Datum', source: 'Maileon export', reason: 'unsubscribed' });
	const flow = workflow([], record, { Record: { main: [[{ node: 'Save List', type: 'main', index: 0 }], []] } }, [saveList]);

	it('writes one hashed row per address into the data table, keeping the latest date, and sends bad ones to Invalid', async () => {
		const dataTables = tables();
		const result = await run(
			flow,
			[
				{ 'E-Mail': 'Anna@Example.org', Datum: '2026-03-01T10:00:00Z' },
				{ 'E-Mail': 'anna@example.org ', Datum: '2026-04-01T10:00:00Z' },
				{ 'E-Mail': 'bernd@example.org' },
				{ 'E-Mail': 'not an address' },
			],
			dataTables,
		);

		expect(result.status).toBe('success');
		const rows = dataTables.rows(SUPPRESSION_LIST_NAME);
		expect(rows).toHaveLength(2);
		expect(JSON.stringify(rows)).not.toContain('example.org');
		expect(listOf(dataTables).check('anna@example.org')).toMatchObject({ suppressed: true, unsubscribedAt: Date.UTC(2026, 3, 1, 10) });
		expect(listOf(dataTables).check('bernd@example.org', Date.UTC(2030, 0, 1)).suppressed).toBe(true);
		expect(rows[0]).toMatchObject({ source: 'Maileon export', workflowId: expect.any(String), executionId: expect.any(String) });
		expect(result.json('Record', 1)).toEqual([{ email: 'not an address', reason: expect.stringContaining('The address') }]);
	});

	it('updates the row of an address already listed instead of adding a second one', async () => {
		const dataTables = tables();
		await run(flow, [{ 'E-Mail': 'anna@example.org', Datum: '2026-03-01T10:00:00Z' }], dataTables);
		await run(flow, [{ 'E-Mail': 'anna@example.org', Datum: '2026-05-01T10:00:00Z' }], dataTables);

		expect(dataTables.rows(SUPPRESSION_LIST_NAME)).toHaveLength(1);
		expect(listOf(dataTables).check('anna@example.org').unsubscribedAt).toBe(Date.UTC(2026, 4, 1, 10));
	});
});

describe('Newsletter Suppression List: Release After New Consent', () => {
	function releaseFlow(confirmed: boolean, proof: string): WorkflowJson {
		const release = node('Release', TYPE, { operation: 'release', emailField: 'email', newConsentConfirmed: confirmed, proof });
		return workflow([], release, { Release: { main: [[{ node: 'Save List', type: 'main', index: 0 }], []] } }, [saveList]);
	}

	it('refuses to release anything without a confirmed, documented new consent', async () => {
		const dataTables = tables();
		const result = await run(releaseFlow(false, 'DOI 2026-06-01'), [{ email: 'anna@example.org' }], dataTables);

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Nothing released: new consent is not confirmed');
		expect((await run(releaseFlow(true, ' '), [{ email: 'anna@example.org' }], dataTables)).status).toBe('error');
	});

	it('lets a listed address through again once released', async () => {
		const dataTables = tables();
		const record = node('Record', TYPE, { operation: 'record', emailField: 'email', dateField: '', source: 'test' });
		await run(workflow([], record, { Record: { main: [[{ node: 'Save List', type: 'main', index: 0 }], []] } }, [saveList]), [{ email: 'anna@example.org' }], dataTables);
		expect(listOf(dataTables).has('anna@example.org')).toBe(true);

		await run(releaseFlow(true, 'DOI confirmed 2026-06-01'), [{ email: 'Anna@example.org' }], dataTables);

		expect(listOf(dataTables).has('anna@example.org')).toBe(false);
		expect(dataTables.rows(SUPPRESSION_LIST_NAME)[0].reason).toBe('released after new consent: DOI confirmed 2026-06-01');
	});
});

describe('Newsletter Suppression List: Check Addresses and Count', () => {
	it('splits addresses by whether the list holds them, reading the rows on its second input', async () => {
		const dataTables = tables();
		const ledger = new SuppressionLedger({});
		ledger.add('anna@example.org', Date.UTC(2026, 0, 5));
		dataTables.insert(SUPPRESSION_LIST_NAME, ledger.changes().map((change) => ({ addressHash: change.hash, unsubscribedAt: '2026-01-05T00:00:00.000Z', releasedAt: '', source: 's', reason: 'r', workflowId: '', executionId: '' })));
		const check = node('Check', TYPE, { operation: 'check', emailField: 'email' });
		const count = node('Count', TYPE, { operation: 'count' });
		const flow = workflow([], check, {
			Start: { main: [[{ node: 'Addresses', type: 'main', index: 0 }, { node: 'Read List', type: 'main', index: 0 }]] },
			'Read List': { main: [[{ node: 'Check', type: 'main', index: 1 }, { node: 'Count', type: 'main', index: 0 }]] },
		}, [readList, count]);

		const anna = node('Addresses', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: '{ "people": [{ "email": "Anna@example.org" }, { "email": "bernd@example.org" }, { "email": "x" }] }', options: {} }, { typeVersion: 3.4 });
		const split = node('People', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'people', options: {} }, { typeVersion: 1 });
		flow.nodes.push(split);
		flow.connections.Addresses = { main: [[{ node: 'People', type: 'main', index: 0 }]] };
		flow.connections.People = { main: [[{ node: 'Check', type: 'main', index: 0 }]] };
		flow.nodes = flow.nodes.map((candidate) => (candidate.name === 'Addresses' ? anna : candidate));

		const result = await runWorkflow(flow, { dataTables, input: [{ json: {} }] });
		expect(result.status).toBe('success');
		expect(result.json('Check', 0)).toEqual([{ email: 'bernd@example.org' }]);
		expect(result.json('Check', 1)).toEqual([{ email: 'Anna@example.org', unsubscribedAt: '2026-01-05T00:00:00.000Z', suppressionReason: 'unsubscribed on 2026-01-05T00:00:00.000Z' }]);
		expect(result.json('Check', 2)).toEqual([{ email: 'x', reason: expect.stringContaining('The address') }]);
		expect(result.json('Count')).toEqual([expect.objectContaining({ suppressed: 1, released: 0, rows: 1 })]);
	});
});

describe('Newsletter Suppression List: the node', () => {
	it('shows the display name of each operation as its subtitle', () => {
		const { description } = new SuppressionList();
		const operation = description.properties.find((property) => property.name === 'operation');
		for (const option of (operation?.options ?? []) as Array<{ name: string; value: string }>) {
			const names = JSON.parse(/\(({.*})\)/.exec(String(description.subtitle))?.[1].replace(/(\w+):/g, '"$1":') ?? '{}') as Record<string, string>;
			expect(names[option.value]).toBe(option.name);
		}
	});
});
