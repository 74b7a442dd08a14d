import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { decideConsent, type ConsentInput } from '../../../shared/consent';
import { contactToItem } from '../../../shared/contactItem';
import { reportItem } from '../../../shared/n8n/reportOutput';
import { RunReport } from '../../../shared/report';
import { collectedConsent, ContactCollector } from '../../../shared/sourceContacts';
import { consentOfClient, readText, summariseClient, toContactInputs } from '../../mapping';
import type { BillomatRecord, ClientSummary, ConsentRule } from '../../mapping';
import { newRequestStats, type RequestStats } from '../../transport';
import { optionsProperty, splitNameList, type OperationOption } from '../../../shared/n8n/properties';
import { clientFiltersProperty, orderByOf, readClientFilter, sortByIdProperty } from '../descriptions';
import type { ClientFilter } from '../descriptions';
import { pagesOf, readAll, tagNames } from '../reads';
import { parameterReader } from '../../../shared/n8n/parameters';

const properties: INodeProperties[] = [
	{
		displayName:
			'Only send newsletters to clients who gave you verifiable permission (ideally by double opt-in). Without it you may not email business contacts either. Choose below how the node recognises that permission in Billomat.',
		name: 'permissionNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Consent From',
		name: 'consentSource',
		type: 'options',
		options: [
			{
				name: 'Clients With a Tag',
				value: 'tag',
				description: 'Only clients tagged in Billomat, e.g. with "newsletter", count as opted in',
			},
			{
				name: 'Clients With a Property Value',
				value: 'property',
				description: 'Clients whose client property (e.g. a "Newsletter" checkbox) has a given value count as opted in',
			},
			{
				name: 'All Clients (Customer Relationship)',
				value: 'all',
				description: 'Every client counts as consented through the customer relationship; check that this is lawful for you',
			},
		],
		default: 'tag',
		description: 'How the node decides which clients may receive the newsletter; everything else is skipped',
	},
	{
		displayName: 'Consent Tag',
		name: 'consentTag',
		type: 'string',
		default: 'newsletter',
		required: true,
		displayOptions: { show: { consentSource: ['tag'] } },
	},
	{
		displayName: 'Consent Property',
		name: 'consentProperty',
		type: 'string',
		default: 'Newsletter',
		required: true,
		displayOptions: { show: { consentSource: ['property'] } },
		description: 'Name of the client property (Settings → Client properties in Billomat)',
	},
	{
		displayName: 'Consent Value',
		name: 'consentValue',
		type: 'string',
		default: '1',
		displayOptions: { show: { consentSource: ['property'] } },
		description: 'Value that means consent (compared case-insensitively); a ticked checkbox property is "1"',
	},
	{
		displayName: 'Opt-Out Tag',
		name: 'optOutTag',
		type: 'string',
		default: 'newsletter-unsubscribed',
		description:
			'Clients with this tag are emitted with consent "unsubscribe", so the newsletter system unsubscribes them. Empty to ignore.',
	},
	{
		displayName: 'Include Contact Persons',
		name: 'includeContactPersons',
		type: 'boolean',
		default: false,
		description:
			'Whether the contact persons of each consenting client become recipients too, with the client\'s consent. Costs one request per client, as Billomat lists contact persons only by client.',
	},
	{
		displayName: 'Split Off Customer Relationships',
		name: 'splitRelationships',
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description:
			'Whether contacts whose only consent is the customer relationship leave on a third output, "Customer Relationship Only" (e.g. to ask them for a double opt-in), instead of the first',
	},
	clientFiltersProperty,
	optionsProperty([
		{
			displayName: 'Client Properties',
			name: 'mappedProperties',
			type: 'string',
			default: '',
			placeholder: 'Branche, Interessen',
			description: 'Comma-separated names of client properties to add to each contact\'s "fields"',
		},
		{
			displayName: 'Include Tags',
			name: 'includeTags',
			type: 'boolean',
			default: false,
			description:
				'Whether to add every tag of each client to the contact\'s "tags". Costs one request for the tag list plus one per 1000 clients per tag.',
		},
		{
			displayName: 'Output Contacts Without Consent',
			name: 'includeSkipped',
			type: 'boolean',
			default: false,
			description:
				'Whether contacts without consent are emitted too (with consent "skip"), e.g. to inspect them; targets skip them anyway',
		},
		sortByIdProperty,
	]),
];

