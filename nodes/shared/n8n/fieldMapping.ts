import type {
	FieldType,
	IExecuteFunctions,
	INodeProperties,
	ResourceMapperField,
	ResourceMapperFields,
} from 'n8n-workflow';

import type { Contact, ContactTextField } from '../contact';
import { isRecord } from '../values';

/** The name of the field mapping parameter of a Synchronize Many operation. */
export const FIELD_MAPPING = 'fieldMapping';

/** n8n's values of `mappingMode` (the Postgres and Google Sheets nodes store the same). */
const AUTO_MAP = 'autoMapInputData';
const MANUAL_MAP = 'defineBelow';

/** Where automatic mapping takes a target field's value from in a contact item. */
export interface AutoSource {
	/** A field of the contact model: `firstName`, `gender`, … (a gender of `unknown` counts as none). */
	readonly property?: ContactTextField | 'gender';
	/** Whether an entry of the item's `fields` named like the target field, in any case, wins over `property`. */
	readonly byFieldName?: boolean;
}

/** A field of the target platform the mapper offers. */
export interface TargetField {
	/** What the platform calls the field; the key of the mapped value. */
	readonly id: string;
	readonly displayName?: string;
	/** @default 'string' */
	readonly type?: FieldType;
	/** A custom field (attribute) of the account; the others are the platform's own fields. */
	readonly custom: boolean;
	/** How automatic mapping fills a standard field; custom fields take the item's `fields` entry of that name. */
	readonly auto?: AutoSource;
}

/** How the user maps fields: n8n's "Map Automatically", or the fields they mapped one by one. */
export type FieldMapping =
	| { readonly mode: 'auto' }
	| {
			readonly mode: 'manual';
			/** The target fields the user kept, in the mapper's order. */
			readonly fieldIds: readonly string[];
	  };

export interface FieldMappingPropertyOptions {
	readonly resourceMapperMethod: string;
	readonly fieldWords: { readonly singular: string; readonly plural: string };
	readonly description: string;
	/** Parameters whose change reloads the fields, e.g. `['list.value']`. */
	readonly dependsOn?: string[];
	/**
	 * A mapper of optional fields the user adds one by one, without "Map Automatically", under
	 * its own name and label (a per-contact operation's custom fields).
	 */
	readonly manualOnly?: { readonly name: string; readonly displayName: string };
}

/** The field mapper of a Synchronize Many operation, automatic by default; or a manual-only one. */
export function fieldMappingProperty(options: FieldMappingPropertyOptions): INodeProperties {
	const { manualOnly } = options;
	return {
		displayName: manualOnly?.displayName ?? 'Fields to Send',
		name: manualOnly?.name ?? FIELD_MAPPING,
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: manualOnly ? MANUAL_MAP : AUTO_MAP, value: null },
		// n8n's lint wants an optional parameter without `required`, not with `required: false`
		...(manualOnly === undefined ? { required: true } : {}),
		description: options.description,
		typeOptions: {
			...(options.dependsOn ? { loadOptionsDependsOn: options.dependsOn } : {}),
			resourceMapper: {
				resourceMapperMethod: options.resourceMapperMethod,
				mode: 'add',
				fieldWords: { singular: options.fieldWords.singular, plural: options.fieldWords.plural },
				addAllFields: manualOnly === undefined,
				supportAutoMap: manualOnly === undefined,
			},
		},
	};
}

/**
 * The target's fields as the mapper shows them; in manual mode each starts with the value auto mode
 * takes, unless `withDefaults` is false (a mapper without automatic mode: the fields start empty).
 */
export function toResourceMapperFields(fields: readonly TargetField[], withDefaults = true): ResourceMapperFields {
	return {
		fields: fields.map((field): ResourceMapperField => {
			const defaultValue = withDefaults ? defaultExpression(field) : undefined;
			return {
				id: field.id,
				displayName: field.displayName ?? field.id,
				type: field.type ?? 'string',
				required: false,
				defaultMatch: false,
				canBeUsedToMatch: false,
				display: true,
				...(defaultValue === undefined ? {} : { defaultValue }),
			};
		}),
	};
}

