import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { getNewsletterContacts, newsletterProperties } from '../newsletter';

const displayOptions = { show: { resource: ['contact'], operation: ['getNewsletterContacts'] } };

export const description = updateDisplayOptions(displayOptions, newsletterProperties('contact'));

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	return await getNewsletterContacts.call(this, items, 'contact');
}
