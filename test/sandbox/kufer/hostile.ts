/**
 * Broken and hostile "exports" (kufer.md §3.2, §6): each must end in a clear error with bounded
 * memory, never in an expansion, a file read or a crash.
 */
import { encodeFixture } from './encoding';
import { renderExportText, renderRecord, streamExport } from './render';
import { generateRecords, type KuferFixtureRecord } from './records';

const ENCODER = new TextEncoder();

function utf8(text: string): Uint8Array {
	return ENCODER.encode(text);
}

/** The classic entity-expansion bomb: ten levels of ten references, a billion "lol"s if expanded. */
export function billionLaughs(): Uint8Array {
	const entities = ['<!ENTITY lol "lol">'];
	for (let level = 1; level <= 9; level++) {
		const previous = level === 1 ? 'lol' : `lol${level - 1}`;
		entities.push(`<!ENTITY lol${level} "${`&${previous};`.repeat(10)}">`);
	}
	return utf8(
		`<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE adressen [\n${entities.join('\n')}\n]>\n<adressen><adresse><name>&lol9;</name><email>a@example.org</email></adresse></adressen>\n`,
	);
}

/** An external entity that would read a local file into the e-mail field (XXE). */
export function externalEntity(): Uint8Array {
	return utf8(
		'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE adressen [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<adressen><adresse><email>&xxe;</email><newsletter>J</newsletter></adresse></adressen>\n',
	);
}

/** A plain DOCTYPE that points to an external DTD. */
export function doctype(): Uint8Array {
	return utf8(
		'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE adressen SYSTEM "http://127.0.0.1:9/adressen.dtd">\n<adressen><adresse><email>a@example.org</email></adresse></adressen>\n',
	);
}

/** An ENTITY declaration smuggled in after the root started (no DOCTYPE). */
export function entityInBody(): Uint8Array {
	return utf8(
		'<adressen><!ENTITY x "y"><adresse><email>a@example.org</email></adresse></adressen>',
	);
}

/** An export cut off inside the record at `cutRecord` (1-based), as after an interrupted copy. */
export function truncated(
	records: readonly KuferFixtureRecord[] = generateRecords({ count: 5 }),
	cutRecord = 3,
): Uint8Array {
	const text = renderExportText(records);
	let offset = 0;
	for (let index = 0; index < cutRecord; index++) offset = text.indexOf('<adresse>', offset + 1);
	return encodeFixture(text.slice(0, offset + 40), 'windows-1252');
}

/** Tags that do not match. */
export function malformed(): Uint8Array {
	return utf8('<adressen><adresse><email>a@example.org</mail></adresse></adressen>');
}

/** Elements nested `depth` levels below the record. */
export function deepNesting(depth = 1000): Uint8Array {
	return utf8(
		`<adressen><adresse>${'<x>'.repeat(depth)}${'</x>'.repeat(depth)}</adresse></adressen>`,
	);
}

/** One record with a field of `bytes` characters (a record far beyond any real address). */
export function hugeRecord(bytes = 2 * 1024 * 1024): Uint8Array {
	const record = renderRecord({
		kind: 'optIn',
		adrnr: '1',
		email: 'gross@example.org',
		newsletter: 'J',
		extra: { bemerkung: 'x'.repeat(bytes) },
	});
	return utf8(`<adressen>\n${record}</adressen>\n`);
}

/** A valid export of about `megabytes` MB, streamed, for the file-size limit. */
export function hugeFile(megabytes: number): AsyncGenerator<Uint8Array, void, undefined> {
	// a default record renders to about 420 bytes
	const count = Math.ceil((megabytes * 1024 * 1024) / 420);
	return streamExport({ count, seed: 7, recordsPerChunk: 500 });
}

/** A declaration naming an encoding KUFER never writes. */
export function unsupportedEncoding(): Uint8Array {
	return utf8(
		'<?xml version="1.0" encoding="Shift_JIS"?><adressen><adresse><email>a@example.org</email></adresse></adressen>',
	);
}

/** Bytes that are not XML at all (e.g. a zipped export handed over by mistake). */
export function notXml(): Uint8Array {
	return new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]);
}
