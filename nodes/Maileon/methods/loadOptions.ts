import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { readCustomFields } from '../answers';
import { maileonRequest } from '../transport';

export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = await maileonRequest.call(this, 'GET', '/contacts/fields/custom');
	return readCustomFields(response.body)
		.map((field) => ({ name: field.name, value: field.name, description: `Type: ${field.type}` }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
