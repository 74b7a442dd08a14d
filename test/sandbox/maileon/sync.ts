import type { ContactInput } from './contactInput';
import { isValidEmail } from './fields';
import type { FieldError } from './fields';
import { PERMISSION } from './state';
import type { MaileonState, StoredContact } from './state';
import { findFieldError } from './validation';

/** Query parameters of `POST /contacts` after defaults (maileon.md §6.8). */
export interface SyncParams {
	/** Undefined when the client omitted it: new contacts get NONE, existing ones keep theirs. */
	readonly permission: number | undefined;
	readonly syncMode: 1 | 2;
	readonly useExternalId: boolean;
	readonly preferMaileonId: boolean;
	readonly ignoreInvalidContacts: boolean;
	readonly overridePermission: boolean;
	readonly reimportUnsubscribedContacts: boolean;
	readonly updateOnly: boolean;
}

export interface InvalidContact {
	readonly email: string | undefined;
	readonly externalId: string | undefined;
	readonly code: number;
	readonly field: string;
}

export interface SyncReport {
	readonly success: boolean;
	readonly countContacts: number;
	readonly countNewContacts: number;
	readonly countExistingContacts: number;
	readonly countUnsubscribedContacts: number;
	readonly countInvalidContacts: number;
	readonly invalidContacts: readonly InvalidContact[];
}

type Plan =
	| {
			readonly kind: 'invalid';
			readonly input: ContactInput;
			readonly error: Pick<FieldError, 'code' | 'field'>;
	  }
	| { readonly kind: 'existing'; readonly input: ContactInput; readonly contact: StoredContact }
	| {
			readonly kind: 'new';
			readonly input: ContactInput;
			readonly email: string;
			readonly emailKey: string;
	  };

/**
 * Bulk synchronisation. Validation runs over the whole batch first, so with
 * `ignore_invalid_contacts=false` one bad contact leaves the store untouched.
 */
export function synchronizeContacts(
	state: MaileonState,
	params: SyncParams,
	inputs: readonly ContactInput[],
): SyncReport {
	const plans = inputs.map(planner(state, params));
	const invalidContacts: InvalidContact[] = [];
	for (const plan of plans) {
		if (plan.kind === 'invalid') {
			invalidContacts.push({
				email: plan.input.email,
				externalId: plan.input.externalId,
				code: plan.error.code,
				field: plan.error.field,
			});
		}
	}
	const rejected = invalidContacts.length > 0 && !params.ignoreInvalidContacts;
	let countNew = 0;
	let countExisting = 0;
	let countUnsubscribed = 0;
	if (!rejected) {
		for (const plan of plans) {
			if (plan.kind === 'existing') {
				countExisting++;
				if (params.syncMode === 1) updateExisting(state, params, plan.contact, plan.input);
			} else if (plan.kind === 'new') {
				if (!params.reimportUnsubscribedContacts && state.isUnsubscribedKey(plan.emailKey)) {
					countUnsubscribed++;
				} else if (state.blacklists.match(plan.email)) {
					// maileon.md says nothing on how the report counts it: not imported, in no counter but count_contacts
					continue;
				} else if (!params.updateOnly) {
					createNew(state, params, plan);
					countNew++;
				}
			}
		}
	}
	return {
		success: !rejected,
		countContacts: inputs.length,
		countNewContacts: countNew,
		countExistingContacts: countExisting,
		countUnsubscribedContacts: countUnsubscribed,
		countInvalidContacts: invalidContacts.length,
		invalidContacts,
	};
}

function planner(state: MaileonState, params: SyncParams): (input: ContactInput) => Plan {
	const seenEmails = new Set<string>();
	const seenExternalIds = new Set<string>();
	return (input) => {
		if (params.useExternalId && !input.externalId) return invalid(input, 1, 'external_id');
		if (input.email !== undefined && !isValidEmail(input.email)) return invalid(input, 3, 'email');

		// the first occurrence goes through; later ones with the same identifier are errors 4/5
		if (input.externalId) {
			if (seenExternalIds.has(input.externalId)) return invalid(input, 4, 'external_id');
			seenExternalIds.add(input.externalId);
		}
		const emailKey = input.email === undefined ? undefined : state.emailKey(input.email);
		if (emailKey !== undefined && !params.useExternalId) {
			if (seenEmails.has(emailKey)) return invalid(input, 5, 'email');
			seenEmails.add(emailKey);
		}

		const fieldError = findFieldError(input, state);
		if (fieldError) return invalid(input, fieldError.code, fieldError.field);

		const existing = findExisting(state, params, input, emailKey);
		if (existing) return { kind: 'existing', input, contact: existing };
		if (input.email === undefined || emailKey === undefined) return invalid(input, 2, 'email');
		return { kind: 'new', input, email: input.email, emailKey };
	};
}

function invalid(input: ContactInput, code: number, field: string): Plan {
	return { kind: 'invalid', input, error: { code, field } };
}

function findExisting(
	state: MaileonState,
	params: SyncParams,
	input: ContactInput,
	emailKey: string | undefined,
): StoredContact | undefined {
	if (params.preferMaileonId && input.id !== undefined && /^\d+$/.test(input.id)) {
		const byId = state.findById(Number(input.id));
		if (byId && !byId.anonymised) return byId;
	}
	if (params.useExternalId) {
		return input.externalId ? state.findByExternalId(input.externalId)[0] : undefined;
	}
	return emailKey === undefined ? undefined : state.firstByEmailKey(emailKey);
}

function updateExisting(
	state: MaileonState,
	params: SyncParams,
	contact: StoredContact,
	input: ContactInput,
): void {
	if (input.email !== undefined && input.email !== contact.email) {
		state.setEmail(contact, input.email);
	}
	if (input.externalId !== undefined && input.externalId !== contact.externalId) {
		state.setExternalId(contact, input.externalId);
	}
	if (params.overridePermission && params.permission !== undefined) {
		contact.permission = params.permission;
	}
	state.applyFields(contact, input.standardFields, input.customFields);
	state.touch(contact);
}

/** The input is not read again after this, so the new contact takes over its field maps. */
function createNew(
	state: MaileonState,
	params: SyncParams,
	plan: Extract<Plan, { kind: 'new' }>,
): void {
	state.createContactTakingFields(
		{
			email: plan.email,
			emailKey: plan.emailKey,
			externalId: plan.input.externalId,
			permission: params.permission ?? PERMISSION.NONE,
		},
		plan.input.standardFields,
		plan.input.customFields,
	);
}
