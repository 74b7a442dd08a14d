import { NodeApiError, type INode } from 'n8n-workflow';

import { isSizeRefusal, readErrorResponse } from '../../../../nodes/shared/n8n/http';

const node: INode = { id: '1', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

describe('readErrorResponse', () => {
	it('finds the response of an Axios error inside n8n\'s NodeApiError without the request config', () => {
		const axiosError = Object.assign(new Error('Request failed with status code 401'), {
			config: { headers: { Authorization: 'Bearer secret' } },
			response: { status: 401, headers: { 'www-authenticate': 'Bearer' }, data: { error: 'invalid_grant' } },
		});
		const wrapped = new NodeApiError(node, axiosError as never);

		expect(readErrorResponse(wrapped)).toEqual({
			statusCode: 401,
			headers: { 'www-authenticate': 'Bearer' },
			body: { error: 'invalid_grant' },
		});
	});

	it('returns nothing for a failure without a response', () => {
		expect(readErrorResponse(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
	});
});

describe('isSizeRefusal', () => {
	it.each([
		['413', 'Payload too large', true],
		['400', 'Too many recipients in one request', true],
		['400', 'All recipients of a request must have the same keys', false],
		['500', 'limit', false],
	])('reads status %s with "%s" as %s', (httpCode, message, expected) => {
		expect(isSizeRefusal(new NodeApiError(node, { message }, { httpCode, message }))).toBe(expected);
	});
});
