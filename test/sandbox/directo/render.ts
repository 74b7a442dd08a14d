import type { SandboxResponse } from '../framework/types';
import { INPUT_ONLY_ATTRIBUTES } from './put';
import type { Component, DirectoSettings } from './settings';
import { type DirectoRecord, formatTs } from './state';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const CONTAINERS: Readonly<Record<Component, string>> = {
	customer: 'customers',
	contact: 'contacts',
};

const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	'\n': '&#10;',
	'\r': '&#13;',
	'\t': '&#9;',
};

/** Escapes an attribute value; line breaks become references so readers keep them (XML 1.0 §3.3.3). */
export function escapeAttribute(value: string): string {
	return value.replace(/[&<>"\n\r\t]/g, (character) => ATTRIBUTE_ESCAPES[character]);
}

function xmlHead(settings: DirectoSettings): string {
	return settings.xmlDeclaration ? `${DECLARATION}\n` : '';
}

/**
 * `<customer code=".." …attributes ts="..">` with its `<datafields>` (directo.md §4.2). A customer
 * read shows the attributes of `ws_kliendid.xsd` only, unless `showInputOnly` says otherwise.
 */
export function renderRecord(record: DirectoRecord, showInputOnly = false): string {
	const hidden = record.kind === 'customer' && !showInputOnly ? INPUT_ONLY_ATTRIBUTES : undefined;
	let xml = `<${record.kind} code="${escapeAttribute(record.code)}"`;
	for (const [name, value] of Object.entries(record.attributes)) {
		if (hidden?.has(name)) continue;
		xml += ` ${name}="${escapeAttribute(value)}"`;
	}
	xml += ` ts="${formatTs(record.ts)}"`;
	if (record.datafields.length === 0) return `${xml}/>`;
	xml += '><datafields>';
	for (const field of record.datafields) {
		xml += `<data code="${escapeAttribute(field.code)}" content="${escapeAttribute(field.content)}" param="${escapeAttribute(field.param)}"/>`;
	}
	return `${xml}</datafields></${record.kind}>`;
}

/**
 * The answer to a `get`, written while it is sent: records are rendered one at a time and handed
 * over in chunks of `settings.chunkBytes`, so memory stays flat whatever the number of records.
 * `onEnd` receives the number of records written.
 */
export async function* streamRecords(
	kind: Component,
	records: Iterable<DirectoRecord>,
	settings: DirectoSettings,
	onEnd: (count: number) => void,
): AsyncGenerator<Uint8Array> {
	const container = settings.recordContainer ? CONTAINERS[kind] : undefined;
	let buffer = `${xmlHead(settings)}<transport>`;
	let count = 0;
	for (const record of records) {
		if (count === 0 && container) buffer += `<${container}>`;
		buffer += renderRecord(record, settings.customerReadShowsInputOnly);
		count++;
		if (buffer.length >= settings.chunkBytes) {
			yield Buffer.from(buffer, 'utf8');
			buffer = '';
		}
	}
	if (count > 0 && container) buffer += `</${container}>`;
	buffer += '</transport>';
	onEnd(count);
	yield Buffer.from(buffer, 'utf8');
}

/** A short answer as the reference quotes them: errors and write results come without a declaration. */
export function xmlAnswer(body: string, status = 200): SandboxResponse {
	return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}

/** `<result type=".." desc=".."/>`, the error shape of a wrong key or URL (§2, §7). */
export function resultError(
	settings: DirectoSettings,
	type: string,
	desc: string,
): SandboxResponse {
	return xmlAnswer(
		`<result type="${type}" desc="${escapeAttribute(desc)}"/>`,
		settings.errorStatus,
	);
}

/** `<err>text</err>`, e.g. for a missing token (§2). */
export function errError(settings: DirectoSettings, text: string): SandboxResponse {
	return xmlAnswer(`<err>${escapeAttribute(text)}</err>`, settings.errorStatus);
}

/** What IIS answers for a path that has no interface behind it. */
export function iisNotFound(): SandboxResponse {
	return {
		status: 404,
		headers: { 'content-type': 'text/html' },
		body: '<!DOCTYPE html><html><head><title>404 - File or directory not found.</title></head><body><h2>404 - File or directory not found.</h2></body></html>',
	};
}

/** `<results><Result Type=".." Desc=".." …/></results>` of a `put` (§6). */
export function renderResults(results: ReadonlyArray<Readonly<Record<string, string>>>): string {
	let xml = '<results>';
	for (const result of results) {
		xml += '<Result';
		for (const [name, value] of Object.entries(result))
			xml += ` ${name}="${escapeAttribute(value)}"`;
		xml += '/>';
	}
	return `${xml}</results>`;
}
