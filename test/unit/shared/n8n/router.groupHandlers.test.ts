import { groupHandlers, type OperationHandler } from '../../../../nodes/shared/n8n/router';

describe('groupHandlers', () => {
	it('groups "resource.operation" keys by resource', async () => {
		const handler: OperationHandler = async () => [[]];

		expect(groupHandlers({ 'list.getAll': handler, 'list.create': handler, 'group.getAll': handler })).toEqual({
			list: { getAll: handler, create: handler },
			group: { getAll: handler },
		});
	});
});
