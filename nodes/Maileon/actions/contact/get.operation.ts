import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { nodeError } from '../../../shared/n8n/http';
import type { OperationOption } from '../../../shared/n8n/properties';
import { perItem } from '../../../shared/n8n/itemLoop';
import { readContacts } from '../../answers';
import { STANDARD_FIELDS } from '../../mapping';
import { maileonRequest } from '../../transport';
import { customFieldsProperty, IDENTITY_LABELS, identifyByProperties, identityRequest, readRequiredIdentity } from '../descriptions';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [...identifyByProperties(true), customFieldsProperty];

const displayOptions = { show: { resource: ['contact'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Maileon returns only the fields a read asks for (maileon.md §6.6). */
export function fieldQuery(customFields: string[]): Record<string, string[]> {
	return { standard_field: [...STANDARD_FIELDS], custom_field: customFields };
}

export const execute = perItem(async function (itemIndex) {
	const identity = readRequiredIdentity.call(this, itemIndex);
	const parameter = parameterReader(this, itemIndex);
	const customFields = parameter.strings('customFields');
	const { path, qs } = identityRequest(identity);
	// a server-side caller may skip the checksum of a read by Maileon ID (maileon.md §6.6)
	if (identity.kind === 'id') qs.ignore_checksum = true;
	const notFound = () =>
		new NodeOperationError(
			this.getNode(),
			`Maileon has no contact with the ${IDENTITY_LABELS[identity.kind]} "${identity.value}"`,
			{
				itemIndex,
				description: 'Check the value mapped into the node. An unsubscribed contact keeps only its Maileon ID.',
			},
		);
	let response;
	try {
		response = await maileonRequest.call(this, 'GET', path, {
			qs: { ...qs, ...fieldQuery(customFields) },
			itemIndex,
		});
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') throw notFound();
		throw nodeError(this.getNode(), error);
	}
	const contacts = readContacts(response.body);
	// by email or ID Maileon answers 404, by external ID an empty list
	if (contacts.length === 0) throw notFound();
	return contacts.map((contact) => ({ ...contact }));
});

export const option: OperationOption = { name: 'Get', description: 'Get a contact by email, external ID or Maileon ID', action: 'Get a contact' };
