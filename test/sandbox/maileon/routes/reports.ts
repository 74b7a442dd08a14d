import { queryValue } from '../../framework/types';
import type { Query, Route, SandboxRequest } from '../../framework/types';
import { boolParam, HttpError, intParam, pageOf, pagingHeaders, readPaging, readQueryList, route, xmlResponse } from '../http';
import { renderSubscriber, renderUnsubscriber } from '../render';
import type { MaileonState, SubscriberRow, UnsubscriptionRow } from '../state';
import { el } from '../xml';
import type { XmlNode } from '../xml';
import { api } from './base';

interface ReportRow {
	readonly timestamp: number;
	readonly contactId: number;
	readonly externalId: string | undefined;
	readonly email: string | undefined;
}

/** `/reports/unsubscriptions` and `/reports/subscribers` with their `/count` (maileon.md §6.11). */
export function reportRoutes(state: MaileonState): Route[] {
	const unsubscriptions = (query: Query): UnsubscriptionRow[] => {
		const mailingIds = readQueryList(query, 'mailing_id');
		const source = queryValue(query, 'source');
		boolParam(query, 'exclude_anonymous');
		return filterRows(state, state.unsubscriptions, query).filter(
			(row) =>
				(mailingIds.length === 0 ||
					(row.mailingId !== undefined && mailingIds.includes(String(row.mailingId)))) &&
				(source === undefined || row.source === source),
		);
	};
	const subscribers = (query: Query): SubscriberRow[] => {
		// doc default: anonymised (unsubscribed) contacts are left out of this report
		const excludeAnonymous = boolParam(query, 'exclude_anonymous_contacts') ?? true;
		return filterRows(state, state.subscribers, query).filter((row) => {
			if (!excludeAnonymous) return true;
			const contact = state.findById(row.contactId);
			return contact !== undefined && !contact.anonymised;
		});
	};
	const page = <T>(
		req: SandboxRequest,
		rootName: string,
		rows: readonly T[],
		render: (row: T) => XmlNode,
	) => {
		const paging = readPaging(req.query);
		return xmlResponse(
			200,
			el(rootName, pageOf(rows, paging).map(render)),
			pagingHeaders(req, paging, rows.length),
		);
	};
	return [
		{
			method: 'GET',
			path: api('/reports/unsubscriptions'),
			handler: route((req) =>
				page(req, 'unsubscriptions', unsubscriptions(req.query), renderUnsubscriber),
			),
		},
		{
			method: 'GET',
			path: api('/reports/unsubscriptions/count'),
			handler: route((req) => xmlResponse(200, el('count', unsubscriptions(req.query).length))),
		},
		{
			method: 'GET',
			path: api('/reports/subscribers'),
			handler: route((req) => page(req, 'subscribers', subscribers(req.query), renderSubscriber)),
		},
		{
			method: 'GET',
			path: api('/reports/subscribers/count'),
			handler: route((req) => xmlResponse(200, el('count', subscribers(req.query).length))),
		},
	];
}

/** Date window (`from_date` inclusive, `to_date` exclusive, epoch ms) and id/email/eid filters. */
function filterRows<T extends ReportRow>(
	state: MaileonState,
	rows: readonly T[],
	query: Query,
): T[] {
	const from = intParam(query, 'from_date', { min: 0 });
	const to = intParam(query, 'to_date', { min: 0 });
	const ids = readQueryList(query, 'ids').map((id) => {
		if (!/^\d+$/.test(id)) throw new HttpError(400, `ids must be integers, got "${id}"`);
		return Number(id);
	});
	const emails = new Set(readQueryList(query, 'emails').map((e) => state.emailKey(e)));
	const eids = new Set(readQueryList(query, 'eids'));
	return rows.filter(
		(row) =>
			(from === undefined || row.timestamp >= from) &&
			(to === undefined || row.timestamp < to) &&
			(ids.length === 0 || ids.includes(row.contactId)) &&
			(emails.size === 0 || (row.email !== undefined && emails.has(state.emailKey(row.email)))) &&
			(eids.size === 0 || (row.externalId !== undefined && eids.has(row.externalId))),
	);
}
