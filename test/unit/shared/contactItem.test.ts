import { readConsent } from '../../../nodes/shared/contactItem';

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
