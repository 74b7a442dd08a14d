import type { Route } from '../../framework/types';
import { isBlacklistEntry } from '../blacklists';
import { emptyResponse, formatTimestamp, hasBody, HttpError, pageOf, pagingHeaders, parseXmlText, readPaging, requireMediaType, route, XML_MEDIA_TYPE, xmlResponse } from '../http';
import { readFieldSelection, renderContact } from '../render';
import { PERMISSION } from '../state';
import type { MaileonState } from '../state';
import { childElement, childElements, childText, el } from '../xml';
import type { XmlNode } from '../xml';
import { api } from './base';

/** Blacklists and the contacts they block (maileon.md §6.12). */
export function blacklistRoutes(state: MaileonState): Route[] {
	let importCount = 0;
	const requireList = (rawId: string) => {
		const id = /^\d+$/.test(rawId) ? Number(rawId) : Number.NaN;
		const list = Number.isNaN(id) ? undefined : state.blacklists.get(id);
		if (!list) throw new HttpError(404, `No blacklist with id ${rawId}`);
		return list;
	};
	return [
		{
			method: 'GET',
			path: api('/blacklists'),
			// the PHP client: "the names and IDs of the custom blacklists in your account"
			handler: route(() =>
				xmlResponse(
					200,
					el(
						'blacklists',
						state.blacklists
							.all()
							.filter((list) => !list.global)
							.map((list) => el('blacklist', [el('id', list.id), el('name', list.name)])),
					),
				),
			),
		},
		{
			method: 'GET',
			path: api('/blacklists/:id'),
			handler: route((req) => {
				const list = requireList(req.params.id);
				return xmlResponse(
					200,
					el('blacklist', [
						el('id', list.id),
						el('name', list.name),
						el('entries', list.entries.map((entry) => el('entry', entry))),
					]),
				);
			}),
		},
		{
			method: 'POST',
			path: api('/blacklists/:id/actions'),
			handler: route((req) => {
				const list = requireList(req.params.id);
				if (list.global) {
					throw new HttpError(403, `Blacklist ${list.id} is a global blacklist and cannot be changed`);
				}
				if (!hasBody(req)) throw new HttpError(400, 'Expected an <add_entries_action> body');
				requireMediaType(req, XML_MEDIA_TYPE);
				const root = parseXmlText(req.body.toString('utf8'));
				if (root.name !== 'add_entries_action') {
					throw new HttpError(400, `Expected an <add_entries_action> element, got <${root.name}>`);
				}
				const entriesElement = childElement(root, 'entries');
				const entries = entriesElement ? childElements(entriesElement, 'entry').map((entry) => entry.text.trim()) : [];
				if (entries.length === 0) throw new HttpError(400, 'add_entries_action has no entries');
				const bad = entries.find((entry) => !isBlacklistEntry(entry));
				if (bad !== undefined) throw new HttpError(400, `Invalid blacklist entry "${bad}"`);
				const importName = childText(root, 'import_name')?.trim() || `import_${++importCount}`;
				state.blacklists.addEntries(list.id, entries, importName);
				return emptyResponse(200);
			}),
		},
		{
			method: 'GET',
			path: api('/contacts/blocked'),
			handler: route((req) => {
				const paging = readPaging(req.query);
				const selection = readFieldSelection(req.query);
				const blocked: XmlNode[] = [];
				for (const contact of state.activeContacts()) {
					if (contact.email === undefined || contact.permission === PERMISSION.NONE) continue;
					const match = state.blacklists.match(contact.email);
					if (!match) continue;
					const rendered = renderContact(state, contact, selection);
					const children = Array.isArray(rendered.content) ? (rendered.content as XmlNode[]) : [];
					blocked.push(
						el('contact', [
							...children,
							el('blocking_reason', 'blacklist'),
							el('blocking_timestamp', formatTimestamp(match.addedAt)),
						]),
					);
				}
				return xmlResponse(200, el('contacts', pageOf(blocked, paging)), pagingHeaders(req, paging, blocked.length));
			}),
		},
	];
}
