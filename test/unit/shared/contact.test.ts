import { buildContact, findEmailProblem, genderFromSalutation, isValidEmail, normaliseEmail, splitEmails } from '../../../nodes/shared/contact';
import type { ContactInput, ContactOptions } from '../../../nodes/shared/contact';

function input(overrides: Partial<ContactInput> = {}): ContactInput {
	return { email: 'Max.Muster@Example.de', ...overrides };
}

function buildOk(record: ContactInput, options?: ContactOptions) {
	const result = buildContact(record, options);
	if (!result.ok) throw new Error(`expected a contact, got ${result.reason}: ${result.detail}`);
	return result.contact;
}

describe('normaliseEmail', () => {
	it('trims the address and keeps its casing', () => {
		expect(normaliseEmail('  Max.Muster@Example.de \n')).toEqual({
			email: 'Max.Muster@Example.de',
			key: 'max.muster@example.de',
		});
	});

	it('lower-cases non-ASCII letters in the key', () => {
		expect(normaliseEmail('JÜRGEN@MÜLLER.DE')?.key).toBe('jürgen@müller.de');
	});

	it.each([
		['the Unicode domain', 'info@müller.de'],
		['the punycode domain', 'info@xn--mller-kva.de'],
		['the upper-case Unicode domain', 'INFO@MÜLLER.DE'],
		['the decomposed domain', 'info@mu\u0308ller.de'],
		['a zero-width space after the address', 'info@müller.de\u200b'],
		['the upper-case punycode domain', 'INFO@XN--MLLER-KVA.DE'],
	])('gives %s one key with the domain in Unicode', (_, raw) => {
		expect(normaliseEmail(raw)?.key).toBe('info@müller.de');
	});

	it.each([
		['a zero-width space', 'anna@example.de\u200b', 'anna@example.de'],
		['a soft hyphen', 'an\u00adna@example.de', 'anna@example.de'],
		['a byte order mark', '\ufeffAnna@Example.de', 'Anna@Example.de'],
	])('removes %s from the spelling and the key', (_, raw, email) => {
		expect(normaliseEmail(raw)).toEqual({ email, key: email.toLowerCase() });
	});

	it('keeps the original spelling beside the normalised key', () => {
		expect(normaliseEmail(' Info@Müller.de ')).toEqual({
			email: 'Info@Müller.de',
			key: 'info@müller.de',
		});
	});

	it('gives a decomposed and a composed umlaut the same key', () => {
		expect(normaliseEmail('ju\u0308rgen@example.de')?.key).toBe(
			normaliseEmail('j\u00fcrgen@example.de')?.key,
		);
	});

	it('strips a byte order mark and non-breaking spaces around the address', () => {
		expect(normaliseEmail('\ufeff\u00a0max@example.de\u00a0')?.email).toBe('max@example.de');
	});

	it.each([
		['an empty string', ''],
		['only spaces and line breaks', ' \r\n\t '],
		['a number', 42],
		['null', null],
		['undefined', undefined],
		['an object', { email: 'max@example.de' }],
	])('returns undefined for %s', (_, raw) => {
		expect(normaliseEmail(raw)).toBeUndefined();
	});
});

describe('isValidEmail', () => {
	it.each([
		['a plain address', 'max@example.de'],
		['plus addressing', 'max+news@example.de'],
		['several subdomains', 'max@mail.example.co.uk'],
		['a hyphen in the domain', 'max@my-domain.de'],
		['digits in the domain', 'max@123mail.de'],
		['German umlauts (EAI)', 'jürgen@müller.de'],
		['Cyrillic letters', 'пользователь@пример.рф'],
		['Chinese characters', '用户@例子.广告'],
		['a punycode top-level domain', 'max@example.xn--p1ai'],
		['a local part of exactly 64 characters', `${'a'.repeat(64)}@example.de`],
		['16 characters outside the BMP (64 bytes) before the @', `${'𠀀'.repeat(16)}@example.de`],
		['every special character RFC 5322 allows', "o'brien!#$%&*+/=?^_`{|}~-@example.de"],
	])('accepts %s', (_, key) => {
		expect(isValidEmail(key)).toBe(true);
	});

	it('rejects an address that findEmailProblem objects to', () => {
		expect(isValidEmail('max@@example.de')).toBe(false);
	});
});

