import { parseXml, type XmlElement } from '../maileon/xml';
import type { DirectoState, Datafield, DirectoRecord } from './state';

/**
 * Attributes both customer schemas carry: the input schema `xml_IN_kliendid.xsd` takes them and the
 * output schema `ws_kliendid.xsd` shows them (directo.md §4.3, 5dv).
 */
const SHOWN_ATTRIBUTES = [
	'name',
	'object',
	'address1',
	'address2',
	'address3',
	'deliveryaddress1',
	'deliveryaddress2',
	'deliveryaddress3',
	'country',
	'county',
	'contact',
	'phone',
	'email',
	'regno',
	'vatregno',
	'loyaltycard',
	'class',
	'comment',
	'payterm',
	'priceformula',
	'specialpriceformula',
	'discount',
	'creditlimit',
	'deliveryinvoice',
	'salesman',
	'currency',
	'closed',
];

/** Attributes only the input schema has; they are stored but not shown (§4.3). */
const INPUT_ONLY_ATTRIBUTES = [
	'code',
	'notice',
	'birthday',
	'gender',
	'type',
	'deliveryname',
	'deliverymode',
	'alert',
	'factoring',
	'fax',
	'vatzone',
	'language',
	'bank',
	'bankaccount',
	'url',
	'status',
	'accountmanager',
	'dealtype',
	'destination',
	'firstname',
	'lastname',
	'vatcode',
	'extcode',
	'deliveryterm',
	'rikeinvoice',
	'session_id',
];

/** Output attributes Directo computes; a write never carries them and keeps them. */
const CALCULATED = ['balance', 'creditbalance'];

const INPUT_ATTRIBUTES = new Set([...SHOWN_ATTRIBUTES, ...INPUT_ONLY_ATTRIBUTES]);

// the input's `vatzone` is shown as `vatregion`
const OUTPUT_ATTRIBUTES = new Set([...SHOWN_ATTRIBUTES, 'vatregion', ...CALCULATED]);

/** Fields a partial master-data update (`xd_customer_update=1`) may change (§6). */
const MASTER_DATA = ['name', 'email', 'phone'];

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

function outputAttributes(
	sent: Readonly<Record<string, string>>,
	kept: Readonly<Record<string, string>>,
): Record<string, string> {
	const attributes: Record<string, string> = {};
	for (const [name, value] of Object.entries(sent)) {
		const shown = name === 'vatzone' ? 'vatregion' : name;
		if (OUTPUT_ATTRIBUTES.has(shown)) attributes[shown] = value;
	}
	for (const name of CALCULATED) if (kept[name] !== undefined) attributes[name] = kept[name];
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
			attributes: outputAttributes(sent, {}),
			datafields: readDatafields(element),
			ts: now,
		};
		state.put('customer', record);
		return result('0', 'OK', code);
	}
	if (flags.customerUpdate) {
		for (const name of MASTER_DATA)
			if (sent[name] !== undefined) existing.attributes[name] = sent[name];
		existing.ts = now;
		return result('30', 'updated', code);
	}
	if (!flags.update) return result('14', 'update not allowed', code);
	existing.attributes = outputAttributes(sent, existing.attributes);
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
