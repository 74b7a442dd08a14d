import type { SandboxRequest } from '../../framework/types';
import { ApiError, bulkFilter, isRecord, parseBody } from '../http';
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
