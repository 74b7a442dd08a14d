import { HookContext, WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, INodeType, IWebhookData, IWebhookResponseData, Workflow, WorkflowActivateMode, WorkflowExecuteMode } from 'n8n-workflow';

import { jsonResponse, type SandboxResponse } from '../sandbox/framework/types';
import { startSandbox, type Sandbox } from '../sandbox/framework/server';
import { createAdditionalData } from './additionalData';
import type { TestCredentialsHelper } from './credentials';
import { createRequest, FakeResponse, type FakeRequestInit } from './express';
import { observe, recordObservation, registerStaticDataSecrets } from './secretRecorder';
import { prepareWorkflow, type WorkflowJson, type WorkflowSetup } from './workflow';

export type WebhookMethod = 'checkExists' | 'create' | 'delete';

export interface TriggerOptions extends WorkflowSetup {
	/** The webhook trigger node of the workflow. */
	readonly nodeName: string;
	/** Base of production webhook URLs, e.g. `receiver.webhookBaseUrl`. @default n8n's local default */
	readonly webhookBaseUrl?: string;
}

export interface HookOptions {
	/** `'trigger'` for an active workflow, `'manual'` for the editor's "Listen for test event". @default 'trigger' */
	readonly mode?: WorkflowExecuteMode;
	/** @default 'activate' */
	readonly activation?: WorkflowActivateMode;
}

/** One call of the trigger's `webhook()` and what the caller got back. */
export interface WebhookCall {
	readonly result: IWebhookResponseData;
	/** What n8n sends the caller: the trigger's own answer, or "Workflow was started". */
	readonly status: number;
	readonly response: FakeResponse;
	/** Items of the trigger's first output; empty when it emitted nothing. */
	readonly items: INodeExecutionData[];
}

/**
 * A webhook trigger inside a workflow, driven as n8n's server drives it: `checkExists`/`create`/
 * `delete` through a real n8n-core `HookContext`, incoming calls through a real `WebhookContext`
 * with express-like request and response objects. Static data persists across calls, as it does
 * between n8n's activation and the webhook calls that follow.
 */
export class TriggerHarness {
	readonly workflow: Workflow;
	readonly node: INode;
	private readonly nodeType: INodeType;
	private readonly credentialsHelper: TestCredentialsHelper;
	private readonly webhookBaseUrl?: string;

	constructor(workflowJson: WorkflowJson, options: TriggerOptions) {
		const prepared = prepareWorkflow(workflowJson, options);
		const node = prepared.nodes.find((candidate) => candidate.name === options.nodeName);
		if (!node) throw new Error(`Node "${options.nodeName}" not found`);
		this.workflow = prepared.workflow;
		this.node = node;
		this.nodeType = this.workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		this.credentialsHelper = prepared.credentialsHelper;
		this.webhookBaseUrl = options.webhookBaseUrl;
	}

	/** The trigger node's static data (`node:<name>`), live. */
	get nodeStaticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** A JSON copy of the whole workflow's static data (node data and the global ledger). */
	staticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	webhookUrl(options: HookOptions = {}): string {
		const url = this.hookContext(options).getNodeWebhookUrl('default');
		if (url === undefined) throw new Error(`${this.node.name} has no default webhook`);
		return url;
	}

	async runHook(method: WebhookMethod, options: HookOptions = {}): Promise<boolean> {
		const run = this.nodeType.webhookMethods?.default?.[method];
		if (!run) throw new Error(`${this.node.type} has no webhook method "${method}"`);
		const where = `webhook method "${method}" of "${this.node.name}"`;
		const done = await observe(where, async () => await run.call(this.hookContext(options)));
		// the secret `create` generated is as confidential as the credential
		registerStaticDataSecrets(this.node.name, this.nodeStaticData);
		return done;
	}

	/** Calls `webhook()`; a path other than the registered one gets n8n's 404, as no workflow listens there. */
	async receive(init: FakeRequestInit = {}): Promise<WebhookCall> {
		const path = new URL(this.webhookUrl()).pathname;
		const request = createRequest(init, path);
		const response = new FakeResponse();
		if (request.path !== path) {
			response
				.status(404)
				.json({ message: `The requested webhook "${request.path}" is not registered.` });
			return { result: { noWebhookResponse: true }, status: 404, response, items: [] };
		}
		const additionalData = this.additionalData({ httpRequest: request, httpResponse: response });
		const context = new WebhookContext(
			this.workflow,
			this.node,
			additionalData,
			'webhook',
			this.webhookData(additionalData, false),
			[],
			null,
		);
		const webhook = this.nodeType.webhook;
		if (!webhook) throw new Error(`${this.node.type} is not a webhook trigger`);
		const where = `webhook call of "${this.node.name}"`;
		const result = await observe(where, async () => await webhook.call(context));
		recordObservation(`answer to a ${where}`, { headers: response.headers, body: response.body });
		// with responseMode "onReceived" n8n answers for the trigger unless it answered itself
		const status = result.noWebhookResponse ? response.statusCode : 200;
		return { result, status, response, items: result.workflowData?.[0] ?? [] };
	}

	private hookContext(options: HookOptions): HookContext {
		const mode = options.mode ?? 'trigger';
		const additionalData = this.additionalData({});
		return new HookContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			options.activation ?? 'activate',
			this.webhookData(additionalData, mode === 'manual'),
		);
	}

	private additionalData(io: { httpRequest?: unknown; httpResponse?: unknown }) {
		return createAdditionalData({
			credentialsHelper: this.credentialsHelper,
			webhookBaseUrl: this.webhookBaseUrl,
			...io,
		});
	}

	private webhookData(
		additionalData: IWebhookData['workflowExecuteAdditionalData'],
		isTest: boolean,
	): IWebhookData {
		const description = this.nodeType.description.webhooks?.[0];
		if (!description) throw new Error(`${this.node.type} declares no webhooks`);
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: String(this.workflow.id),
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			isTest,
		};
	}
}

export interface WebhookReceiver {
	/** What to give the trigger as `webhookBaseUrl`. */
	readonly webhookBaseUrl: string;
	/** Every call that reached the trigger, in order. */
	readonly calls: readonly WebhookCall[];
	readonly server: Sandbox<undefined>;
	close(): Promise<void>;
}

function parseBody(body: Buffer, contentType: string | undefined): unknown {
	if (body.length === 0) return {};
	const text = body.toString('utf8');
	return contentType?.startsWith('application/json') ? (JSON.parse(text) as unknown) : text;
}

/**
 * An HTTP server standing in for n8n's webhook endpoint, so a sandbox's outbound webhook reaches
 * `receive` over the network: query decoded as express decodes it, JSON body parsed.
 */
export async function startWebhookReceiver(
	receive: (init: FakeRequestInit) => Promise<WebhookCall>,
): Promise<WebhookReceiver> {
	const calls: WebhookCall[] = [];
	const server = await startSandbox({
		name: 'n8n webhook receiver',
		logBodies: true,
		handler: async (request): Promise<SandboxResponse> => {
			const call = await receive({
				method: request.method,
				path: request.path,
				query: request.query,
				headers: request.headers,
				body: parseBody(request.body, request.headers['content-type']),
			});
			calls.push(call);
			if (call.result.noWebhookResponse) {
				return jsonResponse(call.response.statusCode, call.response.body ?? {});
			}
			return jsonResponse(200, { message: 'Workflow was started' });
		},
	});
	return {
		webhookBaseUrl: `${server.baseUrl}/webhook`,
		calls,
		server,
		close: () => server.close(),
	};
}
