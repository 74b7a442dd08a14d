import { describeKeyReading, readApiKey, toKeyFormat } from '../../../nodes/Maileon/apiKey';

// UUID-shaped like real keys (maileon.md §2); the second is the example of the KUFER guide, whose last group has 13 digits
const KEY = '3f6c2a9e-7b41-4d0c-9e58-1a2b3c4d5e6f';
const GUIDE_KEY = '2ba9e714-3006-5d28-afcb-87045f659307c';
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('readApiKey', () => {
	it.each([
		['a UUID key', KEY],
		['the key of the KUFER guide', GUIDE_KEY],
		['a UUID without hyphens', KEY.replace(/-/g, '')],
		['a key of letters, digits and special characters', 'Key_with.special!chars#42'],
		['a key whose length happens to be a multiple of four', 'abcdabcdabcdabcd'],
	])('takes %s for the key itself and encodes it', (_case, key) => {
		expect(readApiKey(key)).toEqual({ token: base64(key), form: 'raw', detected: true, hadHeaderPrefix: false });
	});

	it.each([
		['the base64 form of a UUID key', base64(KEY)],
		['the base64 form of the guide key', base64(GUIDE_KEY)],
		['the base64 form of a key with special characters', base64('Key_with.special!chars#42')],
	])('takes %s for the base64 form and sends it unchanged', (_case, value) => {
		expect(readApiKey(value)).toEqual({ token: value, form: 'base64', detected: true, hadHeaderPrefix: false });
	});

	it.each([
		['"Basic" and the base64 form', `Basic ${base64(KEY)}`],
		['the whole header line', `Authorization: Basic ${base64(KEY)}`],
		['the header line in other case without a space after the colon', `authorization:BASIC ${base64(KEY)}`],
		['the header line with whitespace and line breaks around', `\n  Authorization:  Basic \t${base64(KEY)}\r\n `],
	])('drops the header from %s', (_case, value) => {
		expect(readApiKey(value)).toEqual({ token: base64(KEY), form: 'base64', detected: true, hadHeaderPrefix: true });
	});

	it('adds the padding a base64 value lost when it was copied', () => {
		const padded = base64(GUIDE_KEY);
		expect(padded).toMatch(/==$/);

		expect(readApiKey(padded.replace(/=+$/, ''))).toMatchObject({ token: padded, form: 'base64' });
	});

	it('drops a "Basic" in front of the key itself and encodes the key', () => {
		expect(readApiKey(`Basic ${KEY}`)).toEqual({ token: base64(KEY), form: 'raw', detected: true, hadHeaderPrefix: true });
	});

	it('drops "Authorization: Basic" in front of any value', () => {
		expect(readApiKey('Authorization: Basic x').token).toBe(base64('x'));
	});

	it('trims whitespace and line breaks around the key', () => {
		expect(readApiKey(` \n${KEY}\t\r\n`)).toEqual({ token: base64(KEY), form: 'raw', detected: true, hadHeaderPrefix: false });
	});

	it.each([
		['decodes to text too short for a key', base64('short')],
		['decodes to bytes that are not text', Buffer.from([0, 1, 2, 3, 200, 201, 202, 203, 4, 5, 6, 7]).toString('base64')],
		['has a length no base64 value has', `${base64(KEY)}A`],
	])('encodes a value that %s', (_case, value) => {
		expect(readApiKey(value)).toMatchObject({ token: base64(value), form: 'raw' });
	});

	it('encodes a base64-looking value when Key Format is Raw Key', () => {
		expect(readApiKey(base64(KEY), 'raw')).toEqual({
			token: base64(base64(KEY)),
			form: 'raw',
			detected: false,
			hadHeaderPrefix: false,
		});
	});

	it('sends a value unchanged when Key Format is Already Base64, without the header in front', () => {
		expect(readApiKey(` Basic ${KEY} `, 'base64')).toEqual({ token: KEY, form: 'base64', detected: false, hadHeaderPrefix: true });
	});
});

describe('toKeyFormat', () => {
	it.each([
		['raw', 'raw'],
		['base64', 'base64'],
		['detect', 'detect'],
		[undefined, 'detect'],
		['something else', 'detect'],
	])('reads %p as %p', (value, format) => {
		expect(toKeyFormat(value)).toBe(format);
	});
});

describe('describeKeyReading', () => {
	it.each([
		[
			'a detected base64 value',
			base64(KEY),
			'detect',
			'The key looked like a base64 value (as Maileon shows it after "Authorization: Basic"), so it was sent unchanged.',
		],
		[
			'a detected key',
			KEY,
			'detect',
			'The key looked like a plain Maileon key (not base64), so it was base64-encoded before sending.',
		],
		[
			'a pasted header',
			`Authorization: Basic ${base64(KEY)}`,
			'detect',
			'The "Authorization: Basic" in front of the key was dropped. The key looked like a base64 value (as Maileon shows it after "Authorization: Basic"), so it was sent unchanged.',
		],
		['Raw Key', KEY, 'raw', 'Key Format is Raw Key, so the key was base64-encoded before sending.'],
		['Already Base64', base64(KEY), 'base64', 'Key Format is Already Base64, so the key was sent unchanged.'],
	] as const)('names the form of %s', (_case, value, format, sentence) => {
		expect(describeKeyReading(readApiKey(value, format))).toBe(sentence);
	});

	it('never repeats the key', () => {
		for (const value of [KEY, base64(KEY), `Basic ${base64(KEY)}`]) {
			const sentence = describeKeyReading(readApiKey(value));
			expect(sentence).not.toContain(KEY);
			expect(sentence).not.toContain(base64(KEY));
		}
	});
});
