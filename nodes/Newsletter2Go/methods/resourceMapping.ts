import type { FieldType, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { toCustomTargetFields, toResourceMapperFields } from '../../shared/n8n/fieldMapping';
import { readAttributes } from '../actions/recipient/attributes';
import { ID_PATTERN, NEWSLETTER2GO_STANDARD_FIELDS } from '../mapping';

// §7.6 attribute types; a date stays text, as n8n's date type would add a time
const FIELD_TYPES: Readonly<Record<string, FieldType>> = { number: 'number', boolean: 'boolean' };
const LIST_ID = new RegExp(`^${ID_PATTERN}$`);

/** The fields the recipient mapper offers: the built-in attributes, then the custom attributes of the chosen list. */
export async function getRecipientFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const listId = String(this.getCurrentNodeParameter('list', { extractValue: true }) ?? '').trim();
	// no list yet, or one an expression picks at run time: only the built-in attributes are known
	if (!LIST_ID.test(listId)) return toResourceMapperFields(NEWSLETTER2GO_STANDARD_FIELDS);
	const custom = toCustomTargetFields(await readAttributes.call(this, listId), FIELD_TYPES);
	return toResourceMapperFields([...NEWSLETTER2GO_STANDARD_FIELDS, ...custom]);
}
