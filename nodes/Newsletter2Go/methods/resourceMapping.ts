import type { FieldType, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { toCustomTargetFields, toResourceMapperFields, type TargetField } from '../../shared/n8n/fieldMapping';
import { readAttributes } from '../actions/recipient/attributes';
import { ID_PATTERN, NEWSLETTER2GO_STANDARD_FIELDS } from '../mapping';

// §7.6 attribute types; a date stays text, as n8n's date type would add a time
const FIELD_TYPES: Readonly<Record<string, FieldType>> = { number: 'number', boolean: 'boolean' };
const LIST_ID = new RegExp(`^${ID_PATTERN}$`);

/** The custom attributes of the chosen list; none without a list, or with one an expression picks at run time. */
async function readListTargetFields(this: ILoadOptionsFunctions): Promise<TargetField[]> {
	const listId = String(this.getCurrentNodeParameter('list', { extractValue: true }) ?? '').trim();
	if (!LIST_ID.test(listId)) return [];
	return toCustomTargetFields(await readAttributes.call(this, listId), FIELD_TYPES);
}

/** The fields the recipient mapper offers: the built-in attributes, then the custom attributes of the chosen list. */
export async function getRecipientFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return toResourceMapperFields([...NEWSLETTER2GO_STANDARD_FIELDS, ...(await readListTargetFields.call(this))]);
}

/** The custom attributes of the chosen list alone, empty until the user maps a value. */
export async function getRecipientAttributes(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return toResourceMapperFields(await readListTargetFields.call(this), false);
}
