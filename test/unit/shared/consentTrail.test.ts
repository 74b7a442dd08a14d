import { consentTrailOf, formatConsentTrail } from '../../../nodes/shared/consentTrail';
import { readConsentOrigin } from '../../../nodes/shared/contactItem';

// 1 March 2024, 00:00 in Berlin, which is still 29 February in UTC
const MARCH_1_BERLIN = Date.UTC(2024, 1, 29, 23);

describe('consentTrailOf', () => {
	it('takes the origin, status and date of an item consent', () => {
		expect(
			consentTrailOf({ status: 'optIn', at: MARCH_1_BERLIN, origin: { system: 'KUFER', record: 'address 4711' } }),
		).toEqual({ system: 'KUFER', record: 'address 4711', status: 'optIn', at: MARCH_1_BERLIN });
	});

	it.each([
		['no consent', undefined],
		['a consent without status, date or origin', {}],
	])('is undefined for %s', (_name, consent) => {
		expect(consentTrailOf(consent)).toBeUndefined();
	});
});

describe('readConsentOrigin', () => {
	it.each([
		['a system and a record', { system: 'Webform', record: 'entry 12' }, { system: 'Webform', record: 'entry 12' }],
		['a numeric record', { system: 'Shop', record: 4711 }, { system: 'Shop', record: '4711' }],
		['line breaks in a hand-built value', { system: 'Web\nform', record: ' 12\t' }, { system: 'Web form', record: '12' }],
		['an empty record', { system: 'Shop', record: ' ' }, undefined],
		['a missing system', { record: '1' }, undefined],
		['a string', 'KUFER 4711', undefined],
	])('reads %s', (_name, value, expected) => {
		expect(readConsentOrigin(value)).toEqual(expected);
	});
});

describe('formatConsentTrail', () => {
	const trail = { system: 'KUFER', record: 'address 4711', status: 'optIn' as const, at: MARCH_1_BERLIN };

	it('writes origin, status and the day in the given time zone on one line', () => {
		expect(formatConsentTrail(trail, { maxLength: 255, timeZone: 'Europe/Berlin' })).toBe(
			'KUFER address 4711 · opt-in · 2024-03-01',
		);
	});

	it('writes the day in UTC by default', () => {
		expect(formatConsentTrail(trail, { maxLength: 255 })).toBe('KUFER address 4711 · opt-in · 2024-02-29');
	});

	it('refuses a time zone Intl does not know', () => {
		expect(() => formatConsentTrail(trail, { maxLength: 255, timeZone: 'Mars/Olympus' })).toThrow(
			'Expected `timeZone` to be an IANA time zone, got "Mars/Olympus".',
		);
	});

	it.each([
		['without a date', { system: 'Billomat', record: 'client 12', status: 'relationship' as const }, 'Billomat client 12 · customer relationship'],
		['without an origin', { status: 'optIn' as const }, 'opt-in'],
		['with only an origin', { system: 'Shop', record: '7' }, 'Shop 7'],
	])('leaves out what is unknown: %s', (_name, partial, text) => {
		expect(formatConsentTrail(partial, { maxLength: 255 })).toBe(text);
	});

	it('shortens a long origin to fit the field, keeping status and date', () => {
		const text = formatConsentTrail({ ...trail, record: 'x'.repeat(300) }, { maxLength: 255, timeZone: 'Europe/Berlin' });

		expect(text).toHaveLength(255);
		expect(text.endsWith('… · opt-in · 2024-03-01')).toBe(true);
	});

	it('refuses a limit too short for a status and a date', () => {
		expect(() => formatConsentTrail(trail, { maxLength: 20 })).toThrow(
			'Expected `maxLength` to be an integer of at least 40, got 20.',
		);
	});
});
