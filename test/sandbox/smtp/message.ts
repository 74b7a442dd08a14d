/** What a test wants to read from a received message. */
export interface ParsedMessage {
	/** Header values by lower-case name (the last one wins), unfolded; encoded words are not decoded. */
	readonly headers: Readonly<Record<string, string>>;
	/** The decoded `Subject`. */
	readonly subject: string;
	/** The decoded plain-text body (the `text/plain` part of a multipart message), CRLF turned into LF. */
	readonly text: string;
}

interface Part {
	headers: Record<string, string>;
	body: string;
}

function splitPart(raw: string): Part {
	const normalised = raw.replace(/\r\n/g, '\n');
	const blank = normalised.indexOf('\n\n');
	const head = blank === -1 ? normalised : normalised.slice(0, blank);
	const body = blank === -1 ? '' : normalised.slice(blank + 2);
	const headers: Record<string, string> = {};
	// continuation lines start with white space (RFC 5322 §2.2.3)
	for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return { headers, body };
}

function decodeQuotedPrintable(text: string): Buffer {
	const chunks: Buffer[] = [];
	// a soft line break (= at the end of a line) joins lines; =XX is one byte; anything else is itself
	for (const match of text.replace(/=\n/g, '').matchAll(/=([0-9A-Fa-f]{2})|[^=]+|=/g)) {
		chunks.push(match[1] === undefined ? Buffer.from(match[0], 'utf8') : Buffer.from([parseInt(match[1], 16)]));
	}
	return Buffer.concat(chunks);
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`); white space between two words goes. */
export function decodeEncodedWords(value: string): string {
	return value
		.replace(/(\?=)\s+(=\?)/g, '$1$2')
		.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_word, _charset: string, encoding: string, text: string) =>
			encoding.toUpperCase() === 'B'
				? Buffer.from(text, 'base64').toString('utf8')
				: decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
		);
}

function decodeBody(part: Part): string {
	const encoding = (part.headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
	if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
	if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body).toString('utf8');
	return part.body;
}

function findTextPart(part: Part): Part | undefined {
	const type = part.headers['content-type'] ?? 'text/plain';
	if (/^text\/plain/i.test(type)) return part;
	const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
	if (!/^multipart\//i.test(type) || boundary === undefined) return undefined;
	for (const section of part.body.split(`--${boundary}`).slice(1)) {
		if (section.startsWith('--')) break;
		const found = findTextPart(splitPart(section.replace(/^\n/, '')));
		if (found) return found;
	}
	return undefined;
}

/** Reads headers, subject and plain text of a MIME message as nodemailer writes it. */
export function parseMessage(raw: string): ParsedMessage {
	const message = splitPart(raw);
	const textPart = findTextPart(message);
	return {
		headers: message.headers,
		subject: decodeEncodedWords(message.headers.subject ?? ''),
		text: textPart ? decodeBody(textPart).replace(/\n$/, '') : '',
	};
}
