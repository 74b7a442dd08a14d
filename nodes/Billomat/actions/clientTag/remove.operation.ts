import type { OperationOption } from '../../../shared/n8n/properties';
import { readText } from '../../mapping';
import { billomatRequest, recordPath } from '../../transport';
import { findTags, tagOperation, type ApplyTagChange } from './clientTarget';

const removePresent: ApplyTagChange = async function (clientId, tags, existing, itemIndex) {
	const removed: string[] = [];
	const notPresent: string[] = [];
	for (const name of tags) {
		const matches = findTags(existing, name);
		if (matches.length === 0) notPresent.push(name);
		else removed.push(name);
		for (const tag of matches) {
			const tagId = readText(tag, 'id') ?? '';
			await billomatRequest.call(this, 'DELETE', recordPath('client-tags', tagId), {
				itemIndex,
				notFound: `tag "${name}" (ID ${tagId}) of client "${clientId}"`,
			});
		}
	}
	return { removed, notPresent };
};

export const { description, execute } = tagOperation('remove', removePresent);

export const option: OperationOption = { name: 'Remove', description: 'Remove tags from a client', action: 'Remove tags from a client' };
