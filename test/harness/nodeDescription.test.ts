import type { INodeProperties } from 'n8n-workflow';

import { collectionRuleBreaches } from './nodeDescription';
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

describe('every node of the package', () => {
	const { packageNodes } = createRegistry();

	it.each(['maileon', 'maileonTrigger', 'newsletter2Go', 'billomat', 'billomatTrigger', 'kufer', 'directo', 'directoTrigger', 'syncReport'])(
		'%s keeps the collection rules of n8n lint',
		(name) => {
			const node = packageNodes.get(`n8n-nodes-newsletter-sync.${name}`);
			const properties = node === undefined || 'nodeVersions' in node ? undefined : node.description.properties;

			expect(collectionRuleBreaches(properties ?? [])).toEqual([]);
			expect(properties?.length).toBeGreaterThan(0);
		},
	);
});
