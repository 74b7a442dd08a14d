import { jsonResponse } from '../../framework/types';
import type { Route } from '../../framework/types';
import { emptyResponse, route } from '../http';
import type { MaileonState } from '../state';
import { api } from './base';

/** `/ping` for every method (credential and privilege test) and `/account/info` (maileon.md §6.1). */
export function systemRoutes(state: MaileonState): Route[] {
	const ping = route(() => emptyResponse(200));
	return [
		...['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({
			method,
			path: api('/ping'),
			handler: ping,
		})),
		{
			method: 'GET',
			path: api('/account/info'),
			handler: route(() =>
				jsonResponse(200, { id: state.settings.accountId, name: 'Sandbox account' }),
			),
		},
	];
}
