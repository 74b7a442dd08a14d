import type { IDataObject } from 'n8n-workflow';

import type { Newsletter2GoSandbox } from '../sandbox/newsletter2go';
import { generatePeople } from '../scenarios/people';
import type { SandboxSet } from '../scenarios/sandboxes';
import type { ScenarioRun } from '../scenarios/types';
import { tally, type TargetCast } from './runs';

export const DIRECTO_TEMPLATE = 'directo-newsletter2go-import.json';

type OptIn = 'yes' | 'no' | 'missing';

interface Customer {
	code: string;
	name: string;
	email: string;
	optIn: OptIn;
}

/** OPTIN per card: no for every 7th, missing for every 5th, yes (dated) for the rest. */
function optInOf(index: number): OptIn {
	if (index % 7 === 6) return 'no';
	if (index % 5 === 4) return 'missing';
	return 'yes';
}

/**
 * Directo customer cards with the OPTIN datafield, and what the reference says each address gets
 * (directo.md: any "no" wins, then "yes"; a missing OPTIN is no consent). Every 25th card shares the
 * address of the card before, every 97th has a broken address.
 */
export class DirectoWorld {
	/** Merged OPTIN per lower-cased valid address. */
	readonly statuses = new Map<string, OptIn>();
	/** OPTIN yes: may be mailed. */
	readonly optedIn: string[];
	/** OPTIN no. */
	readonly optedOut: string[];
	private readonly customers: Customer[];

	constructor(count: number, seed: number) {
		const people = generatePeople(count, { seed, invalidEvery: 97 });
		this.customers = people.map((person, index) => ({
			code: `K${10_000 + index}`,
			name: `${person.lastName} GmbH`,
			email: index % 25 === 24 ? people[index - 1].email : person.email,
			optIn: optInOf(index),
		}));
		for (const { email, optIn } of this.customers) {
			if (email.includes('@@')) continue;
			const key = email.toLowerCase();
			const previous = this.statuses.get(key);
			// the most restrictive wins: no, then missing, then yes
			if (previous === 'no' || (previous === 'missing' && optIn === 'yes')) continue;
			this.statuses.set(key, optIn);
		}
		this.optedIn = this.withStatus('yes');
		this.optedOut = this.withStatus('no');
	}

	/** Seeds Directo and says which address book to fill, as a user does in the template's Settings node. */
	prepare(sandboxes: SandboxSet, syncOptions?: IDataObject): ScenarioRun {
		sandboxes.directo.state.addCustomers(
			this.customers.map(({ code, name, email, optIn }) => ({
				code,
				name,
				email,
				class: 'KLIENT',
				closed: '0',
				datafields:
					optIn === 'missing'
						? {}
						: ({ OPTIN: [optIn, optIn === 'yes' ? '15.01.2026' : '20.10.2026'] } as Record<string, readonly [string, string]>),
			})),
		);
		return this.rerun(sandboxes, syncOptions);
	}

	/** The parameters of a later run against the same sandboxes. */
	rerun(sandboxes: SandboxSet, syncOptions?: IDataObject): ScenarioRun {
		const listId = sandboxes.newsletter2go.state.defaultListId;
		const parameters: Record<string, IDataObject> = {
			Settings: { assignments: { assignments: [{ id: 's1', name: 'listId', type: 'string', value: listId }] } },
		};
		if (syncOptions) parameters['Sync to Newsletter2Go'] = { options: syncOptions };
		return { parameters };
	}

	private withStatus(wanted: OptIn): string[] {
		return [...this.statuses].filter(([, status]) => status === wanted).map(([email]) => email);
	}
}

/** The recipients of the default address book by lower-cased address: how many, and how many subscribed. */
export function newsletter2GoAddresses(newsletter2go: Newsletter2GoSandbox): { all: Map<string, number>; subscribed: Set<string> } {
	const { state } = newsletter2go;
	const recipients = state.recipientsOf(state.defaultListId);
	return {
		all: tally(recipients.map((recipient) => recipient.email.toLowerCase())),
		subscribed: new Set(recipients.filter((recipient) => !recipient.isUnsubscribed).map((recipient) => recipient.email.toLowerCase())),
	};
}

export function isRecipientWrite(request: { method: string; path: string }): boolean {
	return (request.method === 'POST' && request.path === '/recipients') || (request.method === 'PATCH' && request.path.endsWith('/recipients'));
}

/** The address book as the cast says: present and opted-out recipients subscribed, the unsubscribed unsubscribed. */
export function seedNewsletter2Go(newsletter2go: Newsletter2GoSandbox, cast: TargetCast): number {
	const { state } = newsletter2go;
	return state.seedRecipients(state.defaultListId, [
		...[...cast.present, ...cast.optOuts].map((email) => ({ email })),
		...cast.unsubscribed.map((email) => ({ email, isUnsubscribed: true })),
	]).length;
}
