import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { QueryValue } from '../../shared/n8n/http';
import { perItem } from '../../shared/n8n/itemLoop';
import { filtersProperty } from '../../shared/n8n/properties';
import type { OperationHandler } from '../../shared/n8n/router';
import { readText, type BillomatRecord } from '../mapping';

export const clientIdProperty: INodeProperties = {
	displayName: 'Client ID',
	name: 'clientId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '485054',
	description: 'The Billomat ID of the client (the number in the client\'s address in Billomat)',
};

/** List filters of billomat.md §7.2; shared by Get Many and Get Newsletter Contacts. */
export const clientFiltersProperty: INodeProperties = filtersProperty([
	{
		displayName: 'Client Number',
		name: 'clientNumber',
		type: 'string',
		default: '',
		placeholder: 'KD123',
	},
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'DE',
		description: 'ISO 3166 alpha-2 code of the client\'s country',
	},
	{
		displayName: 'Custom Field',
		name: 'customField',
		type: 'string',
		default: '',
		description: 'Value of the integrator field ("customfield"); matched exactly',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		default: '',
		description:
			'Billomat matches any address containing the text; the node keeps only exact matches unless "Substring Matching" is on',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		default: '',
		description: 'First name of the contact person; Billomat matches any name containing the text',
	},
	{
		displayName: 'Include Archived',
		name: 'includeArchived',
		type: 'boolean',
		default: false,
		description:
			'Whether to include archived clients. Billomat has no filter for them, so the node removes them itself.',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Last name of the contact person; Billomat matches any name containing the text',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Company name; Billomat matches any name containing the text (case-insensitive)',
	},
	{
		displayName: 'Substring Matching',
		name: 'substringMatching',
		type: 'boolean',
		default: false,
		description:
			'Whether Email and Custom Field keep Billomat\'s "contains" matching instead of exact matches',
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'newsletter',
		description: 'Comma-separated tag names',
	},
]);

export const sortByIdProperty: INodeProperties = {
	displayName: 'Sort by ID',
	name: 'sortById',
	type: 'boolean',
	default: true,
	description:
		'Whether to have Billomat sort the list by ID, which keeps the pages stable while clients change. Billomat does not document the ID as a sort field; turn off if Billomat rejects the request.',
};

export interface ClientFilter {
	qs: Record<string, QueryValue>;
	/** Whether the user wants archived clients left out (Billomat lists them all, billomat.md §16 #5). */
	excludesArchived: boolean;
	/** Whether a listed client passes the exact checks Billomat's "contains" matching cannot do. */
	matches: (client: BillomatRecord) => boolean;
}

function sameText(value: string | undefined, wanted: string): boolean {
	return value !== undefined && value.toLowerCase() === wanted.toLowerCase();
}

export function isArchived(client: BillomatRecord): boolean {
	return readText(client, 'archived') === '1';
}

/** Turns the Filters collection into query parameters plus the local checks (billomat.md §7.2, §16 #13). */
export function readClientFilter(filters: IDataObject): ClientFilter {
	const text = (name: string): string | undefined => {
		const value = typeof filters[name] === 'string' ? (filters[name] as string).trim() : '';
		return value === '' ? undefined : value;
	};
	const email = text('email');
	const customField = text('customField');
	const exact = filters.substringMatching !== true;
	return {
		qs: {
			name: text('name'),
			client_number: text('clientNumber'),
			email,
			first_name: text('firstName'),
			last_name: text('lastName'),
			country_code: text('countryCode')?.toUpperCase(),
			tags: text('tags'),
			customfield: customField,
		},
		excludesArchived: filters.includeArchived !== true,
		matches: (client) => {
			if (exact && email !== undefined && !sameText(readText(client, 'email'), email)) return false;
			if (exact && customField !== undefined && readText(client, 'customfield') !== customField) return false;
			return true;
		},
	};
}

export function orderByOf(sortById: unknown): string | undefined {
	return sortById === false ? undefined : 'id ASC';
}

/** An operation on one client per item: the item's Client ID read and checked, results linked to the item. */
export function perClient(
	run: (this: IExecuteFunctions, clientId: string, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): OperationHandler {
	return perItem(async function (itemIndex) {
		return await run.call(this, readClientId.call(this, itemIndex), itemIndex);
	});
}

/** The trimmed Client ID of an item; an empty one is the user's mistake, not Billomat's. */
export function readClientId(this: IExecuteFunctions, itemIndex: number): string {
	const id = String(this.getNodeParameter('clientId', itemIndex, '')).trim();
	if (id === '') {
		throw new NodeOperationError(this.getNode(), 'The Client ID is empty', {
			itemIndex,
			description: 'Enter the ID of a Billomat client, or map it from an earlier node, e.g. {{ $json.id }}.',
		});
	}
	return id;
}
