import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { splitEmails } from '../../shared/contact';
import { contactToItem, type ContactItem } from '../../shared/contactItem';
import { RunReport } from '../../shared/report';
import { type CollectedContact, collectedConsent, ContactCollector } from '../../shared/sourceContacts';
import { optionsProperty, splitNameList } from '../../shared/n8n/properties';
import { reportItem } from '../../shared/n8n/reportOutput';
import type { OperationHandler } from '../../shared/n8n/router';
import {
	attribute,
	contactToContact,
	customerToContact,
	type ContactMapping,
	type DirectoComponent,
	isClosed,
	type MissingConsent,
	createOptInReader,
} from '../mapping';
import { readSettings } from '../transport';
import { filtersProperty, readRecordSelection } from './descriptions';
import { selectRecords } from './records';
import { parameterReader } from '../../shared/n8n/parameters';

/** Parameters of "Get Newsletter Contacts"; the customer-only ones are left out for contacts. */
function newsletterProperties(resource: DirectoComponent): INodeProperties[] {
	const options: INodeProperties[] = [
		{
			displayName: 'Address Field Names',
			name: 'addressFields',
			type: 'string',
			default: 'address1, address2, address3',
			description:
				'Comma-separated names under which address lines 1–3 go into "fields". Their meaning depends on your Directo settings, e.g. "ADDRESS, CITY, ZIP" for Maileon\'s standard fields.',
		},
		{
			displayName: 'Extra Attributes',
			name: 'extraAttributes',
			type: 'string',
			default: '',
			placeholder: 'phone, regno',
			description:
				'Comma-separated further Directo attributes to copy into "fields". Address lines, country (customers) and the customer code (contacts) are always copied; the class becomes a tag.',
		},
		{
			displayName: 'Output Contacts Without Consent',
			name: 'emitSkipped',
			type: 'boolean',
			default: false,
			description:
				'Whether contacts decided "skip" are output too (the next node then counts them); otherwise they are left out and counted as skipped in this report',
		},
		{
			displayName: 'Tag Datafields',
			name: 'tagDatafields',
			type: 'string',
			default: '',
			placeholder: 'SEGMENT',
			description: 'Comma-separated datafield codes whose content becomes a tag',
		},
	];
	if (resource === 'customer') {
		options.push(
			{
				displayName: 'Class as Tag',
				name: 'classAsTag',
				type: 'boolean',
				default: true,
				description: 'Whether the customer class becomes a tag',
			},
			{
				displayName: 'Customer Name Is',
				name: 'customerName',
				type: 'options',
				options: [
					{
						name: 'Company (Representative as Person)',
						value: 'organization',
						description:
							'Name becomes the organization; first and last name come from the representative',
					},
					{
						name: 'Person',
						value: 'person',
						description: 'Name is split into first and last name (private customers)',
					},
				],
				default: 'organization',
			},
		);
		options.sort((a, b) => a.displayName.localeCompare(b.displayName));
	}
	return [
		{
			displayName:
				'Outputs one contact per email address, with a consent decision from the opt-in datafield, for a newsletter node such as Maileon "Synchronize Many". The second output holds the run report.',
			name: 'newsletterNotice',
			type: 'notice',
			default: '',
		},
		filtersProperty(resource, { changedSince: true }),
		{
			displayName: 'Opt-In Datafield',
			name: 'optInDatafield',
			type: 'string',
			default: 'OPTIN',
			description:
				'Code of the datafield that records consent: content yes or no, the date in its parameter',
		},
		{
			displayName: 'Without Opt-In',
			name: 'missingConsent',
			type: 'options',
			options: [
				{
					name: 'No Consent (Skip)',
					value: 'none',
					description: 'Cards without the datafield get no newsletter',
				},
				{
					name: 'Customer Relationship (Send)',
					value: 'relationship',
					description: 'Cards without the datafield count as customers who may get it',
				},
			],
			default: 'none',
			description: 'Consent of a card whose opt-in datafield is missing or empty',
		},
		{
			displayName: 'Closed Cards',
			name: 'closedCards',
			type: 'options',
			options: [
				{ name: 'Leave Out', value: 'skip', description: 'Count them as skipped' },
				{ name: 'Treat Like Open Ones', value: 'include' },
			],
			default: 'skip',
			description:
				'What happens to cards closed in Directo. Closing a card is not an opt-out, as the same person may have other cards; set the opt-in datafield to "no" to unsubscribe someone.',
		},
		optionsProperty(options),
	];
}

interface NewsletterParams {
	optInDatafield: string;
	missingConsent: MissingConsent;
	includeClosed: boolean;
	emitSkipped: boolean;
	mapping: ContactMapping;
}

function readAddressFields(value: unknown): [string, string, string] {
	const names = typeof value === 'string' ? value.split(',').map((name) => name.trim()) : [];
	return [names[0] ?? 'address1', names[1] ?? 'address2', names[2] ?? 'address3'];
}

