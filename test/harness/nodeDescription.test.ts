import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { collectionRuleBreaches, selectorRuleBreaches } from './nodeDescription';
import { createRegistry } from './registry';

const option = (displayName: string, extra: Partial<INodeProperties> = {}): INodeProperties => ({
	displayName,
	name: displayName.toLowerCase(),
	type: 'string',
	default: '',
	...extra,
});

const collection = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	default: {},
	options,
});

describe('collectionRuleBreaches', () => {
	it('accepts sorted collections and short unsorted ones', () => {
		const sorted = collection(['Alpha', 'Beta', 'Delta', 'Gamma', 'Zeta'].map((name) => option(name)));
		const short = collection(['Zeta', 'Alpha', 'Beta', 'Delta'].map((name) => option(name)));

		expect(collectionRuleBreaches([sorted, short])).toEqual([]);
	});

	it('names an unsorted collection of five options with the expected order', () => {
		const unsorted = collection(['Zeta', 'Alpha', 'Beta', 'Delta', 'Gamma'].map((name) => option(name)));

		expect(collectionRuleBreaches([unsorted])).toEqual([
			'options: options not sorted, expected Alpha | Beta | Delta | Gamma | Zeta',
		]);
	});

	it('names a required option, also in a nested collection', () => {
		const nested = collection([option('Outer', { type: 'collection', default: {}, options: [option('Inner', { required: true })] })]);

		expect(collectionRuleBreaches([nested])).toEqual(['options.outer.inner: required inside a collection']);
	});
});

describe('selectorRuleBreaches', () => {
	const operation = (options: INodePropertyOptions[]): INodeProperties => ({
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options,
		default: '',
	});

	it('accepts operations with sentence-case actions, all-capital words included', () => {
		const get = { name: 'Get', value: 'get', action: 'Get a contact by ID' };

		expect(selectorRuleBreaches([operation([get])])).toEqual([]);
	});

	it.each([
		['no action', { name: 'Get', value: 'get' }, 'operation of contact.get: no action'],
		['a title-case action', { name: 'Get', value: 'get', action: 'Get A Contact' }, 'operation of contact.get: action not in sentence case'],
	])('names an operation with %s', (_case, option, breach) => {
		expect(selectorRuleBreaches([operation([option])])).toEqual([breach]);
	});

	it('names a resource selector that accepts an expression', () => {
		const resource: INodeProperties = { displayName: 'Resource', name: 'resource', type: 'options', options: [], default: '' };

		expect(selectorRuleBreaches([resource])).toEqual(['resource: accepts an expression']);
	});
});

describe('every node of the package', () => {
	const { packageNodes } = createRegistry();

	it.each(['maileon', 'maileonTrigger', 'newsletter2Go', 'billomat', 'billomatTrigger', 'kufer', 'directo', 'directoTrigger', 'syncReport'])(
		'%s keeps the collection and selector rules of n8n lint',
		(name) => {
			const node = packageNodes.get(`n8n-nodes-newsletter-sync.${name}`);
			const properties = node === undefined || 'nodeVersions' in node ? undefined : node.description.properties;

			expect(collectionRuleBreaches(properties ?? [])).toEqual([]);
			expect(selectorRuleBreaches(properties ?? [])).toEqual([]);
			expect(properties?.length).toBeGreaterThan(0);
		},
	);
});
