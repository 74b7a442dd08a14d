import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { withFieldWrittenOut } from './descriptionSource';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};

interface LintTarget {
	readonly filePath: string;
	readonly code: string;
}

interface LintMessage {
	readonly ruleId: string | null;
	readonly line: number;
	readonly message: string;
}

/** The source file of a built path from the package manifest: `dist/nodes/X/X.node.js` → `nodes/X/X.node.ts`. */
function sourceOf(builtPath: string): string {
	return path.join(ROOT, builtPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

/** The one class a node or credential file exports, instantiated from the source. */
function instanceOf(sourcePath: string): Record<string, unknown> {
	const exported = Object.values(require(sourcePath) as Record<string, unknown>).filter(
		(value): value is new () => Record<string, unknown> => typeof value === 'function',
	);
	if (exported.length !== 1) throw new Error(`${sourcePath} exports ${exported.length} classes`);
	return new exported[0]();
}

function nodeTarget(builtPath: string, edit: (description: { properties: INodeProperties[] }) => void = () => {}): LintTarget {
	const filePath = sourceOf(builtPath);
	const description = structuredClone(instanceOf(filePath).description) as { properties: INodeProperties[] };
	edit(description);
	return { filePath, code: withFieldWrittenOut(readFileSync(filePath, 'utf8'), 'description', description) };
}

function credentialTarget(builtPath: string): LintTarget {
	const filePath = sourceOf(builtPath);
	return { filePath, code: withFieldWrittenOut(readFileSync(filePath, 'utf8'), 'properties', instanceOf(filePath).properties) };
}

/**
 * What n8n's rules (not the generic TypeScript ones, which the rewritten imports upset) report for
 * each target, in order; one ESLint process for all of them.
 */
function lintWithN8nRules(targets: readonly LintTarget[]): string[][] {
	const output = execFileSync(process.execPath, [path.join(__dirname, 'lintTexts.mjs')], {
		cwd: ROOT,
		input: JSON.stringify(targets),
		encoding: 'utf8',
		// under NODE_ENV=test (jest sets it) the n8n rules take every file for "Test.node.ts"
		env: { ...process.env, NODE_ENV: 'production' },
		maxBuffer: 64 * 1024 * 1024,
	});
	const results = JSON.parse(output) as Array<{ filePath: string; messages: LintMessage[] }>;
	return results.map(({ messages }) =>
		messages
			.filter(({ ruleId }) => ruleId === null || /^(n8n-nodes-base|@n8n\/community-nodes)\//.test(ruleId))
			.map(({ ruleId, line, message }) => `${ruleId ?? 'parse error'} (line ${line}): ${message}`),
	);
}

type Properties = INodeProperties[];

const named = (properties: Properties, name: string, resource?: string): INodeProperties =>
	properties.find(
		(property) =>
			property.name === name && (resource === undefined || property.displayOptions?.show?.resource?.[0] === resource),
	)!;
const options = (property: INodeProperties) => property.options as Array<INodePropertyOptions & INodeProperties>;
// lint wants a collection sorted from five options on
const largestOptionsCollection = (properties: Properties): INodeProperties =>
	properties
		.filter((property) => property.type === 'collection')
		.reduce((largest, property) => (options(property).length > options(largest).length ? property : largest));

// each edit breaks a part of the Maileon node that a helper builds, so only the written-out description shows it to lint
const BREACHES: Array<[string, (properties: Properties) => void, string]> = [
	[
		'an unsorted Operation dropdown',
		(properties) => options(named(properties, 'operation', 'contact')).reverse(),
		'node-param-options-type-unsorted-items',
	],
	[
		'an operation action in title case',
		(properties) => (options(named(properties, 'operation', 'contact'))[0].action = 'Create Or Update A Contact'),
		'node-param-operation-option-action-miscased',
	],
	[
		'an operation without an action',
		(properties) => delete options(named(properties, 'operation', 'contact'))[0].action,
		'node-param-operation-option-without-action',
	],
	[
		'a resource selector that takes expressions',
		(properties) => delete named(properties, 'resource').noDataExpression,
		'node-param-resource-without-no-data-expression',
	],
	[
		'an unsorted options collection',
		(properties) => options(largestOptionsCollection(properties)).reverse(),
		'node-param-collection-type-unsorted-items',
	],
	[
		'a required option inside a collection',
		(properties) => (options(largestOptionsCollection(properties))[0].required = true),
		'node-param-collection-type-item-required',
	],
	[
		'a boolean described without "Whether"',
		(properties) => (named(properties, 'dryRun').description = 'Reports what would change'),
		'node-param-description-boolean-without-whether',
	],
];

describe('n8n lint on the finished descriptions', () => {
	const packageFiles = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
	let reported: string[][];

	beforeAll(() => {
		const maileon = manifest.n8n.nodes.find((file) => file.endsWith('/Maileon.node.js'))!;
		reported = lintWithN8nRules([
			...manifest.n8n.nodes.map((file) => nodeTarget(file)),
			...manifest.n8n.credentials.map(credentialTarget),
			...BREACHES.map(([, edit]) => nodeTarget(maileon, ({ properties }) => edit(properties))),
		]);
	});

	it('reports nothing for any node or credential of the package', () => {
		const byFile = Object.fromEntries(packageFiles.map((file, index) => [file, reported[index]]));

		expect(byFile).toEqual(Object.fromEntries(packageFiles.map((file) => [file, []])));
	});

	it.each(BREACHES.map(([breach, , rule], index) => [breach, rule, index]))('reports %s', (_breach, rule, index) => {
		expect(reported[packageFiles.length + Number(index)]).toEqual([
			expect.stringMatching(new RegExp(`^n8n-nodes-base/${String(rule)} `)),
		]);
	});
});