function readNewsletterParams(this: IExecuteFunctions): NewsletterParams {
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const datafield = String(this.getNodeParameter('optInDatafield', 0, 'OPTIN')).trim();
	const optInDatafield = datafield === '' ? 'OPTIN' : datafield;
	return {
		optInDatafield,
		missingConsent:
			this.getNodeParameter('missingConsent', 0, 'none') === 'relationship'
				? 'relationship'
				: 'none',
		includeClosed: this.getNodeParameter('closedCards', 0, 'skip') === 'include',
		emitSkipped: options.emitSkipped === true,
		mapping: {
			customerName: options.customerName === 'person' ? 'person' : 'organization',
			addressFields: readAddressFields(options.addressFields ?? 'address1, address2, address3'),
			classAsTag: options.classAsTag !== false,
			tagDatafields: splitNameList(options.tagDatafields),
			extraAttributes: splitNameList(options.extraAttributes),
			consentDatafield: optInDatafield,
		},
	};
}

/**
 * The item as one object literal with exact-size arrays. Objects grown property by property keep
 * spare slots, which more than doubled the memory of a run with 100,000 contacts
 * (bench/directoParse.ts); the strings are shared with the collected contact, not copied.
 */
function compact(item: ContactItem, directoCodes: string[]): IDataObject {
	const consent = item.consent;
	return {
		email: item.email,
		externalId: item.externalId,
		salutation: item.salutation,
		gender: item.gender,
		title: item.title,
		firstName: item.firstName,
		lastName: item.lastName,
		organization: item.organization,
		fields: item.fields,
		tags: item.tags?.slice(),
		consent:
			consent === undefined
				? undefined
				: consent.at === undefined
					? { action: consent.action, reason: consent.reason, status: consent.status, origin: consent.origin }
					: {
							action: consent.action,
							reason: consent.reason,
							at: consent.at,
							status: consent.status,
							origin: consent.origin,
						},
		directoCodes,
	};
}

interface Collected {
	/** The contacts to emit; each entry is cleared once its item is built. */
	readonly contacts: Array<CollectedContact | undefined>;
	/** Cards Directo sent that matched the filters. */
	readonly records: number;
}

/** Streams the cards into the collector and hands back its result; the collector ends here. */
async function collectContacts(
	this: IExecuteFunctions,
	what: DirectoComponent,
	params: NewsletterParams,
	report: RunReport,
): Promise<Collected> {
	const settings = await readSettings.call(this);
	const parameter = parameterReader(this);
	const filters = parameter.collection('filters');
	const selection = {
		...readRecordSelection(this.getNode(), filters, settings.timeZone, true),
		includeClosed: true,
	};
	const collector = new ContactCollector({ report });
	const toContact = what === 'customer' ? customerToContact : contactToContact;
	const readConsent = createOptInReader({
		component: what,
		datafield: params.optInDatafield,
		whenMissing: params.missingConsent,
		timeZone: settings.timeZone,
	});
	let records = 0;
	const read = selectRecords.call(this, what, selection, settings, {
		onRetry: () => report.tallyRetried(1),
	});
	for await (const record of read) {
		records++;
		const addresses = splitEmails(attribute(record, 'email'));
		if (!params.includeClosed && isClosed(record)) {
			const reason = `${what} ${record.code} is closed in Directo`;
			report.tally('skipped', { reason, record: record.code }, Math.max(1, addresses.length));
			continue;
		}
		const consent = readConsent(record);
		(addresses.length > 0 ? addresses : ['']).forEach((email, index) => {
			const input = toContact(record, email, params.mapping);
			// platforms keep external IDs unique: the card's further addresses get "#2", "#3", …
			if (index > 0) input.externalId = `${record.code}#${index + 1}`;
			collector.add(input, consent, record.code);
		});
	}
	return { contacts: collector.finish({ emitSkipped: params.emitSkipped }), records };
}

/**
 * Get Newsletter Contacts: streams the cards, turns each address of each card into a canonical
 * contact with a consent decision, merges addresses that several cards share and reports what it
 * left out (invalid, duplicate, closed, without consent). Output 1: contacts; output 2: the report.
 */
async function getNewsletterContacts(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	what: DirectoComponent,
): Promise<INodeExecutionData[][]> {
	const params = readNewsletterParams.call(this);
	const report = new RunReport({ source: 'Directo', label: `Directo ${what}s` });
	const collected = await collectContacts.call(this, what, params, report);
	const contacts: INodeExecutionData[] = [];
	for (let index = 0; index < collected.contacts.length; index++) {
		const entry = collected.contacts[index] as CollectedContact;
		// released at once: a run of 100,000 contacts never holds them and their items together
		collected.contacts[index] = undefined;
		const item = contactToItem(entry.contact, collectedConsent(entry));
		contacts.push({ json: compact(item, [...new Set(entry.records)]), pairedItem: { item: 0 } });
	}
	const summary = reportItem(report, items.length);
	summary.json = { ...summary.json, records: collected.records, contacts: contacts.length };
	return [contacts, [summary]];
}

/** The Get Newsletter Contacts operation of customers or contacts: its parameters and its handler. */
export function newsletterOperation(what: DirectoComponent): {
	description: INodeProperties[];
	execute: OperationHandler;
} {
	const displayOptions = { show: { resource: [what], operation: ['getNewsletterContacts'] } };
	return {
		description: updateDisplayOptions(displayOptions, newsletterProperties(what)),
		async execute(items) {
			return await getNewsletterContacts.call(this, items, what);
		},
	};
}
