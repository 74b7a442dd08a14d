import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';

import { chunk } from '../../../shared/batch';
import { handleItemError } from '../../../shared/n8n/itemError';
import { emailFieldProperty, optionsProperty, type OperationOption } from '../../../shared/n8n/properties';
import { addEntriesXml, isGlobalBlacklist, MAILEON_BLACKLIST_BATCH, toBlacklistEntry } from '../../blacklists';
import { maileonRequest } from '../../transport';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'A second line behind the suppression list, off in the templates: Maileon then refuses to mail these addresses whoever imports them, also after it purges its unsubscribers. The addresses are stored in clear text at Maileon; whether that is acceptable is your choice. The global blacklists 1 and 2 cannot be written.',
		name: 'blacklistNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Blacklist',
		name: 'blacklist',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: "One of the account's own blacklists",
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchBlacklists', searchable: true } },
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '11',
				validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'Not a valid blacklist ID (a number)' } }],
			},
		],
	},
	emailFieldProperty,
	optionsProperty([
		{
			displayName: 'Allow Domain Wildcards',
			name: 'allowWildcards',
			type: 'boolean',
			default: false,
			description: 'Whether a value such as "*@example.com" is added as a wildcard that blocks the whole domain; otherwise it counts as invalid',
		},
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: MAILEON_BLACKLIST_BATCH,
			description:
				'Entries per request to Maileon. Maileon documents no maximum; lower it if Maileon refuses large requests.',
		},
		{
			displayName: 'Import Name',
			name: 'importName',
			type: 'string',
			default: '',
			placeholder: 'Opt-outs from the shop',
			description:
				'The name Maileon shows for the import; a run of several requests adds "(part 2 of 3)". Empty means "n8n" and the time of the run.',
		},
	]),
];

const displayOptions = { show: { resource: ['blacklist'], operation: ['addEntries'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface AddEntriesParams {
	blacklistId: string;
	emailField: string;
	allowWildcards: boolean;
	batchSize: number;
	importName: string;
}

function readAddEntriesParams(this: IExecuteFunctions): AddEntriesParams {
	const blacklistId = String(this.getNodeParameter('blacklist', 0, '', { extractValue: true }) ?? '').trim();
	if (!/^\d+$/.test(blacklistId)) {
		const message = blacklistId === '' ? 'No blacklist selected' : `"${blacklistId}" is not a Maileon blacklist ID`;
		throw new NodeOperationError(this.getNode(), message, {
			description: 'Pick a blacklist from the list, or enter its numeric ID.',
		});
	}
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const batchSize = Number(options.batchSize ?? MAILEON_BLACKLIST_BATCH);
	if (!Number.isInteger(batchSize) || batchSize < 1) {
		throw new NodeOperationError(this.getNode(), `Batch Size must be a whole number of at least 1, got ${String(options.batchSize)}`, {
			description: `Set "Batch Size" to a positive number, e.g. ${MAILEON_BLACKLIST_BATCH}.`,
		});
	}
	return {
		blacklistId,
		emailField: String(this.getNodeParameter('emailField', 0, 'email')).trim() || 'email',
		allowWildcards: options.allowWildcards === true,
		batchSize,
		importName: String(options.importName ?? '').trim(),
	};
}

/** Maileon's generic 403 text does not fit here: the usual cause is a global list. */
function explainRefusal(this: IExecuteFunctions, error: unknown, blacklistId: string): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '403') return error;
	const isGlobal = isGlobalBlacklist(blacklistId);
	return new NodeApiError(this.getNode(), error.errorResponse ?? ({} as JsonObject), {
		httpCode: '403',
		message: isGlobal
			? `Maileon refused entries for blacklist ${blacklistId}, one of its global blacklists (403)`
			: `Maileon refused entries for blacklist ${blacklistId} (403)`,
		description: isGlobal
			? "Blacklists 1 and 2 are Maileon's global blacklists and cannot be written over the API. Pick one of the account's own blacklists (From List shows them), or create one in Maileon first."
			: "Blacklists 1 and 2 are Maileon's global blacklists and cannot be written; for any other list the API key lacks a privilege. In Maileon under Settings → API Keys, give the key the POST privilege, then retry.",
	});
}

function importNameFor(params: AddEntriesParams, part: number, parts: number): string {
	const base = params.importName !== '' ? params.importName : `n8n ${new Date().toISOString()}`;
	return parts > 1 ? `${base} (part ${part} of ${parts})` : base;
}

/**
 * Adds the address of every input item to one blacklist, in bulk: one request per batch. Items
 * without a usable address leave on the "Invalid" output, each with the reason.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const params = readAddEntriesParams.call(this);
	const invalid: INodeExecutionData[] = [];
	// each distinct entry is sent once; every item that named it is answered
	const itemsByEntry = new Map<string, number[]>();
	items.forEach((item, index) => {
		const result = toBlacklistEntry(item.json[params.emailField], params.allowWildcards);
		if ('problem' in result) {
			const raw = item.json[params.emailField];
			invalid.push({
				json: { email: typeof raw === 'string' ? raw : null, reason: `The value in "${params.emailField}" ${result.problem}` },
				pairedItem: { item: index },
			});
			return;
		}
		const indexes = itemsByEntry.get(result.entry) ?? [];
		indexes.push(index);
		itemsByEntry.set(result.entry, indexes);
	});

	const addedByItem: INodeExecutionData[][] = items.map(() => []);
	const batches = chunk([...itemsByEntry.keys()], params.batchSize);
	for (let part = 0; part < batches.length; part++) {
		const entries = batches[part];
		const importName = importNameFor(params, part + 1, batches.length);
		try {
			await maileonRequest.call(this, 'POST', `/blacklists/${params.blacklistId}/actions`, {
				body: addEntriesXml(entries, importName),
			});
		} catch (error) {
			const explained = explainRefusal.call(this, error, params.blacklistId);
			for (const entry of entries) {
				for (const index of itemsByEntry.get(entry) ?? []) handleItemError.call(this, explained, index, addedByItem[index]);
			}
			continue;
		}
		for (const entry of entries) {
			for (const index of itemsByEntry.get(entry) ?? []) {
				addedByItem[index].push({ json: { email: entry, blacklistId: Number(params.blacklistId), importName }, pairedItem: { item: index } });
			}
		}
	}
	return [addedByItem.flat(), invalid];
}

export const option: OperationOption = {
	name: 'Add Entries',
	description: 'Add the addresses of all input items to a blacklist, in bulk',
	action: 'Add entries to a blacklist',
};
