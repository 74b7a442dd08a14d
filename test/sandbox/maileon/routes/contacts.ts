import { queryValue } from '../../framework/types';
import type { Query, Route, SandboxRequest, SandboxResponse } from '../../framework/types';
import { readContactBody } from '../contactInput';
import type { ContactInput } from '../contactInput';
import { isValidEmail } from '../fields';
import { boolParam, emptyResponse, HttpError, intParam, route, xmlResponse } from '../http';
import { readFieldSelection, renderContact } from '../render';
import { PERMISSION } from '../state';
import type { MaileonState, StoredContact } from '../state';
import { findFieldError } from '../validation';
import { el } from '../xml';
import { api, requireContactById } from './base';

interface UpsertParams {
	readonly permission: number | undefined;
	readonly syncMode: 1 | 2;
	readonly src: string | undefined;
	readonly subscriptionPage: string | undefined;
	readonly doi: boolean;
	readonly doiPlus: boolean;
	readonly doiMailing: string | undefined;
}

/** Single-contact create, read, update and delete (maileon.md §6.3–§6.7). */
export function contactRoutes(state: MaileonState): Route[] {
	const list = (contacts: readonly StoredContact[], query: Query): SandboxResponse => {
		const selection = readFieldSelection(query);
		return xmlResponse(
			200,
			el(
				'contacts',
				contacts.map((c) => renderContact(state, c, selection)),
			),
		);
	};

	return [
		{
			method: 'POST',
			path: api('/contacts/email/:email'),
			handler: route((req) => {
				const email = requireEmail(req.params.email);
				const params = readUpsertParams(req.query);
				const input = readContactBody(req);
				const existing = state.findByEmail(email)[0];
				return created(state, upsert(state, existing, email, input.externalId, input, params));
			}),
		},
		{
			method: 'POST',
			path: api('/contacts/externalid/:externalId'),
			handler: route((req) => {
				const externalId = req.params.externalId;
				const params = readUpsertParams(req.query);
				const input = readContactBody(req);
				const matches = state.findByExternalId(externalId);
				if (matches.length > 1) throw ambiguous(externalId);
				const existing = matches[0];
				const email = input.email ?? existing?.email;
				if (email === undefined) {
					throw new HttpError(400, 'A new contact needs an email in the body');
				}
				requireEmail(email);
				return created(state, upsert(state, existing, email, externalId, input, params));
			}),
		},
		{
			method: 'GET',
			path: api('/contacts/email/:email'),
			handler: route((req) => {
				const contact = state.findByEmail(req.params.email)[0];
				if (!contact) throw new HttpError(404, `No contact with email ${req.params.email}`);
				return xmlResponse(200, renderContact(state, contact, readFieldSelection(req.query)));
			}),
		},
		{
			method: 'GET',
			path: api('/contacts/emails/:email'),
			handler: route((req) => list(state.findByEmail(req.params.email), req.query)),
		},
		{
			method: 'GET',
			path: api('/contacts/externalid/:externalId'),
			handler: route((req) => list(state.findByExternalId(req.params.externalId), req.query)),
		},
		{
			method: 'GET',
			path: api('/contacts/contact'),
			handler: route((req) => {
				const contact = contactById(state, req.query, { anonymisedToo: true });
				return xmlResponse(200, renderContact(state, contact, readFieldSelection(req.query)));
			}),
		},
		{
			method: 'PUT',
			path: api('/contacts/email/:email'),
			handler: route((req) => {
				const contact = state.findByEmail(req.params.email)[0];
				if (!contact) throw new HttpError(404, `No contact with email ${req.params.email}`);
				return updateFromRequest(state, contact, req);
			}),
		},
		{
			method: 'PUT',
			path: api('/contacts/externalid/:externalId'),
			handler: route((req) => {
				const matches = state.findByExternalId(req.params.externalId);
				if (matches.length > 1) throw ambiguous(req.params.externalId);
				if (matches.length === 0) {
					throw new HttpError(404, `No contact with external id ${req.params.externalId}`);
				}
				return updateFromRequest(state, matches[0], req);
			}),
		},
		{
			method: 'PUT',
			path: api('/contacts/contact'),
			handler: route((req) => {
				const contact = contactById(state, req.query, { anonymisedToo: false });
				const permission = intParam(req.query, 'permission', { min: 1, max: 6 });
				const triggerDoi = boolParam(req.query, 'triggerdoi') ?? false;
				const input = readContactBody(req);
				// maileon.md §6.5: with triggerdoi and permission 4/5 a DOI process starts instead
				if (triggerDoi && (permission === PERMISSION.DOI || permission === PERMISSION.DOI_PLUS)) {
					update(state, contact, input, undefined);
					if (isDoiMailingKnown(state, queryValue(req.query, 'doimailing'))) {
						contact.pendingDoi = {
							doiPlus: permission === PERMISSION.DOI_PLUS,
							mailingKey: queryValue(req.query, 'doimailing'),
							requestedAt: state.clock.now(),
						};
					}
				} else {
					update(state, contact, input, permission);
				}
				const src = queryValue(req.query, 'src');
				if (src !== undefined) contact.source = src;
				return emptyResponse(200);
			}),
		},
		{
			method: 'DELETE',
			path: api('/contacts/email/:email'),
			handler: route((req) => {
				return deleteEvery(state, state.findByEmail(req.params.email), `No contact with email ${req.params.email}`);
			}),
		},
		{
			method: 'DELETE',
			path: api('/contacts/externalid/:externalId'),
			handler: route((req) => {
				const contacts = state.findByExternalId(req.params.externalId);
				return deleteEvery(state, contacts, `No contact with external id ${req.params.externalId}`);
			}),
		},
		{
			method: 'DELETE',
			path: api('/contacts/contact'),
			handler: route((req) => {
				state.deleteContact(requireContactById(state, req.query));
				return emptyResponse(200);
			}),
		},
	];
}

