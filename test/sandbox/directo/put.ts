import { parseXml, type XmlElement } from '../maileon/xml';
import schema from './schema.json';
import type { DirectoState, Datafield, DirectoRecord } from './state';

/** What directo.md §4.3 and §6 say about customer attributes; the data is `schema.json`. */
interface CustomerSchema {
	/** The reference file and sections the lists come from. */
	readonly source: string;
	/** Attributes the input schema `xml_IN_kliendid.xsd` takes and `ws_kliendid.xsd` shows. */
	readonly shownAttributes: readonly string[];
	/** Attributes only the input schema has; they are stored but not shown. */
	readonly inputOnlyAttributes: readonly string[];
	/** Input attributes the output shows under another name (input name → output name). */
	readonly outputNames: Readonly<Record<string, string>>;
	/** Output attributes Directo computes; a write never carries them and keeps them. */
	readonly calculatedAttributes: readonly string[];
	/** Fields a partial master-data update (`xd_customer_update=1`) may change. */
	readonly masterDataAttributes: readonly string[];
}

const SCHEMA: CustomerSchema = schema;

const INPUT_ATTRIBUTES = new Set([...SCHEMA.shownAttributes, ...SCHEMA.inputOnlyAttributes]);

const OUTPUT_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(SCHEMA.outputNames));

/** Stored on a customer card, but not shown by a read that follows `ws_kliendid.xsd`. */
export const INPUT_ONLY_ATTRIBUTES: ReadonlySet<string> = new Set(
	SCHEMA.inputOnlyAttributes.filter((name) => !OUTPUT_NAMES.has(name)),
);

export interface PutFlags {
	/** `xd_update=1`: the sent record replaces the stored one. */
	readonly update: boolean;
	/** `xd_customer_update=1`: only name, email and phone change. */
	readonly customerUpdate: boolean;
}

type Result = Record<string, string>;

function result(type: string, desc: string, code?: string): Result {
	return code === undefined
		? { Type: type, Desc: desc }
		: { Type: type, Desc: desc, docid: code, doctype: 'CUSTOMER', submit: 'Customers' };
}

function readDatafields(element: XmlElement): Datafield[] {
	const container = element.children.find((child) => child.name === 'datafields');
	return (container?.children ?? [])
		.filter((child) => child.name === 'data')
		.map((data) => ({
			code: data.attributes.code ?? '',
			content: data.attributes.content ?? '',
			param: data.attributes.param ?? '',
		}));
}

/**
 * The card's attributes after a write: exactly what was sent, under the names the card keeps
 * (`vatzone` as `vatregion`), plus the values Directo computes. What was not sent is gone: an
 * update overwrites the whole document (wiki en/xml_direct/alustamine/tehnilised_nouded).
 */
function writtenAttributes(
	sent: Readonly<Record<string, string>>,
	kept: Readonly<Record<string, string>>,
): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const [name, value] of Object.entries(sent)) attributes[OUTPUT_NAMES.get(name) ?? name] = value;
	for (const name of SCHEMA.calculatedAttributes)
		if (kept[name] !== undefined) attributes[name] = kept[name];
	return attributes;
}

function applyCustomer(state: DirectoState, element: XmlElement, flags: PutFlags): Result {
	const { code, ...sent } = element.attributes;
	if (code === undefined || code.trim() === '') return result('13', 'missing customer code');
	if (sent.session_id !== undefined) return result('9', 'session_id is for internal use', code);
	const unknown = Object.keys(sent).find((name) => !INPUT_ATTRIBUTES.has(name));
	if (unknown !== undefined)
		return result('8', `invalid XML: attribute "${unknown}" is not allowed`);
	const existing = state.get('customer', code);
	const now = state.clock.now();
	if (existing === undefined) {
		if ((sent.email ?? '').trim() === '')
			return result('9', 'import error: email is mandatory', code);
		const record: DirectoRecord = {
			kind: 'customer',
			code,
			attributes: writtenAttributes(sent, {}),
			datafields: readDatafields(element),
			ts: now,
		};
		state.put('customer', record);
		return result('0', 'OK', code);
	}
	if (flags.customerUpdate) {
		for (const name of SCHEMA.masterDataAttributes)
			if (sent[name] !== undefined) existing.attributes[name] = sent[name];
		existing.ts = now;
		return result('30', 'updated', code);
	}
	if (!flags.update) return result('14', 'update not allowed', code);
	existing.attributes = writtenAttributes(sent, existing.attributes);
	existing.datafields = readDatafields(element);
	existing.ts = now;
	return result('0', 'OK', code);
}

/** A `put=1&what=customer` with its `xmldata` (directo.md §6); returns one result per record. */
export function applyPut(
	state: DirectoState,
	what: string,
	xmldata: string | undefined,
	flags: PutFlags,
): Result[] {
	if (xmldata === undefined || xmldata.trim() === '') return [result('99', 'no processable XML')];
	let root: XmlElement;
	try {
		root = parseXml(xmldata);
	} catch (error) {
		return [result('8', `invalid XML: ${error instanceof Error ? error.message : String(error)}`)];
	}
	if (what !== 'customer' || root.name !== 'customers') return [result('99', 'no processable XML')];
	const records = root.children.filter((child) => child.name === 'customer');
	if (records.length === 0) return [result('99', 'no processable XML')];
	return records.map((element) => applyCustomer(state, element, flags));
}
