import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { QueryValue } from '../../shared/n8n/http';
import { perItemWithLedger } from '../../shared/n8n/itemLoop';
import { keepOutOfFutureImports } from '../../shared/n8n/ledger';
import { emailProperty } from '../../shared/n8n/properties';
import type { OperationHandler } from '../../shared/n8n/router';
import { contactPath } from '../transport';

/**
 * How a single contact is found; shared by Create or Update, Get, Delete and Unsubscribe. Create or
 * Update always needs the email, also when it identifies the contact by external ID.
 */
export function identifyByProperties(withMaileonId: boolean, alwaysEmail = false): INodeProperties[] {
	const options = [
		{ name: 'Email', value: 'email' },
		{ name: 'External ID', value: 'externalId' },
	];
	if (withMaileonId) options.push({ name: 'Maileon ID', value: 'id' });
	return [
		{
			displayName: 'Identify By',
			name: 'identifyBy',
			type: 'options',
			options,
			default: 'email',
		},
		alwaysEmail ? emailProperty : { ...emailProperty, displayOptions: { show: { identifyBy: ['email'] } } },
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { identifyBy: ['externalId'] } },
		},
		{
			displayName: 'Maileon ID',
			name: 'maileonId',
			type: 'string',
			default: '',
			required: true,
			displayOptions: { show: { identifyBy: ['id'] } },
		},
	];
}

export { returnAllProperties } from '../../shared/n8n/paging';

export interface ContactIdentity {
	kind: 'email' | 'externalId' | 'id';
	value: string;
}

/** How each kind of identifier is named in messages. */
export const IDENTITY_LABELS: Record<ContactIdentity['kind'], string> = {
	email: 'email',
	externalId: 'external ID',
	id: 'Maileon ID',
};

/** Reads the "Identify By" parameters of one item. */
export function readIdentity(
	getParameter: (name: string) => unknown,
): ContactIdentity {
	const kind = (getParameter('identifyBy') as ContactIdentity['kind'] | undefined) ?? 'email';
	const name = kind === 'id' ? 'maileonId' : kind;
	return { kind, value: String(getParameter(name) ?? '').trim() };
}

/** The identifier of one item, or a `NodeOperationError` naming the empty field. */
export function readRequiredIdentity(this: IExecuteFunctions, itemIndex: number): ContactIdentity {
	const identity = readIdentity((name) => this.getNodeParameter(name, itemIndex, ''));
	if (identity.value === '') {
		throw new NodeOperationError(this.getNode(), `The ${IDENTITY_LABELS[identity.kind]} is empty`, {
			itemIndex,
			description: 'Map a value into the field, or check the expression.',
		});
	}
	return identity;
}

/**
 * An operation on the contact each item identifies: `act` sends the request, then an address given
 * by email goes into the suppression ledger when "Keep Out of Future Imports" is on.
 */
export function perIdentifiedContact(
	act: (this: IExecuteFunctions, identity: ContactIdentity, itemIndex: number) => Promise<IDataObject>,
): OperationHandler {
	return perItemWithLedger(async function (itemIndex, ledger) {
		const identity = readRequiredIdentity.call(this, itemIndex);
		const result = await act.call(this, identity, itemIndex);
		if (identity.kind === 'email') keepOutOfFutureImports.call(this, ledger, identity.value, itemIndex);
		return { [identity.kind]: identity.value, ...result };
	});
}

/** Path and query addressing one contact (maileon.md §6.6, §6.7, §6.10); a Maileon ID goes in the query. */
export function identityRequest(
	identity: ContactIdentity,
	suffix = '',
): { path: string; qs: Record<string, QueryValue> } {
	if (identity.kind === 'id') return { path: `/contacts/contact${suffix}`, qs: { id: identity.value } };
	return {
		path: contactPath(identity.kind === 'email' ? 'email' : 'externalid', identity.value, suffix),
		qs: {},
	};
}

/** Permission codes a user can pick (maileon.md §4.1); Synchronize Many adds "By Consent". */
export const permissionOptions = [
	{ name: 'Confirmed Opt-in (COI)', value: 'coi' },
	{ name: 'Double Opt-in (DOI)', value: 'doi' },
	{ name: 'Double Opt-in Plus (DOI+)', value: 'doiPlus' },
	{ name: 'None', value: 'none' },
	{ name: 'Other', value: 'other' },
	{ name: 'Single Opt-in (SOI)', value: 'soi' },
];

/** Which custom fields a contact read returns; Maileon sends only those asked for (maileon.md §5.4). */
export const customFieldsProperty: INodeProperties = {
	displayName: 'Custom Field Names or IDs',
	name: 'customFields',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCustomFields' },
	default: [],
	description:
		'Custom fields to include. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