function readUpsertParams(query: Query): UpsertParams {
	const syncMode = intParam(query, 'sync_mode', { min: 1, max: 2 }) ?? 2;
	return {
		permission: intParam(query, 'permission', { min: 1, max: 6 }),
		syncMode: syncMode === 1 ? 1 : 2,
		src: queryValue(query, 'src'),
		subscriptionPage: queryValue(query, 'subscription_page'),
		doi: boolParam(query, 'doi') ?? false,
		doiPlus: boolParam(query, 'doiplus') ?? false,
		doiMailing: queryValue(query, 'doimailing'),
	};
}

function requireEmail(email: string): string {
	if (!isValidEmail(email.trim())) throw new HttpError(400, `Invalid email address "${email}"`);
	return email.trim();
}

function ambiguous(externalId: string): HttpError {
	return new HttpError(409, `More than one contact has the external id ${externalId}`);
}

function created(state: MaileonState, id: number): SandboxResponse {
	return xmlResponse(201, el(state.settings.upsertIdElement, id));
}

function isDoiMailingKnown(state: MaileonState, key: string | undefined): boolean {
	return key === undefined
		? state.settings.hasDefaultDoiMailing
		: state.settings.doiMailingKeys.includes(key);
}

function isDoi(permission: number): boolean {
	return permission === PERMISSION.DOI || permission === PERMISSION.DOI_PLUS;
}

/** maileon.md §6.3 semantics; returns the contact id for the `201` body. */
function upsert(
	state: MaileonState,
	existing: StoredContact | undefined,
	email: string,
	externalId: string | undefined,
	input: ContactInput,
	params: UpsertParams,
): number {
	const fieldError = findFieldError(input, state);
	if (fieldError) throw new HttpError(400, `${fieldError.message} (error ${fieldError.code})`);
	const doiStarts = params.doi && isDoiMailingKnown(state, params.doiMailing);
	if (params.doi && !doiStarts && !existing) {
		// maileon.md §6.3 "silent failures": 201 as usual, but the contact never appears
		const reason =
			params.doiMailing === undefined
				? 'no default DOI mailing'
				: `unknown DOI mailing key "${params.doiMailing}"`;
		return state.allocatePhantomId(email, reason);
	}
	const pendingDoi = doiStarts
		? { doiPlus: params.doiPlus, mailingKey: params.doiMailing, requestedAt: state.clock.now() }
		: undefined;

	if (existing) {
		if (params.syncMode === 2) return existing.id;
		if (state.emailKey(email) !== state.emailKey(existing.email ?? '')) {
			state.setEmail(existing, email);
		}
		if (externalId !== undefined && externalId !== existing.externalId) {
			state.setExternalId(existing, externalId);
		}
		state.applyFields(existing, input.standardFields, input.customFields);
		const permission = params.permission;
		// a contact with DOI/DOI+ never loses it to a lower permission in a later call
		if (
			permission !== undefined &&
			!(isDoi(existing.permission) && (!isDoi(permission) || permission < existing.permission))
		) {
			existing.permission = permission;
		}
		if (pendingDoi && !isDoi(existing.permission)) existing.pendingDoi = pendingDoi;
		if (params.src !== undefined) existing.source = params.src;
		state.touch(existing);
		return existing.id;
	}

	const contact = state.createContact({
		email,
		externalId,
		permission: params.permission ?? PERMISSION.NONE,
		source: params.src,
		subscriptionPage: params.subscriptionPage,
	});
	state.applyFields(contact, input.standardFields, input.customFields);
	contact.pendingDoi = pendingDoi;
	return contact.id;
}

/** PUT semantics (maileon.md §6.5): a new email in the body changes it; `permission` overwrites. */
function update(
	state: MaileonState,
	contact: StoredContact,
	input: ContactInput,
	permission: number | undefined,
): void {
	const fieldError = findFieldError(input, state);
	if (fieldError) throw new HttpError(400, `${fieldError.message} (error ${fieldError.code})`);
	if (input.email !== undefined && input.email !== contact.email) {
		state.setEmail(contact, requireEmail(input.email));
	}
	if (input.externalId !== undefined && input.externalId !== contact.externalId) {
		state.setExternalId(contact, input.externalId);
	}
	state.applyFields(contact, input.standardFields, input.customFields);
	if (permission !== undefined) contact.permission = permission;
	state.touch(contact);
}

/** DELETE by email or external ID (maileon.md §6.7): every contact found, `404` with `missing` when none is. */
function deleteEvery(state: MaileonState, contacts: readonly StoredContact[], missing: string): SandboxResponse {
	if (contacts.length === 0) throw new HttpError(404, missing);
	for (const contact of contacts) state.deleteContact(contact);
	return emptyResponse(200);
}

/** PUT by email or external ID (maileon.md §6.5): the body's fields, and `permission` when given. */
function updateFromRequest(state: MaileonState, contact: StoredContact, req: SandboxRequest): SandboxResponse {
	update(state, contact, readContactBody(req), intParam(req.query, 'permission', { min: 1, max: 6 }));
	return emptyResponse(200);
}

function contactById(
	state: MaileonState,
	query: Query,
	options: { readonly anonymisedToo: boolean },
): StoredContact {
	const contact = requireContactById(state, query, options);
	if (boolParam(query, 'ignore_checksum') === true) return contact;
	const checksum = queryValue(query, 'checksum');
	if (checksum === undefined) {
		throw new HttpError(400, 'checksum or ignore_checksum=true is required');
	}
	if (checksum !== state.checksum(contact)) {
		throw new HttpError(403, 'checksum does not match the contact');
	}
	return contact;
}
