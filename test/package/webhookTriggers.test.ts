import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { INodeType } from 'n8n-workflow';

import { PACKAGE_NAME } from '../harness/registry';
import { TriggerHarness } from '../harness/trigger';
import type { FakeRequestInit } from '../harness/express';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[] };
};

interface WebhookTrigger {
	readonly type: string;
	readonly source: string;
}

/** Every node of the package that answers incoming webhook calls, with its TypeScript source. */
function webhookTriggers(): WebhookTrigger[] {
	return manifest.n8n.nodes.flatMap((file) => {
		const source = path.join(ROOT, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const exported = Object.values(require(source) as Record<string, new () => INodeType>);
		return exported
			.map((NodeClass) => new NodeClass())
			.filter((node) => typeof node.webhook === 'function')
			.map((node) => ({ type: `${PACKAGE_NAME}.${node.description.name}`, source }));
	});
}

const triggers = webhookTriggers();

function harnessFor(type: string): TriggerHarness {
	const node = {
		id: 'b1c2d3e4-0001-4000-8000-000000000001',
		name: 'Trigger',
		type,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		webhookId: 'b1c2d3e4-0002-4000-8000-000000000002',
		parameters: {},
	};
	return new TriggerHarness(
		{ name: 'webhook secret probe', nodes: [node], connections: {} },
		{ nodeName: 'Trigger' },
	);
}

const GUESS = 'guessed-0123456789abcdef';
const calls: Array<[string, FakeRequestInit]> = [
	['no secret', { query: {}, body: { email: 'anna@example.org' } }],
	['a guessed token', { query: { token: GUESS }, body: { email: 'anna@example.org' } }],
	['a guessed secret parameter', { query: { secret: GUESS }, body: { email: 'anna@example.org' } }],
	['a guessed authorization header', { headers: { authorization: `Bearer ${GUESS}` }, body: {} }],
];

describe('the webhook triggers of the package', () => {
	it('include the Maileon Trigger, so the checks below run', () => {
		expect(triggers.map((trigger) => trigger.type)).toContain(`${PACKAGE_NAME}.maileonTrigger`);
	});

	describe.each(triggers.map((trigger) => [trigger.type, trigger] as const))('%s', (_, trigger) => {
		it.each(calls)('answers 401 to a call with %s and emits nothing', async (_name, call) => {
			const received = await harnessFor(trigger.type).receive(call);

			expect(received.status).toBe(401);
			expect(received.result.workflowData).toBeUndefined();
		});

		it('compares the secret in constant time with the shared isSameSecret', () => {
			const code = readFileSync(trigger.source, 'utf8');

			expect(code).toMatch(/\bisSameSecret\(/);
		});
	});
});