describe('findEmailProblem', () => {
	it('finds nothing wrong with a valid address', () => {
		expect(findEmailProblem('max@example.de')).toBeUndefined();
	});

	it.each([
		['an empty value', '', 'is empty'],
		['a space', 'max muster@example.de', 'contains spaces or control characters'],
		['a NUL byte', 'max\u0000@example.de', 'contains spaces or control characters'],
		['a tab', 'max@exa\tmple.de', 'contains spaces or control characters'],
		['a line break', 'max@example.de\nbcc@evil.de', 'contains spaces or control characters'],
		['a non-breaking space', 'max\u00a0m@example.de', 'contains spaces or control characters'],
		['a zero-width space', 'max\u200b@example.de', 'contains spaces or control characters'],
		['no @', 'max.example.de', 'has no @'],
		['two @ in a row', 'max@@example.de', 'has more than one @'],
		['several @', 'a@b@c.example.de', 'has more than one @'],
		['nothing before the @', '@example.de', 'has nothing before the @'],
		['nothing after the @', 'max@', 'has nothing after the @'],
		['an = at the start', '=max@example.de', 'starts with ='],
		['consecutive dots before the @', 'max..muster@example.de', 'contains consecutive dots'],
		['consecutive dots in the domain', 'max@example..de', 'contains consecutive dots'],
		['a leading dot', '.max@example.de', 'starts or ends with a dot before the @'],
		['a dot right before the @', 'max.@example.de', 'starts or ends with a dot before the @'],
		['a comma', 'max,muster@example.de', 'has characters that are not allowed before the @'],
		['a quoted local part', '"max"@example.de', 'has characters that are not allowed before the @'],
		['no top-level domain', 'max@localhost', 'has no top-level domain'],
		['a trailing dot', 'max@example.de.', 'has an invalid domain'],
		['a label starting with a hyphen', 'max@-example.de', 'has an invalid domain'],
		['an underscore in the domain', 'max@ex_ample.de', 'has an invalid domain'],
		['an IP literal', 'max@[192.168.0.1]', 'has an invalid domain'],
		['a domain label of 64 characters', `max@${'a'.repeat(64)}.de`, 'has an invalid domain'],
		['a one-letter top-level domain', 'max@example.d', 'has an invalid top-level domain'],
		['a numeric top-level domain', 'max@192.168.0.1', 'has an invalid top-level domain'],
		[
			'a local part of 65 characters',
			`${'a'.repeat(65)}@example.de`,
			'has more than 64 characters before the @',
		],
		[
			'a local part of 33 umlauts (66 bytes in UTF-8)',
			`${'ü'.repeat(33)}@example.de`,
			'has more than 64 characters before the @',
		],
		[
			'17 characters outside the BMP (68 bytes) before the @',
			`${'𠀀'.repeat(17)}@example.de`,
			'has more than 64 characters before the @',
		],
		[
			'more than 254 characters',
			`${'a'.repeat(64)}@${`${'b'.repeat(60)}.`.repeat(4)}de`,
			'is longer than 254 characters',
		],
		[
			'fewer than 254 characters but more than 254 bytes',
			`max@${`${'ü'.repeat(60)}.`.repeat(3)}de`,
			'is longer than 254 bytes',
		],
		['a 10 KB value', `${'a'.repeat(10_240)}@example.de`, 'is longer than 254 characters'],
	])('rejects %s', (_, key, problem) => {
		expect(findEmailProblem(key)).toBe(problem);
	});
});

describe('splitEmails', () => {
	it.each([
		['semicolons', 'a@x.de;b@y.de'],
		['commas', 'a@x.de,b@y.de'],
		['a semicolon and a space', 'a@x.de; b@y.de'],
		['line feeds', 'a@x.de\nb@y.de'],
		['CRLF line breaks', 'a@x.de\r\nb@y.de'],
		['tabs and several spaces', 'a@x.de \t  b@y.de'],
	])('splits addresses separated by %s', (_, field) => {
		expect(splitEmails(field)).toEqual(['a@x.de', 'b@y.de']);
	});

	it('drops empty entries between and around separators', () => {
		expect(splitEmails(' ;a@x.de;;, ,\n b@y.de; ')).toEqual(['a@x.de', 'b@y.de']);
	});

	it('keeps a single address as one entry, casing untouched', () => {
		expect(splitEmails(' Max@Example.de ')).toEqual(['Max@Example.de']);
	});

	it.each([
		['a space inside the local part', 'leer zeichen@example.org', ['leer zeichen@example.org']],
		['a name before the address', 'Anna anna@x.de; b@y.de', ['Anna anna@x.de', 'b@y.de']],
	])('keeps words with %s together, so the address fails validation instead of losing a part', (_, field, expected) => {
		expect(splitEmails(field)).toEqual(expected);
	});

	it.each([
		['an empty field', ''],
		['a field of separators only', ' ; , \n'],
	])('returns no addresses for %s', (_, field) => {
		expect(splitEmails(field)).toEqual([]);
	});
});

