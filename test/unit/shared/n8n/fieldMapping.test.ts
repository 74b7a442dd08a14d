import type { INode } from 'n8n-workflow';

import { buildContact, type Contact } from '../../../../nodes/shared/contact';
import { autoMapContact, fieldMappingProperty, findMissingFields, readFieldMapping, readManualMapping, readMappedValues, type TargetField } from '../../../../nodes/shared/n8n/fieldMapping';
import { manualMapping } from '../../../harness/fieldMapping';

const STANDARD: TargetField[] = [
	{ id: 'FIRSTNAME', custom: false, auto: { property: 'firstName', byFieldName: true } },
	{ id: 'GENDER', custom: false, auto: { property: 'gender' } },
	{ id: 'CITY', custom: false, auto: { byFieldName: true } },
	{ id: 'PHONE', custom: false },
];

function contact(input: Record<string, unknown>): Contact {
	const built = buildContact({ email: 'anna@example.org', ...input });
	if (!built.ok) throw new Error(built.detail);
	return built.contact;
}

const nodeWith = (fieldMapping: unknown) => ({ getNode: () => ({ parameters: { fieldMapping } }) as unknown as INode });

describe('autoMapContact', () => {
	it('fills standard fields from the contact model, and from an item field of the same name in any case, which wins', () => {
		const values = autoMapContact(contact({ firstName: 'Anna', gender: 'f', fields: { city: 'Kiel', FirstName: 'Anne', phone: '1' } }), STANDARD, new Set());

		expect(values).toEqual({ FIRSTNAME: 'Anne', GENDER: 'f', CITY: 'Kiel' });
	});

	it('sends an item field only under a custom field of exactly its name', () => {
		const values = autoMapContact(contact({ fields: { Interest: 'Yoga', interest2: 'x', Hobby: 'Chess' } }), [], new Set(['Interest', 'hobby']));

		expect(values).toEqual({ Interest: 'Yoga' });
	});

	it('maps each item of a run by its own field names, whatever the items before it held', () => {
		const first = autoMapContact(contact({ fields: { city: 'Kiel', street: 'Am Hafen 1' } }), STANDARD, new Set());
		const second = autoMapContact(contact({ fields: { CITY: 'Ulm', Street: 'Markt 2' } }), STANDARD, new Set(['Street']));
		const third = autoMapContact(contact({ fields: { street: 'Ring 3' } }), STANDARD, new Set());

		expect(first).toEqual({ CITY: 'Kiel' });
		expect(second).toEqual({ CITY: 'Ulm', Street: 'Markt 2' });
		expect(third).toEqual({});
	});

	it('leaves out an unknown gender', () => {
		expect(autoMapContact(contact({ gender: 'unknown' }), STANDARD, new Set())).toEqual({});
	});
});

describe('readFieldMapping', () => {
	it.each([
		['no parameter', undefined],
		['the automatic mode', { mappingMode: 'autoMapInputData', value: null }],
	])('reads %s as automatic mapping', (_, stored) => {
		expect(readFieldMapping(nodeWith(stored))).toEqual({ mode: 'auto' });
	});

	it('reads the kept fields of a manual mapping, without those the schema marks as removed', () => {
		const stored = manualMapping({ FIRSTNAME: '={{ $json.firstName }}', CITY: 'Kiel' });
		(stored.schema as Array<Record<string, unknown>>)[1].removed = true;

		expect(readFieldMapping(nodeWith(stored))).toEqual({ mode: 'manual', fieldIds: ['FIRSTNAME'] });
	});
});

describe('readMappedValues', () => {
	it('reads the values of one item as text and leaves out empty ones', () => {
		const getNodeParameter = ((_name: string, index: number) => ({ value: { FIRSTNAME: index === 1 ? 'Ben' : 'Anna', Age: 42, Vip: true, CITY: ' ', PHONE: null } })) as never;

		const values = readMappedValues({ getNodeParameter }, { mode: 'manual', fieldIds: ['FIRSTNAME', 'Age', 'Vip', 'CITY', 'PHONE'] }, 1);

		expect(values).toEqual({ FIRSTNAME: 'Ben', Age: '42', Vip: 'true' });
	});
});

describe('findMissingFields', () => {
	it('names the manually mapped fields that are neither standard fields nor on the platform', () => {
		expect(findMissingFields({ mode: 'manual', fieldIds: ['FIRSTNAME', 'Interest', 'Typo'] }, STANDARD, new Set(['Interest']))).toEqual(['Typo']);
	});

	it('names none for automatic mapping', () => {
		expect(findMissingFields({ mode: 'auto' }, STANDARD, new Set())).toEqual([]);
	});
});

describe('a manual-only mapper', () => {
	const property = fieldMappingProperty({
		resourceMapperMethod: 'getCustomFields',
		fieldWords: { singular: 'custom field', plural: 'custom fields' },
		description: 'Custom fields',
		manualOnly: { name: 'customFieldMapping', displayName: 'Custom Fields' },
	});

	it('has its own name and label, starts empty and offers no automatic mode', () => {
		expect(property).toMatchObject({ name: 'customFieldMapping', displayName: 'Custom Fields', default: { mappingMode: 'defineBelow', value: null } });
		expect(property.required).toBeUndefined();
		expect(property.typeOptions?.resourceMapper).toMatchObject({ mode: 'add', addAllFields: false, supportAutoMap: false });
	});

	it('reads the kept fields and the values of one item from its own parameter', () => {
		const stored = manualMapping({ Interest: 'Yoga', Segment: '' }, ['Hobby']);
		const context = {
			getNode: () => ({ parameters: { customFieldMapping: stored } }) as unknown as INode,
			getNodeParameter: ((name: string) => (name === 'customFieldMapping' ? stored : undefined)) as never,
		};

		expect(readManualMapping(context, 'customFieldMapping', 0)).toEqual({ fieldIds: ['Interest', 'Segment'], values: { Interest: 'Yoga' } });
	});

	it('maps nothing when the parameter is not set', () => {
		const context = { getNode: () => ({ parameters: {} }) as unknown as INode, getNodeParameter: (() => undefined) as never };

		expect(readManualMapping(context, 'customFieldMapping', 0)).toEqual({ fieldIds: [], values: {} });
	});
});
