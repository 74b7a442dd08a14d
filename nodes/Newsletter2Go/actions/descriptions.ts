import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';

import { normaliseEmail } from '../../shared/contact';
import { ID_PATTERN, isFilterSafe } from '../mapping';

const ID_REGEX = `^${ID_PATTERN}$`;

function idValidation(kind: 'list' | 'group'): INodePropertyMode['validation'] {
	return [{ type: 'regex', properties: { regex: ID_REGEX, errorMessage: `Not a valid ${kind} ID (8 lower-case letters and digits)` } }];
}

// the API's own `_href` of the object (§3.4); Newsletter2Go's web UI URLs are not documented
function urlValidation(kind: 'list' | 'group'): INodePropertyMode['validation'] {
	return [{ type: 'regex', properties: { regex: `.*/${kind}s/${ID_PATTERN}.*`, errorMessage: `Not a Newsletter2Go ${kind} URL` } }];
}

function urlExtract(kind: 'list' | 'group'): INodePropertyMode['extractValue'] {
	return { type: 'regex', regex: `/${kind}s/(${ID_PATTERN})` };
}

function locator(
	kind: 'list' | 'group',
	searchListMethod: string,
	exampleId: string,
): Pick<INodeProperties, 'type' | 'default' | 'required' | 'modes'> {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod, searchable: true } },
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: exampleId, validation: idValidation(kind) },
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `https://api.newsletter2go.com/${kind}s/${exampleId}`,
				extractValue: urlExtract(kind),
				validation: urlValidation(kind),
			},
		],
	};
}

/** The address book ("list") an operation works on; a PORTAL newsletter is one list (seed 003). */
export const listLocator: INodeProperties = {
	displayName: 'List',
	name: 'list',
	description: 'The Newsletter2Go address book',
	...locator('list', 'searchLists', 'om355owj'),
};

export const groupLocator: INodeProperties = {
	displayName: 'Group',
	name: 'group',
	description: 'A static group (segment) of the list',
	typeOptions: { loadOptionsDependsOn: ['list.value'] },
	...locator('group', 'searchGroups', 'y9bjc5pj'),
};

/** The id of the list (or group) picked in a resource locator. */
export function readLocator(this: IExecuteFunctions, name: 'list' | 'group', itemIndex: number): string {
	const value = String(this.getNodeParameter(name, itemIndex, '', { extractValue: true }) ?? '').trim();
	if (value === '') {
		throw new NodeOperationError(this.getNode(), `No ${name} selected`, {
			itemIndex,
			description: `Pick a ${name} from the list, or enter its ID.`,
		});
	}
	return value;
}

/**
 * The item's address, trimmed and lower-cased: Newsletter2Go may compare case-sensitively
 * (§15 #6, #15). An address with a double quote cannot go into a filter and is refused.
 */
export function readEmail(this: IExecuteFunctions, itemIndex: number): string {
	const normalised = normaliseEmail(this.getNodeParameter('email', itemIndex, ''));
	if (normalised === undefined) {
		throw new NodeOperationError(this.getNode(), 'The email is empty', {
			itemIndex,
			description: 'Map an email address into the node, or check the expression.',
		});
	}
	if (!isFilterSafe(normalised.key)) {
		throw new NodeOperationError(this.getNode(), 'The email contains a double quote or backslash', {
			itemIndex,
			description: 'Newsletter2Go filters cannot look such an address up; correct the address at the source.',
		});
	}
	return normalised.key;
}