describe('genderFromSalutation', () => {
	it.each([
		['Herr', 'm'],
		['herr', 'm'],
		['HERR', 'm'],
		['Herrn', 'm'],
		['Hr.', 'm'],
		['Hr', 'm'],
		['Mr', 'm'],
		['Mr.', 'm'],
		['Monsieur', 'm'],
		['härra', 'm'],
		['m', 'm'],
		['M', 'm'],
		['male', 'm'],
		['männlich', 'm'],
		['MÄNNLICH', 'm'],
		[' Herr \n', 'm'],
		['Frau', 'f'],
		['Fr.', 'f'],
		['Mrs', 'f'],
		['Mrs.', 'f'],
		['Ms', 'f'],
		['Miss', 'f'],
		['Madame', 'f'],
		['proua', 'f'],
		['w', 'f'],
		['W', 'f'],
		['f', 'f'],
		['female', 'f'],
		['weiblich', 'f'],
		['Divers', 'd'],
		['diverse', 'd'],
		['d', 'd'],
		['Firma', 'unknown'],
		['Familie', 'unknown'],
		['Herr und Frau', 'unknown'],
		['Dr.', 'unknown'],
		['x', 'unknown'],
		['', 'unknown'],
		['.', 'unknown'],
	])('maps "%s" to %s', (salutation, gender) => {
		expect(genderFromSalutation(salutation)).toBe(gender);
	});

	it.each([
		['null', null],
		['undefined', undefined],
		['a number', 1],
		['an object', { salutation: 'Herr' }],
	])('maps %s to unknown', (_, value) => {
		expect(genderFromSalutation(value)).toBe('unknown');
	});

	it('maps a decomposed umlaut like a composed one', () => {
		expect(genderFromSalutation('ma\u0308nnlich')).toBe('m');
	});

	it('maps "Divers" to unknown when allowDiverse is false', () => {
		expect(genderFromSalutation('Divers', { allowDiverse: false })).toBe('unknown');
	});
});

