import type { Route } from '../../framework/types';
import { handleTokenRequest, TOKEN_PATH } from '../auth';
import { collection, envelope } from '../http';
import type { Newsletter2GoState } from '../state';

/** Token endpoint, `GET /companies` and `GET /users` (§2, §7.1). */
export function accountRoutes(state: Newsletter2GoState): Route[] {
	const { settings } = state;
	return [
		{ method: 'POST', path: TOKEN_PATH, handler: (request) => handleTokenRequest(state, request) },
		{
			method: 'GET',
			path: '/companies',
			handler: (request) =>
				envelope(
					200,
					{ count: 1, links: { _href: `${request.origin}/companies` } },
					[
						{
							_href: `${request.origin}/companies/${settings.companyId}`,
							id: settings.companyId,
							name: 'Sandbox GmbH',
							default_list_id: state.defaultListId,
							dateformat: 'd.m.Y',
							timezone: 'Europe/Berlin',
						},
					],
					settings,
				),
		},
		{
			method: 'GET',
			path: '/users',
			handler: (request) =>
				collection(
					request,
					[
						{
							_href: `${request.origin}/users/u1sandbx`,
							id: 'u1sandbx',
							account_id: settings.accountId,
							email: settings.username,
							first_name: 'Demo',
							last_name: 'User',
						},
					],
					settings,
				),
		},
	];
}
