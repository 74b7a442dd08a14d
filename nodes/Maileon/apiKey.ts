/** The credential's "Key Format": how the API Key field is read. */
export type KeyFormat = 'detect' | 'raw' | 'base64';

export const KEY_FORMATS: readonly KeyFormat[] = ['detect', 'raw', 'base64'];

/** What was made of the API Key field, and so what goes into `Authorization: Basic …`. */
export interface ApiKeyReading {
	/** The value after `Basic `: always base64. */
	readonly token: string;
	/** Whether the key was taken as the key itself (and encoded) or as its base64 form (and sent unchanged). */
	readonly form: 'raw' | 'base64';
	/** Whether `form` was detected rather than set in Key Format. */
	readonly detected: boolean;
	/** Whether an `Authorization:` or `Basic` in front of the key was dropped. */
	readonly hadHeaderPrefix: boolean;
}

const HEADER_PREFIX = /^(?:authorization\s*:\s*)?basic\s+|^authorization\s*:\s*/i;
const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;
// maileon.md §2: 12–265 characters, letters, digits and special characters
const KEY_TEXT = /^[\x21-\x7e]{12,265}$/;

/**
 * The padded value when `value` is the standard base64 form of something that looks like a Maileon
 * key, else undefined. Real keys are UUIDs, whose hyphens base64 does not use, so a key itself never
 * passes; a base64 value decodes to printable text of a key's length. The padding may be missing
 * (a double click in the browser does not select the trailing "=").
 */
function readBase64Key(value: string): string | undefined {
	if (!BASE64_TEXT.test(value)) return undefined;
	const bare = value.replace(/=+$/, '');
	const padded = bare.padEnd(Math.ceil(bare.length / 4) * 4, '=');
	const bytes = Buffer.from(padded, 'base64');
	if (bytes.toString('base64') !== padded) return undefined;
	return KEY_TEXT.test(bytes.toString('utf8')) ? padded : undefined;
}

function encodeBase64(text: string): string {
	return Buffer.from(text, 'utf8').toString('base64');
}

/**
 * Reads the API Key field as entered: the key Maileon shows, its base64 form (what Maileon shows after
 * `Authorization: Basic`), or that whole header value pasted, with whitespace around. Maileon wants
 * `Basic base64(key)` (maileon.md §2); a base64 value encoded again would be refused with a bare 401.
 */
export function readApiKey(entered: string, format: KeyFormat = 'detect'): ApiKeyReading {
	const trimmed = entered.trim();
	const value = trimmed.replace(HEADER_PREFIX, '').trim();
	const hadHeaderPrefix = value !== trimmed;
	if (format === 'raw') return { token: encodeBase64(value), form: 'raw', detected: false, hadHeaderPrefix };
	if (format === 'base64') return { token: value, form: 'base64', detected: false, hadHeaderPrefix };
	const base64 = readBase64Key(value);
	return {
		token: base64 ?? encodeBase64(value),
		form: base64 === undefined ? 'raw' : 'base64',
		detected: true,
		hadHeaderPrefix,
	};
}

/** The Key Format of a credential; an unknown or missing value means "detect". */
export function toKeyFormat(value: unknown): KeyFormat {
	return KEY_FORMATS.find((format) => format === value) ?? 'detect';
}

/** One or two sentences for an error message: which form the key was taken for and what was sent. */
export function describeKeyReading(reading: ApiKeyReading): string {
	const prefix = reading.hadHeaderPrefix ? 'The "Authorization: Basic" in front of the key was dropped. ' : '';
	if (!reading.detected) {
		return reading.form === 'raw'
			? `${prefix}Key Format is Raw Key, so the key was base64-encoded before sending.`
			: `${prefix}Key Format is Already Base64, so the key was sent unchanged.`;
	}
	return reading.form === 'raw'
		? `${prefix}The key looked like a plain Maileon key (not base64), so it was base64-encoded before sending.`
		: `${prefix}The key looked like a base64 value (as Maileon shows it after "Authorization: Basic"), so it was sent unchanged.`;
}