describe('buildContact', () => {
	it('returns a contact with the trimmed email and its lower-cased key', () => {
		expect(buildContact(input({ email: ' Max.Muster@Example.de ' }))).toEqual({
			ok: true,
			contact: {
				email: 'Max.Muster@Example.de',
				key: 'max.muster@example.de',
				gender: 'unknown',
				fields: {},
				tags: [],
			},
		});
	});

	it('trims names and leaves out empty ones', () => {
		expect(buildOk(input({ firstName: ' Max ', lastName: '', title: '   ' }))).toStrictEqual({
			email: 'Max.Muster@Example.de',
			key: 'max.muster@example.de',
			firstName: 'Max',
			gender: 'unknown',
			fields: {},
			tags: [],
		});
	});

	it('turns a numeric external id into text', () => {
		expect(buildOk(input({ externalId: 4711 })).externalId).toBe('4711');
	});

	it('keeps the salutation text and derives the gender from it', () => {
		const contact = buildOk(input({ salutation: 'Frau' }));
		expect([contact.salutation, contact.gender]).toEqual(['Frau', 'f']);
	});

	it('prefers an explicit gender over the salutation', () => {
		expect(buildOk(input({ gender: 'm', salutation: 'Frau' })).gender).toBe('m');
	});

	it('leaves the gender unknown for the salutation "Firma"', () => {
		expect(buildOk(input({ salutation: 'Firma' })).gender).toBe('unknown');
	});

	it('keeps the gender "unknown" of a source that decided on no gender, whatever the salutation', () => {
		const options = { rejectUnknownGender: true };
		expect(buildOk(input({ gender: 'unknown', salutation: 'Herr' }), options).gender).toBe(
			'unknown',
		);
	});

	it.each([
		['a NUL in the first name', { firstName: 'An\u0000na' }, 'firstName'],
		['a bell in the last name', { lastName: 'Mei\u0007er' }, 'lastName'],
		['a line break in the last name', { lastName: 'Mei\ner' }, 'lastName'],
		['a NUL in a custom field', { fields: { Ort: 'Bo\u0000nn' } }, 'Ort'],
	])('rejects %s', (_, fields, name) => {
		expect(buildContact(input(fields))).toEqual({
			ok: false,
			reason: 'controlCharacter',
			detail: `The field "${name}" contains a control character`,
			email: 'Max.Muster@Example.de',
		});
	});

	it('keeps a line break in a custom field', () => {
		expect(buildOk(input({ fields: { Notiz: 'a\nb' } })).fields.Notiz).toBe('a\nb');
	});

	it('drops an unrecognised gender by default', () => {
		expect(buildOk(input({ gender: 'x' })).gender).toBe('unknown');
	});

	it('maps a diverse gender to unknown when allowDiverse is false', () => {
		expect(buildOk(input({ gender: 'd' }), { allowDiverse: false }).gender).toBe('unknown');
	});

	it('rejects an unrecognised gender when rejectUnknownGender is set', () => {
		expect(buildContact(input({ gender: 'x' }), { rejectUnknownGender: true })).toEqual({
			ok: false,
			reason: 'invalidGender',
			detail: 'The gender "x" is not recognised',
			email: 'Max.Muster@Example.de',
		});
	});

	it.each([
		['no email', undefined],
		['an empty email', ''],
		['an email of spaces', '   '],
		['a null email', null],
		['a numeric email', 42],
	])('reports a record with %s as missingEmail', (_, email) => {
		expect(buildContact(input({ email }))).toEqual({
			ok: false,
			reason: 'missingEmail',
			detail: 'The record has no email address',
		});
	});

	it('reports an invalid email with the problem in the detail', () => {
		expect(buildContact(input({ email: ' max@@example.de ' }))).toEqual({
			ok: false,
			reason: 'invalidEmail',
			detail: 'The email address "max@@example.de" has more than one @',
			email: 'max@@example.de',
		});
	});

	it('shortens a 10 KB email to 80 characters in the detail', () => {
		const result = buildContact(input({ email: `${'a'.repeat(10_240)}@example.de` }));
		expect(result).toEqual({
			ok: false,
			reason: 'invalidEmail',
			detail: `The email address "${'a'.repeat(80)}…" is longer than 254 characters`,
			email: `${'a'.repeat(80)}…`,
		});
	});

	it('shows a NUL byte in the detail as an escape', () => {
		const result = buildContact(input({ email: 'max\u0000@example.de' }));
		expect(result.ok ? undefined : result.detail).toBe(
			'The email address "max\\u0000@example.de" contains spaces or control characters',
		);
	});

	it('keeps custom fields as trimmed text and drops empty or structured values', () => {
		const fields = {
			course: ' 123 ',
			empty: '',
			count: 5,
			member: true,
			none: null,
			nested: { a: 1 },
		};
		expect(buildOk(input({ fields })).fields).toEqual({
			course: '123',
			count: '5',
			member: 'true',
		});
	});

	it('ignores a custom field named __proto__', () => {
		const fields: unknown = JSON.parse('{"__proto__": "x", "course": "123"}');
		const contact = buildOk(input({ fields }));
		expect([Object.getPrototypeOf(contact.fields), contact.fields]).toEqual([
			Object.prototype,
			{ course: '123' },
		]);
	});

	it('reads tags from a list, trimmed and without repeats', () => {
		expect(buildOk(input({ tags: ['vip', ' news ', 'vip', '', 7] })).tags).toEqual([
			'vip',
			'news',
			'7',
		]);
	});

	it('reads tags from a text separated by commas, semicolons or line breaks', () => {
		expect(buildOk(input({ tags: 'vip, news;\nteachers' })).tags).toEqual([
			'vip',
			'news',
			'teachers',
		]);
	});

	it('reports an empty required field as missingRequired', () => {
		expect(buildContact(input({ lastName: ' ' }), { required: ['lastName'] })).toEqual({
			ok: false,
			reason: 'missingRequired',
			detail: 'The required field "lastName" is empty',
			email: 'Max.Muster@Example.de',
		});
	});

	it.each([
		[
			'a name',
			{ firstName: 'Maximilian' },
			'The field "firstName" is longer than 5 characters (10)',
		],
		[
			'a custom field',
			{ fields: { course: 'A-123456' } },
			'The field "course" is longer than 5 characters (8)',
		],
		['a tag', { tags: ['teachers'] }, 'The field "tags" is longer than 5 characters (8)'],
	])('reports %s longer than maxFieldLength as fieldTooLong', (_, overrides, detail) => {
		const result = buildContact(input(overrides), { maxFieldLength: 5 });
		expect(result.ok ? undefined : [result.reason, result.detail]).toEqual([
			'fieldTooLong',
			detail,
		]);
	});

	it('accepts a value exactly maxFieldLength long', () => {
		expect(buildContact(input({ lastName: 'Meier' }), { maxFieldLength: 5 }).ok).toBe(true);
	});

	it.each([
		[{ maxFieldLength: 0 }, 'Expected `maxFieldLength` to be a positive integer, got 0.'],
		[{ maxFieldLength: 1.5 }, 'Expected `maxFieldLength` to be a positive integer, got 1.5.'],
		[{ maxFieldLength: '255' }, 'Expected `maxFieldLength` to be a positive integer, got "255".'],
		[{ required: 'lastName' }, 'Expected `required` to be an array, got "lastName".'],
		[
			{ required: ['email'] },
			'Expected `required` to list only externalId, salutation, title, firstName, lastName, organization, got "email".',
		],
		[{ allowDiverse: 'yes' }, 'Expected `allowDiverse` to be a boolean, got "yes".'],
		[{ rejectUnknownGender: 1 }, 'Expected `rejectUnknownGender` to be a boolean, got 1.'],
	])('throws for the options %j', (options, message) => {
		expect(() => buildContact(input(), options as unknown as ContactOptions)).toThrow(message);
	});
});
