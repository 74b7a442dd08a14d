import {
	NodeApiError,
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type JsonObject,
} from 'n8n-workflow';

import { normaliseEmailKey, splitEmails } from '../../../shared/contact';
import { forEachItem } from '../../../shared/n8n/itemLoop';
import { emailProperty, type OperationOption, optionsProperty } from '../../../shared/n8n/properties';
import {
	attribute,
	collectReturnedAttributes,
	datafieldWrite,
	describeResultType,
	type DirectoRecord,
	isWriteSuccess,
} from '../../mapping';
import { type DirectoSettings, readRecords, readSettings, writeRecords } from '../../transport';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			"Writes one datafield back to Directo, e.g. OPTIN = no with today's date for someone who unsubscribed from the newsletter. Directo replaces the whole customer card on such a write, so the node reads the card first and sends back everything the read returns. Directo's customer read lacks some attributes (type, first and last name, bank details, …): the node refuses to write a card it cannot send back whole, unless the options allow clearing them.",
		name: 'updateNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Identify By',
		name: 'identifyBy',
		type: 'options',
		options: [
			{ name: 'Customer Code', value: 'code' },
			{
				name: 'Email',
				value: 'email',
				description: 'Every customer whose email field holds the address',
			},
		],
		default: 'email',
	},
	{
		displayName: 'Customer Code',
		name: 'code',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { identifyBy: ['code'] } },
	},
	{ ...emailProperty, displayOptions: { show: { identifyBy: ['email'] } } },
	{
		displayName: 'Datafield',
		name: 'datafield',
		type: 'string',
		default: 'OPTIN',
		required: true,
		description: 'Code of the datafield to write',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		default: 'no',
		description: 'The value to write, e.g. "no" for an opt-out',
	},
	{
		displayName: 'Parameter',
		name: 'param',
		type: 'string',
		default: '={{ $today.toFormat("dd.MM.yyyy") }}',
		description: "The datafield's parameter; for OPTIN the date of the decision (dd.mm.yyyy)",
	},
	optionsProperty([
		{
			displayName: 'Clear Attributes Directo Does Not Return',
			name: 'clearUnreadAttributes',
			type: 'boolean',
			default: false,
			description:
				'Whether to write even though the card as read lacks attributes the write replaces (type, first and last name, birthday, language, bank details and more; the error names them all): Directo then clears them. Turn on only if your database leaves them empty.',
		},
	]),
];

