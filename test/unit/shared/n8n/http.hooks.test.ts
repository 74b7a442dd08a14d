import { NodeOperationError, type INode } from 'n8n-workflow';

import { sendRequest, type HttpResponse, type RequestContext, type ServiceProfile } from '../../../../nodes/shared/n8n/http';

const node = { name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

function contextAnswering(...responses: HttpResponse[]): { context: RequestContext; calls: number } {
	const state = { calls: 0 };
	const context = {
		getNode: () => node,
		helpers: {
			httpRequestWithAuthentication: async () => {
				const response = responses[Math.min(state.calls, responses.length - 1)];
				state.calls += 1;
				return response;
			},
		},
	} as unknown as RequestContext;
	return {
		context,
		get calls() {
			return state.calls;
		},
	};
}

const ok: HttpResponse = { statusCode: 200, headers: { 'x-left': '9' }, body: {} };
const busy: HttpResponse = { statusCode: 503, headers: { 'x-left': '0' }, body: {} };

function profile(overrides: Partial<ServiceProfile> = {}): ServiceProfile {
	return { service: 'Test', credentialHint: 'Check it.', retry: { random: () => 0 }, sleep: async () => {}, ...overrides };
}

describe('sendRequest hooks', () => {
	it('runs beforeAttempt before every attempt, retries included', async () => {
		const { context } = contextAnswering(busy, ok);
		let attempts = 0;

		await sendRequest.call(context, 'testApi', { url: '/x' }, profile({ beforeAttempt: async () => void (attempts += 1) }));

		expect(attempts).toBe(2);
	});

	it('shows every response to onResponse, failed ones too', async () => {
		const { context } = contextAnswering(busy, ok);
		const seen: number[] = [];

		await sendRequest.call(context, 'testApi', { url: '/x' }, profile({ onResponse: (response) => seen.push(response.statusCode) }));

		expect(seen).toEqual([503, 200]);
	});

	it('waits between retries with the profile\'s sleep', async () => {
		const { context } = contextAnswering(busy, busy, ok);
		const waits: number[] = [];

		await sendRequest.call(context, 'testApi', { url: '/x' }, profile({ sleep: async (ms) => void waits.push(ms) }));

		expect(waits).toEqual([1000, 1000]);
	});

	it('passes a NodeOperationError from beforeAttempt on unchanged and sends nothing', async () => {
		const harness = contextAnswering(ok);
		const refusal = new NodeOperationError(node, 'Not now');

		const attempt = sendRequest.call(harness.context, 'testApi', { url: '/x' }, profile({ beforeAttempt: async () => { throw refusal; } }));

		await expect(attempt).rejects.toBe(refusal);
		expect(harness.calls).toBe(0);
	});
});
