import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { perItem } from '../../../shared/n8n/itemLoop';
import { emailProperty, splitNameList } from '../../../shared/n8n/properties';
import type { OperationHandler } from '../../../shared/n8n/router';
import { readText, type BillomatRecord } from '../../mapping';
import { clientIdProperty } from '../descriptions';
import { readAll, readClientTags } from '../reads';

/** How Add and Remove find the clients whose tags change. */
const clientTargetProperties: INodeProperties[] = [
	{
		displayName: 'Find Client By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Client ID', value: 'id' },
			{
				name: 'Email',
				value: 'email',
				description: 'Every client with exactly this address; useful to write unsubscribes back',
			},
		],
		default: 'id',
	},
	{ ...clientIdProperty, displayOptions: { show: { identifyBy: ['id'] } } },
	{ ...emailProperty, displayOptions: { show: { identifyBy: ['email'] } } },
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'newsletter-unsubscribed',
		description: 'Comma-separated tag names',
	},
];

export interface TagChange {
	/** Clients to change; empty when no client has the email. */
	clientIds: string[];
	tags: string[];
	/** What the item named, for the output. */
	lookup: { clientId: string } | { email: string };
}

/**
 * The clients and tag names of one item. Billomat's `email=` matches substrings
 * (billomat.md §7.2), so the listed clients are checked for the exact address.
 */
export async function readTagChange(this: IExecuteFunctions, itemIndex: number): Promise<TagChange> {
	const tags = splitNameList(this.getNodeParameter('tags', itemIndex, ''));
	if (tags.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No tag names given', {
			itemIndex,
			description: 'Enter one or more comma-separated tag names under "Tags".',
		});
	}
	const by = this.getNodeParameter('identifyBy', itemIndex, 'id');
	const value = String(this.getNodeParameter(by === 'email' ? 'email' : 'clientId', itemIndex, '')).trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), `The ${by === 'email' ? 'email' : 'Client ID'} is empty`, {
			itemIndex,
			description: 'Enter a value, or map it from an earlier node.',
		});
	}
	if (by !== 'email') return { clientIds: [value], tags, lookup: { clientId: value } };
	const clients = await readAll.call(this, 'clients', { email: value }, { itemIndex });
	const clientIds = clients
		.filter((client) => readText(client, 'email')?.toLowerCase() === value.toLowerCase())
		.map((client) => readText(client, 'id'))
		.filter((id): id is string => id !== undefined);
	return { clientIds, tags, lookup: { email: value } };
}

/** The client's tag records whose name is `name`, compared case-insensitively. */
export function findTags(existing: readonly BillomatRecord[], name: string): BillomatRecord[] {
	return existing.filter((tag) => readText(tag, 'name')?.toLowerCase() === name.toLowerCase());
}

/** Changes the tags of one client; `existing` are its tags before, read once. */
export type ApplyTagChange = (
	this: IExecuteFunctions,
	clientId: string,
	tags: readonly string[],
	existing: readonly BillomatRecord[],
	itemIndex: number,
) => Promise<IDataObject>;

/**
 * The Add or Remove operation: the client-target parameters, and a handler that runs the tag change
 * for every item and every client it names, with one output item per client (or one with
 * `clientIds: []` when no client has the email).
 */
export function tagOperation(
	operation: 'add' | 'remove',
	apply: ApplyTagChange,
): { description: INodeProperties[]; execute: OperationHandler } {
	const displayOptions = { show: { resource: ['clientTag'], operation: [operation] } };
	const execute = perItem(async function (itemIndex) {
		const change = await readTagChange.call(this, itemIndex);
		if (change.clientIds.length === 0) return { ...change.lookup, clientIds: [] };
		const results: IDataObject[] = [];
		for (const clientId of change.clientIds) {
			const existing = await readClientTags.call(this, clientId, { itemIndex });
			const result = await apply.call(this, clientId, change.tags, existing, itemIndex);
			results.push({ ...change.lookup, clientId, ...result });
		}
		return results;
	});
	return { description: updateDisplayOptions(displayOptions, clientTargetProperties), execute };
}