/**
 * The platform's custom fields as mapper fields, sorted by name and labelled with the platform's type;
 * `fieldTypes` turns that type into n8n's (anything else is text).
 */
export function toCustomTargetFields(
	fields: ReadonlyArray<{ readonly name: string; readonly type: string }>,
	fieldTypes: Readonly<Record<string, FieldType>>,
): TargetField[] {
	return fields
		.filter((field) => field.name !== '')
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((field) => ({ id: field.name, displayName: `${field.name} (${field.type})`, type: fieldTypes[field.type] ?? 'string', custom: true }));
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function defaultExpression(field: TargetField): string | undefined {
	if (field.custom) {
		const path = IDENTIFIER.test(field.id) ? `.${field.id}` : `[${JSON.stringify(field.id)}]`;
		return `={{ $json.fields${path} }}`;
	}
	return field.auto?.property === undefined ? undefined : `={{ $json.${field.auto.property} }}`;
}

/**
 * How the mapper is set. Read from the stored parameter, without evaluating any expression, so it
 * is known before any item is read; the values come per item from {@link readMappedValues}.
 */
export function readFieldMapping(context: Pick<IExecuteFunctions, 'getNode'>, name = FIELD_MAPPING): FieldMapping {
	const stored: unknown = context.getNode().parameters[name];
	if (!isRecord(stored) || stored.mappingMode !== MANUAL_MAP) return { mode: 'auto' };
	return { mode: 'manual', fieldIds: keptFieldIds(stored) };
}

/** The keys of the mapped value, minus fields the schema marks as removed. */
function keptFieldIds(stored: Record<string, unknown>): string[] {
	const removed = new Set(
		(Array.isArray(stored.schema) ? stored.schema : [])
			.filter((field): field is Record<string, unknown> => isRecord(field) && field.removed === true)
			.map((field) => String(field.id)),
	);
	return Object.keys(isRecord(stored.value) ? stored.value : {}).filter((id) => !removed.has(id));
}

/**
 * The values the user mapped for one item, as text; empty ones are left out, so an update never
 * blanks a field. The whole parameter is read, not `value` alone: n8n would otherwise check each
 * value against the field type and stop the run for one bad record, where the platform's own
 * refusal makes it a rejected contact of the report.
 */
export function readMappedValues(
	context: Pick<IExecuteFunctions, 'getNodeParameter'>,
	mapping: Extract<FieldMapping, { mode: 'manual' }>,
	itemIndex: number,
	name = FIELD_MAPPING,
): Record<string, string> {
	const parameter: unknown = context.getNodeParameter(name, itemIndex, {});
	const value = isRecord(parameter) && isRecord(parameter.value) ? parameter.value : {};
	const values: Record<string, string> = {};
	for (const id of mapping.fieldIds) {
		const text = toText(value[id]);
		if (text !== undefined) values[id] = text;
	}
	return values;
}

/**
 * A manual-only mapper (see `manualOnly` of {@link fieldMappingProperty}): the fields the user kept,
 * and the values mapped for one item, empty ones left out.
 */
export function readManualMapping(
	context: Pick<IExecuteFunctions, 'getNode' | 'getNodeParameter'>,
	name: string,
	itemIndex: number,
): { readonly fieldIds: readonly string[]; readonly values: Record<string, string> } {
	const mapping = readFieldMapping(context, name);
	if (mapping.mode === 'auto') return { fieldIds: [], values: {} };
	return { fieldIds: mapping.fieldIds, values: readMappedValues(context, mapping, itemIndex, name) };
}

function toText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value as string | number | boolean);
	return text.trim() === '' ? undefined : text.trim();
}

/**
 * Automatic mapping of a contact item: each standard field from its {@link AutoSource}, and each
 * entry of the item's `fields` whose name is exactly that of a custom field in `customFieldIds`.
 * Entries without such a field are not sent. Empty values are left out.
 */
