import type { OperationOption } from '../../../shared/n8n/properties';
import { toWriteBody } from '../../mapping';
import { billomatRequest } from '../../transport';
import { findTags, tagOperation, type ApplyTagChange } from './clientTarget';

// adding a tag the client has would create a second one: look first, so reruns change nothing
const addMissing: ApplyTagChange = async function (clientId, tags, existing, itemIndex) {
	const added: string[] = [];
	const alreadyPresent: string[] = [];
	for (const name of tags) {
		if (findTags(existing, name).length > 0) {
			alreadyPresent.push(name);
			continue;
		}
		await billomatRequest.call(this, 'POST', '/client-tags', {
			body: toWriteBody('client-tag', { client_id: clientId, name }),
			itemIndex,
			notFound: `client "${clientId}"`,
		});
		added.push(name);
	}
	return { added, alreadyPresent };
};

export const { description, execute } = tagOperation('add', addMissing);

export const option: OperationOption = { name: 'Add', description: 'Add tags to a client unless it has them', action: 'Add tags to a client' };
