import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { handleItemError } from '../../../shared/n8n/itemError';
import { emailProperty } from '../../../shared/n8n/properties';
import type { OperationHandler } from '../../../shared/n8n/router';
import { findRecipients, listPath, writeByEmails } from '../../transport';
import { groupLocator, listLocator, readEmail, readLocator } from '../descriptions';

export const membershipProperties: INodeProperties[] = [
	listLocator,
	groupLocator,
	{ ...emailProperty, description: 'Address of a recipient of the list; one per input item' },
];

interface Member {
	itemIndex: number;
	listId: string;
	groupId: string;
	email: string;
}

/**
 * Adds or removes the items' recipients to or from static groups: the addresses are looked up first,
 * then written with one filtered request per 50 addresses and group (§7.5), not one per recipient.
 * An address the list lacks fails its item before anything is written.
 */
export function changeMembership(change: 'add' | 'remove'): OperationHandler {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]) {
		return await changeMembershipOf.call(this, items, change);
	};
}

async function changeMembershipOf(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	change: 'add' | 'remove',
): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const byGroup = new Map<string, Member[]>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const member: Member = {
				itemIndex,
				listId: readLocator.call(this, 'list', itemIndex),
				groupId: readLocator.call(this, 'group', itemIndex),
				email: readEmail.call(this, itemIndex),
			};
			const key = `${member.listId}/${member.groupId}`;
			byGroup.set(key, [...(byGroup.get(key) ?? []), member]);
		} catch (error) {
			handleItemError.call(this, error, itemIndex, output);
		}
	}

	const writes: Array<{ members: Member[]; stored: string[] }> = [];
	for (const members of byGroup.values()) {
		const { listId } = members[0];
		const found = await findRecipients.call(this, listId, members.map((member) => member.email));
		const present: Member[] = [];
		for (const member of members) {
			if (found.has(member.email)) {
				present.push(member);
				continue;
			}
			const error = new NodeOperationError(this.getNode(), `List ${listId} has no recipient ${member.email}`, {
				itemIndex: member.itemIndex,
				description: 'Add the recipient to the list first, or check the address.',
			});
			handleItemError.call(this, error, member.itemIndex, output);
		}
		// the filter uses the addresses as Newsletter2Go stores them, in case it compares case-sensitively (§15 #15)
		const stored = present.map((member) => String(found.get(member.email)?.email ?? member.email));
		if (present.length > 0) writes.push({ members: present, stored });
	}

	for (const { members, stored } of writes) {
		const { listId, groupId } = members[0];
		await writeByEmails.call(this, change === 'add' ? 'POST' : 'DELETE', listPath(listId, 'groups', groupId, 'recipients'), stored);
		for (const member of members) {
			output.push({
				json: { email: member.email, listId, groupId, [change === 'add' ? 'added' : 'removed']: true },
				pairedItem: { item: member.itemIndex },
			});
		}
	}
	output.sort((a, b) => itemOf(a) - itemOf(b));
	return [output];
}

function itemOf(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	return typeof paired === 'object' && !Array.isArray(paired) ? paired.item : 0;
}
