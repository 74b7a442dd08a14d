import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeHelpers } from 'n8n-workflow';
import type { IDataObject, INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { createRegistry, PACKAGE_NAME } from '../harness/registry';
import type { WorkflowJson } from '../harness/workflow';
import { SCENARIOS } from '../scenarios';
import { runTemplateInProcess, WORKFLOWS_DIR } from '../scenarios/inProcess';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startSandboxes } from '../scenarios/sandboxes';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
const registry = createRegistry();

interface JsonSchema {
	type?: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

/** The folder n8n looks in (next to the built node file): `dist/nodes/Kufer/Kufer.node.js` → `nodes/Kufer`. */
function schemaFolderOf(type: string): string {
	const name = type.slice(PACKAGE_NAME.length + 1);
	const file = manifest.n8n.nodes.find((candidate) => path.basename(candidate) === `${name.charAt(0).toUpperCase()}${name.slice(1)}.node.js`);
	if (!file) throw new Error(`${type} is not in package.json`);
	return path.join(ROOT, path.dirname(file).replace(/^dist\//, ''), '__schema__');
}

/** Where n8n 2.41 reads the output schema of a node version and operation (n8n-core output-schema-resolver). */
function schemaFileOf(type: string, resource?: string, operation?: string): string {
	const parts = resource && operation ? [resource, `${operation}.json`] : ['output.json'];
	return path.join(schemaFolderOf(type), 'v1.0.0', ...parts);
}

function readSchema(file: string): JsonSchema {
	return JSON.parse(readFileSync(file, 'utf8')) as JsonSchema;
}

function optionsOf(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []).filter((option): option is INodePropertyOptions => 'value' in option);
}

const descriptions = [...registry.packageNodes].map(([type, nodeType]) => [type, nodeType.description as INodeTypeDescription] as const);

const operations = descriptions.flatMap(([type, description]) =>
	description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.displayOptions?.show?.resource ?? []).flatMap((resource) =>
				optionsOf(property).map((option) => ({ type, resource: String(resource), operation: String(option.value) })),
			),
		),
);

const withoutOperations = descriptions.filter(([, description]) => !description.properties.some((property) => property.name === 'operation'));

function typeOf(value: unknown): string {
	if (Array.isArray(value)) return 'array';
	return typeof value === 'bigint' ? 'number' : typeof value;
}

/** The fields of an emitted item the schema leaves out or declares with another type. */
function mismatches(schema: JsonSchema, item: IDataObject): string[] {
	const properties = schema.properties ?? {};
	// n8n stores items as JSON, so a field set to undefined is no field
	return Object.entries(item).flatMap(([field, value]) => {
		if (value === undefined) return [];
		const declared = properties[field];
		if (!declared) return [`${field} is not declared`];
		if (value === null || declared.type === typeOf(value)) return [];
		return [`${field} is ${typeOf(value)}, declared ${String(declared.type)}`];
	});
}

describe('the output schemas', () => {
	it.each(operations.map(({ type, resource, operation }) => [`${type} ${resource} ${operation}`, schemaFileOf(type, resource, operation)]))(
		'describe %s as n8n’s editor needs it',
		(_, file) => {
			expect(existsSync(file)).toBe(true);
			const schema = readSchema(file);
			expect(schema.type).toBe('object');
			expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		},
	);

	it.each(withoutOperations.map(([type]) => [type, schemaFileOf(type)]))('describe the output of %s', (_, file) => {
		expect(existsSync(file)).toBe(true);
		expect(Object.keys(readSchema(file).properties ?? {}).length).toBeGreaterThan(0);
	});

	describe('match what the templates emit', () => {
		const sandboxes = useSandbox(startSandboxes);

		it.each(SCENARIOS.map((scenario) => [scenario.template, scenario] as const))('in %s', async (template, scenario) => {
			const workDir = mkdtempSync(path.join(os.tmpdir(), 'newsletter-sync-schema-'));
			const { output } = await scenario
				.prepare(sandboxes(), workDir)
				.then(async (run) => await runTemplateInProcess(template, sandboxes(), run))
				.finally(() => rmSync(workDir, { recursive: true, force: true }));
			const workflow = JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, template), 'utf8')) as WorkflowJson;
			const found: string[] = [];
			for (const node of workflow.nodes.filter((candidate) => candidate.type.startsWith(`${PACKAGE_NAME}.`))) {
				const description = registry.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
				const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description) ?? {};
				const resource = typeof parameters.resource === 'string' ? parameters.resource : undefined;
				const operation = typeof parameters.operation === 'string' ? parameters.operation : undefined;
				const schema = readSchema(schemaFileOf(node.type, resource, operation));
				let items: IDataObject[];
				try {
					items = output(node.name);
				} catch {
					continue; // a branch this run did not take
				}
				for (const item of items.filter((candidate) => !('error' in candidate))) {
					found.push(...mismatches(schema, item).map((problem) => `${node.name}: ${problem}`));
				}
			}
			expect([...new Set(found)]).toEqual([]);
		});
	});
});
