import { NodeApiError, type INode } from 'n8n-workflow';

import { sendRequest, type HttpResponse, type RequestContext } from '../../../../nodes/shared/n8n/http';

const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;
const ok: HttpResponse = { statusCode: 200, headers: {}, body: 'done' };

function socketError(code: string): Error {
	return Object.assign(new Error(`read ${code}`), { code, address: '127.0.0.1', port: 4711 });
}

/** n8n-core wraps the client's socket error in a NodeApiError, as httpRequestWithAuthentication does. */
function contextFailing(failures: Error[]): { context: RequestContext; calls: () => number } {
	let calls = 0;
	const context = {
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async () => {
				calls += 1;
				const failure = failures[calls - 1];
				if (failure) throw new NodeApiError(node, failure as never);
				return ok;
			},
		},
	} as unknown as RequestContext;
	return { context, calls: () => calls };
}

describe('sendRequest on network failures', () => {
	it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED'])('sends the request again after %s', async (code) => {
		const { context, calls } = contextFailing([socketError(code)]);
		const waits: number[] = [];

		const response = await sendRequest.call(context, 'testApi', { url: '/x' }, {
			service: 'Test',
			credentialHint: 'Check it.',
			sleep: async (ms) => void waits.push(ms),
		});

		expect(response).toEqual(ok);
		expect(calls()).toBe(2);
		expect(waits).toHaveLength(1);
	});

	it('names host and code once the retries are used up', async () => {
		const { context, calls } = contextFailing(Array.from({ length: 6 }, () => socketError('ECONNRESET')));

		const request = sendRequest.call(context, 'testApi', { url: '/x' }, {
			service: 'Test',
			credentialHint: 'Check it.',
			sleep: async () => {},
		});

		await expect(request).rejects.toThrow('Could not connect to 127.0.0.1:4711 (ECONNRESET)');
		expect(calls()).toBe(6);
	});
});
