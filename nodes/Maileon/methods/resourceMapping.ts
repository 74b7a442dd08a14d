import type { FieldType, ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { toCustomTargetFields, toResourceMapperFields, type TargetField } from '../../shared/n8n/fieldMapping';
import { readCustomFields } from '../answers';
import { MAILEON_STANDARD_FIELDS } from '../mapping';
import { maileonRequest } from '../transport';

// maileon.md §6.2; a date stays text, as Maileon wants it as yyyy-MM-dd and n8n's date type would add a time
const FIELD_TYPES: Readonly<Record<string, FieldType>> = { integer: 'number', float: 'number', boolean: 'boolean' };

async function readCustomTargetFields(this: ILoadOptionsFunctions): Promise<TargetField[]> {
	const response = await maileonRequest.call(this, 'GET', '/contacts/fields/custom');
	return toCustomTargetFields(readCustomFields(response.body), FIELD_TYPES);
}

/** The fields the contact mapper offers: Maileon's standard fields, then the account's custom fields. */
export async function getContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return toResourceMapperFields([...MAILEON_STANDARD_FIELDS, ...(await readCustomTargetFields.call(this))]);
}

/** The account's custom fields alone, empty until the user maps a value. */
export async function getCustomContactFields(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	return toResourceMapperFields(await readCustomTargetFields.call(this), false);
}
