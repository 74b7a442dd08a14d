import { readConsent, readConsentOrigin } from '../../../nodes/shared/contactItem';

describe('readConsent', () => {
	it('takes a well-formed decision as it is, without a copy per item', () => {
		const consent = { action: 'send', reason: 'opt-in', status: 'optIn', at: 1_700_000_000_000, origin: { system: 'KUFER', record: 'address 7' } };

		expect(readConsent({ consent })).toBe(consent);
	});

	it('copies a decision whose parts need cleaning, keeping only what is well-formed', () => {
		const consent = { action: 'skip', reason: 7, status: 'none', at: '2024-01-01', origin: { system: 'KUFER', record: ' address\n7 ' } };

		const read = readConsent({ consent });

		expect(read).not.toBe(consent);
		expect(read).toEqual({ action: 'skip', reason: '', status: 'none', origin: { system: 'KUFER', record: 'address 7' } });
		expect(consent.origin.record).toBe(' address\n7 ');
	});

	it('reads no decision from an item without a known action', () => {
		expect(readConsent({ consent: { action: 'maybe', reason: '' } })).toBeUndefined();
		expect(readConsent({ consent: 'send' })).toBeUndefined();
		expect(readConsent({})).toBeUndefined();
	});
});

describe('readConsentOrigin', () => {
	it.each([
		['address 7', 'address 7'],
		['address  7', 'address 7'],
		[' address 7', 'address 7'],
		['address 7 ', 'address 7'],
		['address\t7', 'address 7'],
		['Adresse Nr. 7 (Köln)', 'Adresse Nr. 7 (Köln)'],
		['Adresse\u00a07', 'Adresse 7'],
		['   ', undefined],
		['', undefined],
	])('reads the record %j as %j', (record, expected) => {
		expect(readConsentOrigin({ system: 'KUFER', record })?.record).toBe(expected);
	});

	it('takes a clean origin as it is', () => {
		const origin = { system: 'KUFER', record: 'address 7' };

		expect(readConsentOrigin(origin)).toBe(origin);
	});
});
