import { queryValue } from '../../framework/types';
import type { Route, SandboxRequest } from '../../framework/types';
import { readBody, readId, route } from '../http';
import { BillomatError, renderEmpty, renderItem } from '../render';
import type { Nested } from '../render';
import { CLIENT_FIELDS } from '../state';
import type { BillomatState, StoredRecord } from '../state';
import { contains, listPage } from './list';

const TEXT_FILTERS: ReadonlyArray<[string, string]> = [
	['name', 'name'],
	['client_number', 'client_number'],
	['email', 'email'],
	['first_name', 'first_name'],
	['last_name', 'last_name'],
	['note', 'note'],
];

/** billomat.md §7.2: text filters are case-insensitive substrings; archived clients stay in. */
function filterClients(state: BillomatState, request: SandboxRequest): StoredRecord[] {
	const checks: Array<(own: StoredRecord) => boolean> = [];
	for (const [param, field] of TEXT_FILTERS) {
		const wanted = queryValue(request.query, param);
		if (wanted !== undefined && wanted !== '') checks.push((own) => contains(state.clientValue(own, field), wanted));
	}
	const country = queryValue(request.query, 'country_code');
	if (country !== undefined && country !== '') {
		checks.push((own) => state.clientValue(own, 'country_code').toLowerCase() === country.toLowerCase());
	}
	const customfield = queryValue(request.query, 'customfield');
	if (customfield !== undefined && customfield !== '') {
		checks.push((own) =>
			state.settings.customfieldMatch === 'exact'
				? state.clientValue(own, 'customfield') === customfield
				: contains(state.clientValue(own, 'customfield'), customfield),
		);
	}
	const tags = (queryValue(request.query, 'tags') ?? '')
		.split(',')
		.map((tag) => tag.trim().toLowerCase())
		.filter((tag) => tag !== '');
	if (tags.length > 0) {
		const byClient = new Map<string, Set<string>>();
		for (const tag of state.tags.values()) {
			const names = byClient.get(tag.client_id) ?? new Set<string>();
			names.add(tag.name.toLowerCase());
			byClient.set(tag.client_id, names);
		}
		checks.push((own) => {
			const names = byClient.get(own.id);
			if (names === undefined) return false;
			return state.settings.tagsMatch === 'all' ? tags.every((tag) => names.has(tag)) : tags.some((tag) => names.has(tag));
		});
	}
	const all = [...state.clients.values()];
	return checks.length === 0 ? all : all.filter((own) => checks.every((check) => check(own)));
}

function propertyValues(state: BillomatState, clientId: number): Nested[string] {
	return { item: 'client-property-value', records: state.propertyValuesOf(clientId) };
}

function expandClient(state: BillomatState, id: number, withProperties: boolean): Nested {
	const client: Record<string, Nested[string]> = { ...state.renderClient(id) };
	if (withProperties) client['client-property-values'] = propertyValues(state, id);
	return client;
}

function requireClient(state: BillomatState, rawId: string | undefined): number {
	const id = readId(rawId, 'Client');
	if (!state.clients.has(id)) throw new BillomatError(404, ['Client not found']);
	return id;
}

function customfieldOf(state: BillomatState, id: number): Nested {
	const own = state.clients.get(id);
	return { id: String(id), customfield: own === undefined ? '' : state.clientValue(own, 'customfield') };
}

function validate(fields: Record<string, unknown>): void {
	const errors: string[] = [];
	const country = fields.country_code;
	if (country !== undefined && country !== '' && !/^[A-Z]{2}$/.test(String(country))) {
		errors.push(`Invalid country_code "${String(country)}"`);
	}
	const email = fields.email;
	if (email !== undefined && email !== '' && !/^[^@\s]+@[^@\s]+$/.test(String(email))) {
		errors.push(`Invalid email "${String(email)}"`);
	}
	if (errors.length > 0) throw new BillomatError(400, errors);
}

/** The own account (billomat.md §7.1: not a customer). */
const MYSELF: Nested = {
	id: '1',
	name: 'Demo Account GmbH',
	street: 'Musterweg 1',
	zip: '24103',
	city: 'Kiel',
	country_code: 'DE',
	email: 'office@demo-account.example',
	plan: 'BUSINESS',
};

export function clientRoutes(state: BillomatState): Route[] {
	const listOptions = {
		listKey: 'clients',
		itemKey: 'client',
		fields: CLIENT_FIELDS,
		sortValue: (own: StoredRecord, field: string) => state.clientValue(own, field),
		expand: (own: StoredRecord) => expandClient(state, Number(own.id), state.settings.embedPropertyValuesInList),
	};
	return [
		{
			method: 'GET',
			path: '/:account/api/clients',
			handler: route(state, (request, format) => listPage(state, request, format, filterClients(state, request), listOptions)),
		},
		{
			// billomat.md §5: a count without the data
			method: 'HEAD',
			path: '/:account/api/clients',
			handler: route(state, (request) => ({
				status: 200,
				headers: { 'X-Total-Count': String(filterClients(state, request).length) },
			})),
		},
		{
			method: 'GET',
			path: '/:account/api/clients/myself',
			handler: route(state, (_request, format) => renderItem(200, format, 'client', MYSELF)),
		},
		{
			method: 'GET',
			path: '/:account/api/clients/:id',
			handler: route(state, (request, format) => {
				const id = requireClient(state, request.params.id);
				return renderItem(200, format, 'client', expandClient(state, id, true));
			}),
		},
		{
			method: 'POST',
			path: '/:account/api/clients',
			handler: route(state, (request, format) => {
				const fields = readBody(request, 'client');
				validate(fields);
				const id = state.createClient(fields);
				return renderItem(201, format, 'client', expandClient(state, id, false));
			}),
		},
		{
			method: 'PUT',
			path: '/:account/api/clients/:id',
			handler: route(state, (request, format) => {
				const id = requireClient(state, request.params.id);
				const fields = readBody(request, 'client');
				validate(fields);
				const isArchived = state.renderClient(id)?.archived === '1';
				if (state.settings.archivedReadOnly && isArchived && Object.keys(fields).some((name) => name !== 'archived')) {
					throw new BillomatError(400, ['Archived clients cannot be edited']);
				}
				state.updateClient(id, fields);
				return renderItem(200, format, 'client', expandClient(state, id, false));
			}),
		},
		{
			method: 'DELETE',
			path: '/:account/api/clients/:id',
			handler: route(state, (request) => {
				state.deleteClient(requireClient(state, request.params.id));
				return renderEmpty(200);
			}),
		},
		{
			method: 'GET',
			path: '/:account/api/clients/:id/customfield',
			handler: route(state, (request, format) => {
				const id = requireClient(state, request.params.id);
				return renderItem(200, format, 'client', customfieldOf(state, id));
			}),
		},
		{
			method: 'PUT',
			path: '/:account/api/clients/:id/customfield',
			handler: route(state, (request, format) => {
				const id = requireClient(state, request.params.id);
				const fields = readBody(request, 'client');
				state.updateClient(id, { customfield: fields.customfield ?? '' });
				return renderItem(200, format, 'client', customfieldOf(state, id));
			}),
		},
	];
}