export function autoMapContact(
	contact: Contact,
	standardFields: readonly TargetField[],
	customFieldIds: ReadonlySet<string>,
): Record<string, string> {
	// an entry of the item's fields named like a standard field in any case; the last one wins
	let named: Record<string, string> | undefined;
	for (const name in contact.fields) {
		const id = standardFieldNamed(standardFields, name);
		if (id !== undefined) (named ??= {})[id] = contact.fields[name];
	}
	const values: Record<string, string> = {};
	for (const field of standardFields) {
		const property = field.auto?.property;
		let value = property === undefined ? undefined : contact[property];
		if (value === 'unknown' && property === 'gender') value = undefined;
		if (named !== undefined && Object.hasOwn(named, field.id)) value = named[field.id];
		if (value !== undefined && value !== '') values[field.id] = value;
	}
	for (const id of customFieldIds) {
		const value = contact.fields[id];
		if (value !== undefined && value !== '') values[id] = value;
	}
	return values;
}

// names of item fields repeat in every item of a run: each is matched against the standard fields once
const NAME_CACHE_LIMIT = 1000;
const namesByTarget = new WeakMap<
	readonly TargetField[],
	{ readonly byUpperCase: ReadonlyMap<string, string>; readonly byName: Map<string, string | null> }
>();

/** The id of the standard field an item field of this name fills by its name (in any case), if any. */
function standardFieldNamed(standardFields: readonly TargetField[], name: string): string | undefined {
	let names = namesByTarget.get(standardFields);
	if (names === undefined) {
		const byName = standardFields.filter((field) => field.auto?.byFieldName === true);
		names = { byUpperCase: new Map(byName.map((field) => [field.id.toUpperCase(), field.id])), byName: new Map() };
		namesByTarget.set(standardFields, names);
	}
	let id = names.byName.get(name);
	if (id === undefined) {
		id = names.byUpperCase.get(name.toUpperCase()) ?? null;
		if (names.byName.size >= NAME_CACHE_LIMIT) names.byName.clear();
		names.byName.set(name, id);
	}
	return id ?? undefined;
}

/** The values of a contact under the user's mapping: automatic, or what they mapped for its item. */
export function mapContactFields(
	context: Pick<IExecuteFunctions, 'getNodeParameter'>,
	mapping: FieldMapping,
	selected: { readonly contact: Contact; readonly index: number },
	target: { readonly standardFields: readonly TargetField[]; readonly customFieldIds: ReadonlySet<string> },
): Record<string, string> {
	return mapping.mode === 'auto'
		? autoMapContact(selected.contact, target.standardFields, target.customFieldIds)
		: readMappedValues(context, mapping, selected.index);
}

/** The custom fields the user mapped: the manually mapped ids that are no standard field; none in automatic mode. */
export function mappedCustomFieldIds(mapping: FieldMapping, standardFields: readonly TargetField[]): string[] {
	if (mapping.mode === 'auto') return [];
	const standard = new Set(standardFields.map((field) => field.id));
	return mapping.fieldIds.filter((id) => !standard.has(id));
}

/**
 * Whether preparing `contacts` may send a custom field, so the platform's field list is needed: a
 * mapped custom field, or in automatic mode an entry of an item's `fields` that no standard field
 * takes by its name.
 */
export function mayMapCustomFields(
	mapping: FieldMapping,
	standardFields: readonly TargetField[],
	contacts: ReadonlyArray<{ readonly contact: Contact }>,
): boolean {
	if (mapping.mode === 'manual') return mappedCustomFieldIds(mapping, standardFields).length > 0;
	const byName = new Set(standardFields.filter((field) => field.auto?.byFieldName === true).map((field) => field.id.toUpperCase()));
	return contacts.some(({ contact }) => Object.keys(contact.fields).some((name) => !byName.has(name.toUpperCase())));
}

/**
 * The mapped custom fields the platform does not have (typed in, or the schema is stale): the
 * manually mapped ids that are neither standard fields nor in `existing`. Automatic mapping maps
 * nothing that is missing.
 */
export function findMissingFields(
	mapping: FieldMapping,
	standardFields: readonly TargetField[],
	existing: ReadonlySet<string>,
): string[] {
	return mappedCustomFieldIds(mapping, standardFields).filter((id) => !existing.has(id));
}
