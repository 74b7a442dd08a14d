import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { emailFieldProperty, type OperationOption } from '../../shared/n8n/properties';
import { SuppressionLedger } from '../../shared/suppression';
import { changeToRow } from '../../shared/suppressionList';
import { readAddresses, rowOrigin } from './addresses';
import { parameterReader } from '../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Lets an address be sent again. Only do this when the person has given new, provable consent (e.g. a confirmed double opt-in). Upsert the rows with n8n\'s Data table node, matching on addressHash.',
		name: 'releaseNotice',
		type: 'notice',
		default: '',
	},
	emailFieldProperty,
	{
		displayName: 'The Person Gave New Consent',
		name: 'newConsentConfirmed',
		type: 'boolean',
		default: false,
		required: true,
		description:
			'Whether each of these people has given new consent that you can prove. The node refuses to release anything without it.',
	},
	{
		displayName: 'Proof of Consent',
		name: 'proof',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'DOI confirmed 2026-12-01 via registration form',
		description: 'Where the new consent is documented; stored with each row',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['release'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const confirmed = this.getNodeParameter('newConsentConfirmed', 0, false) === true;
	const parameter = parameterReader(this);
	const proof = parameter.string('proof', '');
	if (!confirmed || proof === '') {
		throw new NodeOperationError(this.getNode(), 'Nothing released: new consent is not confirmed', {
			description:
				'Turn on "The Person Gave New Consent" and say in "Proof of Consent" where the consent is documented. An unsubscribed address may only be mailed again after new, provable consent.',
		});
	}
	const emailField = parameter.string('emailField', '');
	const { valid, invalid } = readAddresses(items, emailField);
	const origin = rowOrigin.call(this, 'release');
	const releasedAt = Date.now();
	const seen = new Set<string>();
	const rows: INodeExecutionData[] = [];
	for (const { index, key } of valid) {
		const hash = SuppressionLedger.hash(key);
		if (seen.has(hash)) continue;
		seen.add(hash);
		const row = changeToRow({ hash, releasedAt }, origin, '');
		rows.push({ json: { ...row, reason: `released after new consent: ${proof}` }, pairedItem: { item: index } });
	}
	return [rows, invalid];
}

export const option: OperationOption = {
	name: 'Release After New Consent',
	description: 'Let addresses be sent again after new, provable consent',
	action: 'Release addresses after new consent',
};
