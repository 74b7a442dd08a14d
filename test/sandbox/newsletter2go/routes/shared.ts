import type { Route, SandboxRequest, SandboxResponse } from '../../framework/types';
import { affected, ApiError, bulkFilter, created, isRecord, parseBody } from '../http';
import type { Newsletter2GoState, RecipientRecord } from '../state';

/** The request body as one JSON object, else `400`. */
export function readObject(request: SandboxRequest): Record<string, unknown> {
	const body = parseBody(request);
	if (!isRecord(body)) throw new ApiError(400, 'Expected a JSON object');
	return body;
}

/** Recipients as the API answers them, their `_href` on the origin the request came to. */
export function renderRecipients(
	state: Newsletter2GoState,
	request: SandboxRequest,
	recipients: readonly RecipientRecord[],
): Record<string, unknown>[] {
	return recipients.map((recipient) => state.renderRecipient(recipient, request.origin));
}

/** `info.additional` of a recipient collection: the matches neither unsubscribed, blacklisted nor bounced. */
export function countActive(matches: readonly Record<string, unknown>[]): { active: number } {
	return { active: matches.filter((r) => !r.is_unsubscribed && !r.is_blacklisted && !r.is_bounced).length };
}

/** The recipients of a list a filter-based write hits: without `_filter`, every one of them (§7.5, §9 #7). */
export function bulkTargets(state: Newsletter2GoState, request: SandboxRequest, listId: string): RecipientRecord[] {
	const test = bulkFilter(request.query, state.settings);
	return state.recipientsOf(listId).filter((recipient) => test(state.renderRecipient(recipient, request.origin)));
}

/**
 * `POST <path>`: creates one object from the JSON body and answers `201` with its stub, linked
 * under `href` (the attribute stub's link is singular, §3.4).
 */
export function createRoute(
	state: Newsletter2GoState,
	path: string,
	create: (body: Record<string, unknown>) => { readonly id: string },
	href = path,
): Route {
	return {
		method: 'POST',
		path,
		handler: (request) => created(request, href, create(readObject(request)).id, state.settings),
	};
}

/** A write to many recipients: `change` each target, then answer how many there were (§3.3). */
export function changeEach(
	state: Newsletter2GoState,
	targets: readonly RecipientRecord[],
	change: (recipient: RecipientRecord) => void,
	status = 200,
): SandboxResponse {
	for (const recipient of targets) change(recipient);
	return affected(status, targets.length, state.settings);
}
