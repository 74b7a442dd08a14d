import { jsonResponse } from '../../framework/types';
import type { Route, SandboxRequest } from '../../framework/types';
import { emptyResponse, HttpError, isRecord, mediaTypeOf, parseJsonText, route, xmlResponse } from '../http';
import type { MaileonState, WebhookDefinition, WebhookUrlParam } from '../state';
import { el } from '../xml';
import { api } from './base';

/** maileon.md §6.14. */
export const WEBHOOK_EVENTS = [
	'doi',
	'unsubscription',
	'bounce',
	'filtered',
	'contact_field_change',
];

const PARAM_SOURCES = ['standard_contact_field', 'custom_contact_field', 'custom_value'] as const;

/** `/webhooks` CRUD in JSON (maileon.md §6.14). */
export function webhookRoutes(state: MaileonState): Route[] {
	const render = (hook: WebhookDefinition) => ({
		...hook,
		newsletterAccountId: state.settings.accountId,
	});
	const find = (req: SandboxRequest): WebhookDefinition => {
		const id = Number(req.params.id);
		const hook = Number.isInteger(id) ? state.getWebhook(id) : undefined;
		if (!hook) throw new HttpError(404, `No webhook ${req.params.id}`, 'json');
		return hook;
	};
	return [
		{
			method: 'GET',
			path: api('/webhooks'),
			handler: route(() => jsonResponse(200, state.webhooks.map(render))),
		},
		{
			method: 'POST',
			path: api('/webhooks'),
			handler: route((req) => {
				const hook = state.addWebhook(readDefinition(state, req));
				return state.settings.webhookCreateResponse === 'xml'
					? xmlResponse(201, el('id', hook.id))
					: jsonResponse(201, { id: hook.id });
			}),
		},
		{
			method: 'GET',
			path: api('/webhooks/:id'),
			handler: route((req) => jsonResponse(200, render(find(req)))),
		},
		{
			method: 'PUT',
			path: api('/webhooks/:id'),
			handler: route((req) => {
				const hook = find(req);
				state.replaceWebhook({ ...readDefinition(state, req), id: hook.id });
				return emptyResponse(200);
			}),
		},
		{
			method: 'DELETE',
			path: api('/webhooks/:id'),
			handler: route((req) => {
				state.deleteWebhook(find(req).id);
				return emptyResponse(200);
			}),
		},
	];
}

function readDefinition(state: MaileonState, req: SandboxRequest): Omit<WebhookDefinition, 'id'> {
	const type = mediaTypeOf(req);
	if (type !== 'application/json') {
		throw new HttpError(
			415,
			`Unsupported media type ${type ?? '(none)'}, expected application/json`,
			'json',
		);
	}
	const body = parseJsonText(req.body.toString('utf8'), 'json');
	if (!isRecord(body)) throw new HttpError(400, 'Expected a JSON object', 'json');
	const url = body.url;
	if (typeof url !== 'string' || !isAllowedUrl(url, state.settings.allowHttpWebhooks)) {
		throw new HttpError(
			400,
			`"url" must be an ${state.settings.allowHttpWebhooks ? 'http(s)' : 'https'} URL`,
			'json',
		);
	}
	const event = body.event;
	if (typeof event !== 'string' || !WEBHOOK_EVENTS.includes(event)) {
		throw new HttpError(400, `"event" must be one of ${WEBHOOK_EVENTS.join(', ')}`, 'json');
	}
	// the nesting of the body specification is uncertain (maileon.md §14 #9): read both
	const spec = isRecord(body.body) ? body.body : body;
	return {
		url,
		event,
		urlParams: readUrlParams(body.urlParams),
		standardFields: readNames(spec.standardFields ?? body.standardFields, 'standardFields'),
		customFields: readNames(spec.customFields ?? body.customFields, 'customFields'),
		eventFields: readNames(spec.eventFields ?? body.eventFields, 'eventFields'),
	};
}

function isAllowedUrl(text: string, allowHttp: boolean): boolean {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || (allowHttp && url.protocol === 'http:');
	} catch (error) {
		if (error instanceof TypeError) return false;
		throw error;
	}
}

function readUrlParams(value: unknown): WebhookUrlParam[] {
	if (value === undefined) return [];
	if (!Array.isArray(value)) throw new HttpError(400, '"urlParams" must be an array', 'json');
	return value.map((item: unknown, index): WebhookUrlParam => {
		if (!isRecord(item) || typeof item.name !== 'string' || item.name === '') {
			throw new HttpError(400, `"urlParams[${index}].name" must be a non-empty string`, 'json');
		}
		const sources = PARAM_SOURCES.filter((source) => item[source] !== undefined);
		if (sources.length !== 1 || typeof item[sources[0]] !== 'string') {
			throw new HttpError(
				400,
				`"urlParams[${index}]" needs exactly one of ${PARAM_SOURCES.join(', ')} as a string`,
				'json',
			);
		}
		return { name: item.name, [sources[0]]: item[sources[0]] };
	});
}

function readNames(value: unknown, key: string): string[] {
	if (value === undefined) return [];
	if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
		throw new HttpError(400, `"${key}" must be an array of strings`, 'json');
	}
	return value;
}