const displayOptions = { show: { resource: ['client'], operation: ['getNewsletterContacts'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface NewsletterParams {
	rule: ConsentRule;
	includeContactPersons: boolean;
	filter: ClientFilter;
	orderBy?: string;
	includeTags: boolean;
	mappedProperties: string[];
	includeSkipped: boolean;
	splitRelationships: boolean;
}

function readParams(this: IExecuteFunctions): NewsletterParams {
	const text = (name: string, fallback: string): string =>
		String(this.getNodeParameter(name, 0, fallback) ?? '').trim();
	const parameter = parameterReader(this);
	const options = parameter.collection('options');
	const source = parameter.choice<ConsentRule['source']>('consentSource', ['all', 'tag', 'property'], 'tag');
	const rule: ConsentRule = {
		source,
		tag: source === 'tag' ? text('consentTag', 'newsletter') : '',
		property: source === 'property' ? text('consentProperty', 'Newsletter') : '',
		propertyValue: source === 'property' ? text('consentValue', '1') : '',
		optOutTag: text('optOutTag', 'newsletter-unsubscribed'),
	};
	let missing: string | undefined;
	if (source === 'tag' && rule.tag === '') missing = 'Consent Tag';
	if (source === 'property' && rule.property === '') missing = 'Consent Property';
	if (missing !== undefined) {
		throw new NodeOperationError(this.getNode(), `"${missing}" is empty`, {
			description: `Enter the ${missing.toLowerCase()} that marks clients who agreed to receive the newsletter.`,
		});
	}
	return {
		rule,
		includeContactPersons: this.getNodeParameter('includeContactPersons', 0, false) === true,
		filter: readClientFilter(parameter.collection('filters')),
		orderBy: orderByOf(options.sortById),
		includeTags: options.includeTags === true,
		mappedProperties: splitNameList(options.mappedProperties),
		includeSkipped: options.includeSkipped === true,
		splitRelationships: this.getNodeParameter('splitRelationships', 0, false) === true,
	};
}

/** What the scan learned about each client, by client ID. */
interface Scan {
	clients: Map<string, ClientSummary>;
	tags: Map<string, string[]>;
	/** Property values by client ID, then property name. */
	properties: Map<string, Record<string, string>>;
}

/** The values of the wanted properties under the names the user gave, matched case-insensitively. */
function byWantedName(values: Record<string, string>, wanted: ReadonlySet<string>): Record<string, string> {
	const byLowerName = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
	const result: Record<string, string> = {};
	for (const name of wanted) {
		const value = byLowerName.get(name.toLowerCase());
		if (value !== undefined) result[name] = value;
	}
	return result;
}

function joinTags(...tags: Array<string | undefined>): string {
	return tags.filter((tag) => tag !== undefined && tag !== '').join(',');
}

class NewsletterRun {
	readonly stats: RequestStats = newRequestStats();

	readonly scan: Scan = {
		clients: new Map(),
		tags: new Map(),
		properties: new Map(),
	};

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly params: NewsletterParams,
	) {}

	/** Lists clients; `tag` marks every listed client with it, `addNew` takes clients not seen yet. */
	async listClients(qs: Record<string, string>, tag: string | undefined, addNew: boolean): Promise<void> {
		const { filter, orderBy } = this.params;
		const pages = pagesOf.call(this.context, 'clients', { ...filter.qs, ...qs }, { orderBy, stats: this.stats });
		for await (const page of pages) {
			for (const client of page) {
				const id = readText(client, 'id');
				if (id === undefined || !filter.matches(client)) continue;
				if (!this.scan.clients.has(id)) {
					if (!addNew) continue;
					this.scan.clients.set(id, summariseClient(client));
				}
				if (tag !== undefined) this.markTag(id, tag);
			}
		}
	}

	private markTag(clientId: string, tag: string): void {
		const tags = this.scan.tags.get(clientId) ?? [];
		if (!tags.includes(tag)) tags.push(tag);
		this.scan.tags.set(clientId, tags);
	}

	/** billomat.md §7.2, §9: clients by consent tag, or all of them; then the opt-out tag. */
	async readClients(): Promise<void> {
		const { rule, filter } = this.params;
		const filterTags = typeof filter.qs.tags === 'string' ? filter.qs.tags : undefined;
		if (rule.source === 'tag') await this.listClients({ tags: joinTags(filterTags, rule.tag) }, rule.tag, true);
		else await this.listClients(filterTags ? { tags: filterTags } : {}, undefined, true);
		// in tag mode an opted-out client without the consent tag still has to be unsubscribed
		if (rule.optOutTag !== '') {
			await this.listClients({ tags: joinTags(filterTags, rule.optOutTag) }, rule.optOutTag, rule.source === 'tag');
		}
	}

	/** Every tag of the listed clients, from the tag cloud and one client list per tag (billomat.md §9). */
	async readAllTags(): Promise<void> {
		const done = new Set([this.params.rule.tag, this.params.rule.optOutTag].map((tag) => tag.toLowerCase()));
		const cloud = await readAll.call(this.context, 'clientTags', {}, { stats: this.stats });
		for (const name of tagNames(cloud)) {
			if (done.has(name.toLowerCase())) continue;
			done.add(name.toLowerCase());
			await this.listClients({ tags: name }, name, false);
		}
	}

	/** Values of the properties the rule or the mapping needs (billomat.md §8, §16 #7). */
	async readProperties(): Promise<void> {
		const wanted = new Set(this.params.mappedProperties);
		if (this.params.rule.source === 'property') wanted.add(this.params.rule.property);
		if (wanted.size === 0 || this.scan.clients.size === 0) return;
		const summaries = [...this.scan.clients.values()];
		if (summaries.every((client) => client.properties !== undefined)) {
			for (const client of summaries) this.scan.properties.set(client.id, byWantedName(client.properties ?? {}, wanted));
			return;
		}
		const definitions = await readAll.call(this.context, 'clientProperties', {}, { stats: this.stats });
		const idsByName = new Map<string, { id: string; name: string }>();
		for (const definition of definitions) {
			const id = readText(definition, 'id');
			const name = readText(definition, 'name');
			if (id !== undefined && name !== undefined) idsByName.set(name.toLowerCase(), { id, name });
		}
		for (const name of wanted) {
			const definition = idsByName.get(name.toLowerCase());
			if (definition === undefined) {
				throw new NodeOperationError(this.context.getNode(), `Billomat has no client property "${name}"`, {
					description: `Client properties of this account: ${[...idsByName.values()].map((entry) => entry.name).join(', ') || 'none'}. Check the spelling in the node.`,
				});
			}
			const pages = pagesOf.call(this.context, 'propertyValues', { client_property_id: definition.id }, { stats: this.stats });
			for await (const page of pages) {
				for (const value of page) {
					const clientId = readText(value, 'client_id');
					if (clientId === undefined || !this.scan.clients.has(clientId)) continue;
					const values = this.scan.properties.get(clientId) ?? {};
					values[name] = readText(value, 'value') ?? '';
					this.scan.properties.set(clientId, values);
				}
			}
		}
	}

	/**
	 * Contact persons of the given clients, one request each: Billomat lists contacts only for one
	 * client ("client_id ist ein Pflichtparameter", justpilot/billomat-php-api docs/spec/billomat.json
	 * `kunden/kontakte`; billomat.md §10).
	 */
	async readPersons(clientIds: readonly string[]): Promise<Map<string, BillomatRecord[]>> {
		const persons = new Map<string, BillomatRecord[]>();
		for (const clientId of clientIds) {
			persons.set(clientId, await readAll.call(this.context, 'contacts', { client_id: clientId }, { stats: this.stats }));
		}
		return persons;
	}
}

function byNumericId(a: ClientSummary, b: ClientSummary): number {
	return Number(a.id) - Number(b.id) || a.id.localeCompare(b.id);
}

function pick(values: Record<string, string>, names: readonly string[]): Record<string, string> {
	const picked: Record<string, string> = {};
	for (const name of names) if (values[name] !== undefined && values[name] !== '') picked[name] = values[name];
	return picked;
}

function summarise(read: { clients: number; contactPersons: number }, emitted: number, report: RunReport): string {
	const { counts } = report.toJSON();
	const parts = [`${emitted} contacts emitted`];
	const add = (count: number, text: string) => {
		if (count > 0) parts.push(`${count} ${text}`);
	};
	add(counts.skipped, 'skipped without consent');
	add(counts.invalid, 'invalid');
	add(counts.duplicates, counts.duplicates === 1 ? 'duplicate merged' : 'duplicates merged');
	const persons = read.contactPersons > 0 ? ` and ${read.contactPersons} contact persons` : '';
	return `Read ${read.clients} clients${persons}: ${parts.join(', ')}`;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[][]> {
	const params = readParams.call(this);
	const report = new RunReport({ source: 'Billomat', label: 'Get Newsletter Contacts' });
	const collector = new ContactCollector({ report });
	const run = new NewsletterRun(this, params);

	await run.readClients();
	if (params.includeTags) await run.readAllTags();
	await run.readProperties();

	const clients = [...run.scan.clients.values()].sort(byNumericId);
	const withPersons: Array<{ client: ClientSummary; consent: ConsentInput; tags: string[]; fields: Record<string, string> }> = [];
	for (const client of clients) {
		const tags = run.scan.tags.get(client.id) ?? [];
		const values = run.scan.properties.get(client.id) ?? {};
		const consent = consentOfClient(params.rule, { id: client.id, tags, properties: values });
		const record = `client ${client.id}`;
		// an opt-out still travels, archived or not: it can only keep mail away
		if (params.filter.excludesArchived && client.archived === '1' && consent.status !== 'optOut') {
			report.tally('skipped', { reason: 'archived client', record });
			continue;
		}
		const fields = pick(values, params.mappedProperties);
		for (const input of toContactInputs({ client, tags, properties: fields })) collector.add(input, consent, record);
		const wantsPersons = params.includeSkipped || decideConsent(consent).action !== 'skip';
		if (params.includeContactPersons && wantsPersons) withPersons.push({ client, consent, tags, fields });
	}

	let personCount = 0;
	const persons = await run.readPersons(withPersons.map((entry) => entry.client.id));
	for (const { client, consent, tags, fields } of withPersons) {
		for (const person of persons.get(client.id) ?? []) {
			personCount += 1;
			const record = `client ${client.id}, contact person ${readText(person, 'id') ?? '?'}`;
			for (const input of toContactInputs({ client, tags, properties: fields, person })) {
				collector.add(input, consent, record);
			}
		}
	}

	const contacts = collector.finish({ emitSkipped: params.includeSkipped });
	report.tallyRetried(run.stats.retries);
	const output: INodeExecutionData[] = [];
	const relationshipOnly: INodeExecutionData[] = [];
	for (const entry of contacts) {
		const item = { json: contactToItem(entry.contact, collectedConsent(entry)) as IDataObject, pairedItem: { item: 0 } };
		if (params.splitRelationships && entry.consent.status === 'relationship') relationshipOnly.push(item);
		else output.push(item);
	}
	const read = { clients: clients.length, contactPersons: personCount };
	const summary = reportItem(report, items.length);
	summary.json = {
		...summary.json,
		summary: summarise(read, contacts.length, report),
		read,
		emitted: contacts.length,
		requests: {
			sent: run.stats.requests,
			rateLimitWaits: run.stats.rateLimitWaits,
			rateLimitWaitedMs: run.stats.rateLimitWaitedMs,
		},
	};
	return params.splitRelationships ? [output, [summary], relationshipOnly] : [output, [summary]];
}

export const option: OperationOption = { name: 'Get Newsletter Contacts', description: 'Read the clients (and their contact persons) as newsletter contacts with a consent decision, ready for a newsletter node', action: 'Get clients as newsletter contacts' };
