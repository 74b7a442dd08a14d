import { queryValue } from '../../framework/types';
import type { Route } from '../../framework/types';
import { readBody, requireRecord, route } from '../http';
import { BillomatError, renderItem } from '../render';
import type { BillomatState, PropertyDefinition, StoredRecord } from '../state';
import { listPage } from './list';

function definitionRecord(property: PropertyDefinition): StoredRecord {
	return { id: String(property.id), name: property.name, type: property.type, default_value: property.default_value, is_nvl: '0' };
}

const VALUE_FIELDS = ['id', 'client_id', 'client_property_id', 'name', 'value'];

/** billomat.md §8: property definitions and per-client values (POST sets a value). */
export function propertyRoutes(state: BillomatState): Route[] {
	return [
		{
			method: 'GET',
			path: '/:account/api/client-properties',
			handler: route(state, (request, format) =>
				listPage(state, request, format, [...state.properties.values()].map(definitionRecord), {
					listKey: 'client-properties',
					itemKey: 'client-property',
					fields: ['id', 'name', 'type'],
				}),
			),
		},
		{
			method: 'GET',
			path: '/:account/api/client-properties/:id',
			handler: route(state, (request, format) => {
				const property = requireRecord(state.properties, request.params.id, 'Client property');
				return renderItem(200, format, 'client-property', definitionRecord(property));
			}),
		},
		{
			method: 'GET',
			path: '/:account/api/client-property-values',
			handler: route(state, (request, format) => {
				const clientId = queryValue(request.query, 'client_id');
				const propertyId = queryValue(request.query, 'client_property_id');
				const values = [...state.propertyValues.values()].filter(
					(value) =>
						(clientId === undefined || clientId === '' || value.client_id === clientId) &&
						(propertyId === undefined || propertyId === '' || value.client_property_id === propertyId),
				);
				return listPage(state, request, format, values, {
					listKey: 'client-property-values',
					itemKey: 'client-property-value',
					fields: VALUE_FIELDS,
				});
			}),
		},
		{
			method: 'GET',
			path: '/:account/api/client-property-values/:id',
			handler: route(state, (request, format) => {
				const value = requireRecord(state.propertyValues, request.params.id, 'Client property value');
				return renderItem(200, format, 'client-property-value', value);
			}),
		},
		{
			method: 'POST',
			path: '/:account/api/client-property-values',
			handler: route(state, (request, format) => {
				const fields = readBody(request, 'client-property-value');
				const clientId = Number(fields.client_id);
				const propertyId = Number(fields.client_property_id);
				if (!state.clients.has(clientId)) throw new BillomatError(400, ['Invalid client_id']);
				if (!state.properties.has(propertyId)) throw new BillomatError(400, ['Invalid client_property_id']);
				return renderItem(201, format, 'client-property-value', state.setPropertyValue(clientId, propertyId, String(fields.value ?? '')));
			}),
		},
	];
}
