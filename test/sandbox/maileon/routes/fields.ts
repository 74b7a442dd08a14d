import { queryValue } from '../../framework/types';
import type { Route } from '../../framework/types';
import { canonicalStandardField, checkCustomFieldName, CUSTOM_FIELD_TYPES, isCustomFieldType } from '../fields';
import { emptyResponse, HttpError, route, xmlResponse } from '../http';
import type { MaileonState } from '../state';
import { el } from '../xml';
import { api } from './base';

/** Custom field registry (maileon.md §6.2). */
export function fieldRoutes(state: MaileonState): Route[] {
	const requireField = (name: string): void => {
		if (state.customFieldType(name) === undefined) throw new HttpError(404, `No custom field "${name}"`);
	};
	/** A name a new or renamed custom field may take: allowed (400 if not) and free (409 if not). */
	const requireNewName = (name: string): void => {
		const problem = checkCustomFieldName(name);
		if (problem) throw new HttpError(400, problem);
		if (state.customFieldType(name) !== undefined) throw new HttpError(409, `Custom field "${name}" exists`);
	};
	return [
		{
			method: 'GET',
			path: api('/contacts/fields/custom'),
			handler: route(() =>
				xmlResponse(
					200,
					el(
						'custom_fields',
						state
							.customFieldList()
							.map((f) => el('custom_field', [el('name', f.name), el('type', f.type)])),
					),
				),
			),
		},
		{
			method: 'POST',
			path: api('/contacts/fields/custom/:name'),
			handler: route((req) => {
				const name = req.params.name;
				requireNewName(name);
				const type = queryValue(req.query, 'type') ?? 'string';
				if (!isCustomFieldType(type)) {
					throw new HttpError(
						400,
						`Unknown field type "${type}", expected one of ${CUSTOM_FIELD_TYPES.join(', ')}`,
					);
				}
				state.defineCustomField(name, type);
				return emptyResponse(201);
			}),
		},
		{
			method: 'PUT',
			path: api('/contacts/fields/custom/:oldName/:newName'),
			handler: route((req) => {
				const { oldName, newName } = req.params;
				requireField(oldName);
				requireNewName(newName);
				state.renameCustomField(oldName, newName);
				return emptyResponse(200);
			}),
		},
		{
			method: 'DELETE',
			path: api('/contacts/fields/custom/:name'),
			handler: route((req) => {
				if (!state.removeCustomField(req.params.name)) {
					throw new HttpError(404, `No custom field "${req.params.name}"`);
				}
				return emptyResponse(200);
			}),
		},
		{
			method: 'DELETE',
			path: api('/contacts/fields/custom/:name/values'),
			handler: route((req) => {
				requireField(req.params.name);
				state.wipeCustomValues(req.params.name);
				return emptyResponse(200);
			}),
		},
		{
			method: 'DELETE',
			path: api('/contacts/fields/standard/:name/values'),
			handler: route((req) => {
				const field = canonicalStandardField(req.params.name);
				if (!field) throw new HttpError(404, `No writable standard field "${req.params.name}"`);
				state.wipeStandardValues(field);
				return emptyResponse(200);
			}),
		},
	];
}