const displayOptions = { show: { resource: ['customer'], operation: ['updateDatafield'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface Target {
	by: 'code' | 'email';
	value: string;
}

function readTarget(this: IExecuteFunctions, itemIndex: number): Target {
	const by = this.getNodeParameter('identifyBy', itemIndex, 'email') === 'code' ? 'code' : 'email';
	return { by, value: String(this.getNodeParameter(by, itemIndex, '')).trim() };
}

function emailKeys(record: DirectoRecord): string[] {
	return splitEmails(attribute(record, 'email')).map(normaliseEmailKey);
}

/**
 * The cards the items name, from one streamed read of all customers: a run that writes back 500
 * unsubscribers downloads the customer list once, not 500 times.
 */
async function findCustomers(
	this: IExecuteFunctions,
	targets: readonly Target[],
	settings: DirectoSettings,
): Promise<{ found: DirectoRecord[]; returned: Set<string> }> {
	const codes = new Set(targets.filter((t) => t.by === 'code').map((t) => t.value));
	const emails = new Set(
		targets.filter((t) => t.by === 'email').map((t) => normaliseEmailKey(t.value)),
	);
	// a single target may be narrowed by Directo, when the credential says it filters
	const filters = targets.length === 1 ? { [targets[0].by]: targets[0].value } : {};
	const found: DirectoRecord[] = [];
	const returned = new Set<string>();
	for await (const record of readRecords.call(this, { what: 'customer', filters }, settings)) {
		collectReturnedAttributes(record, returned);
		if (codes.has(record.code) || emailKeys(record).some((key) => emails.has(key)))
			found.push(record);
	}
	return { found, returned };
}

function explainRefusal(type: string): string {
	switch (type) {
		case '5':
			return 'The key may not write customers. A Directo SUPER user can allow writing for this key under XML interfaces.';
		case '8':
			return 'Directo did not accept the card as sent; send this message to the maintainers of this node together with the Directo version.';
		case '14':
			return 'Directo does not allow updating this customer over the XML interface. Ask your Directo consultant to allow updates (xd_update) for the key.';
		default:
			return 'Check the message; Directo asks to wait at least a minute before writing again after a failed write.';
	}
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const settings = await readSettings.call(this);
	const targets = items.map((_, itemIndex) => readTarget.call(this, itemIndex));
	let customers: ReturnType<typeof findCustomers> | undefined;

	return await forEachItem.call(this, items, async (itemIndex) => {
		const target = targets[itemIndex];
		if (target.value === '') {
			throw new NodeOperationError(
				this.getNode(),
				`The ${target.by === 'code' ? 'customer code' : 'email'} is empty`,
				{
					itemIndex,
					description: 'Map a value into the field, or check the expression.',
				},
			);
		}
		const datafield = String(this.getNodeParameter('datafield', itemIndex, 'OPTIN')).trim();
		if (datafield === '') {
			throw new NodeOperationError(this.getNode(), 'The datafield code is empty', {
				itemIndex,
				description: 'Enter the code of the datafield, e.g. OPTIN.',
			});
		}
		const change = {
			code: datafield,
			content: String(this.getNodeParameter('content', itemIndex, '')),
			param: String(this.getNodeParameter('param', itemIndex, '')),
		};
		customers ??= findCustomers.call(this, targets, settings);
		const { found: all, returned } = await customers;
		const key = normaliseEmailKey(target.value);
		const matches = all.filter((record) =>
			target.by === 'code' ? record.code === target.value : emailKeys(record).includes(key),
		);
		if (matches.length === 0 && target.by === 'code') {
			throw new NodeOperationError(
				this.getNode(),
				`Directo has no customer with code "${target.value}"`,
				{
					itemIndex,
					description: 'Check the code. Codes are case-sensitive.',
				},
			);
		}
		if (matches.length === 0) {
			return { email: target.value, written: false, reason: 'no customer has this address' };
		}
		const parameter = parameterReader(this, itemIndex);
		const mayClear = (parameter.collection('options'))
			.clearUnreadAttributes === true;
		const writes = matches.map((record) => ({ record, ...datafieldWrite(record, change, returned) }));
		const incomplete = writes.find((write) => write.unread.length > 0);
		if (incomplete !== undefined && !mayClear) {
			throw new NodeOperationError(
				this.getNode(),
				`Writing ${datafield} would clear attributes of customer ${incomplete.record.code} that Directo's read does not return`,
				{
					itemIndex,
					description: `Directo changes a datafield only by replacing the whole card, and its customer read lacks: ${incomplete.unread.join(', ')}. Nothing was written. If your database leaves these attributes empty, turn on "Clear Attributes Directo Does Not Return" in the node's options; otherwise change the datafield in Directo itself.`,
				},
			);
		}
		const written: IDataObject[] = [];
		for (const { record, xml, unread } of writes) {
			const results = await writeRecords.call(
				this,
				'customer',
				xml,
				{ xd_update: '1' },
				settings,
				itemIndex,
			);
			const result = results[0] ?? { type: '', desc: 'no result' };
			if (!isWriteSuccess(result)) {
				const what = `${result.desc || describeResultType(result.type)} (type ${result.type || 'missing'})`;
				throw new NodeApiError(this.getNode(), { message: what } as JsonObject, {
					itemIndex,
					message: `Directo did not write ${datafield} of customer ${record.code}: ${what}`,
					description: explainRefusal(result.type),
				});
			}
			// a later item for the same card must send this change along, as the write replaces the card
			record.datafields[change.code] = { content: change.content, param: change.param };
			written.push({
				code: record.code,
				email: attribute(record, 'email'),
				datafield,
				content: change.content,
				param: change.param,
				written: true,
				result: result.desc || describeResultType(result.type),
				...(unread.length > 0 ? { clearedAttributes: unread } : {}),
			});
		}
		return written;
	});
}

export const option: OperationOption = { name: 'Update Datafield', description: 'Write one datafield of a customer, e.g. OPTIN after an unsubscribe', action: 'Update a customer datafield' };
