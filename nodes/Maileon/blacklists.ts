import { findEmailProblem, normaliseEmail } from '../shared/contact';
import { xmlDocument, xmlElement } from '../shared/xml/build';
import { childElements, childText } from '../shared/xml/element';
import { parseXmlDocument } from '../shared/xml/parse';

/** Maileon's global blacklists: they answer `403` to every write (maileon.md §6.12). */
export const GLOBAL_BLACKLIST_IDS: readonly string[] = ['1', '2'];

/**
 * Entries per `add_entries_action`. Neither the reference nor Maileon's clients name a maximum, so it
 * is a parameter; 1000 is the largest batch Maileon documents anywhere (a page of §7).
 */
export const MAILEON_BLACKLIST_BATCH = 1000;

export interface BlacklistSummary {
	readonly id: string;
	readonly name: string;
}

export function isGlobalBlacklist(id: string): boolean {
	return GLOBAL_BLACKLIST_IDS.includes(id.trim());
}

/** `GET /blacklists`: `<blacklists><blacklist><id/><name/></blacklist>…</blacklists>`. */
export function readBlacklists(body: unknown): BlacklistSummary[] {
	const text = typeof body === 'string' ? body.trim() : '';
	if (text === '') return [];
	return childElements(parseXmlDocument(text), 'blacklist')
		.map((element) => ({ id: childText(element, 'id') ?? '', name: childText(element, 'name') ?? '' }))
		.filter((list) => list.id !== '');
}

/** The body of `POST /blacklists/{id}/actions`: one import of these entries. */
export function addEntriesXml(entries: readonly string[], importName: string): string {
	return xmlDocument(
		xmlElement('add_entries_action', [
			xmlElement('import_name', importName),
			xmlElement('entries', entries.map((entry) => xmlElement('entry', entry))),
		]),
	);
}

export type BlacklistEntry = { readonly entry: string } | { readonly problem: string };

/**
 * The blacklist entry for a value: an address, lower-cased, or with `allowWildcards` a domain
 * wildcard `*@domain`. Otherwise why the value cannot be an entry.
 */
export function toBlacklistEntry(raw: unknown, allowWildcards: boolean): BlacklistEntry {
	const normalised = normaliseEmail(raw);
	if (normalised === undefined) return { problem: 'has no address' };
	const { key } = normalised;
	if (key.startsWith('*@')) {
		if (!allowWildcards) return { problem: 'is a wildcard; turn on "Allow Domain Wildcards" to add it' };
		// the domain part must be a valid one, checked on a stand-in address
		const problem = findEmailProblem(`x${key.slice(1)}`);
		return problem === undefined ? { entry: key } : { problem: `has a wildcard whose address part ${problem}` };
	}
	const problem = findEmailProblem(key);
	return problem === undefined ? { entry: key } : { problem };
}
