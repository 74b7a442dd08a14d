import { decideConsent, mergeConsent } from '../../../nodes/shared/consent';
import type { ConsentDecision, ConsentInput, ConsentPolicy, ConsentStatus } from '../../../nodes/shared/consent';

// Statuses that break the union at runtime reach the core through mis-mapped source data.
function consent(status: unknown, extra: Partial<ConsentInput> = {}): ConsentInput {
	return { status: status as ConsentStatus, ...extra };
}

describe('decideConsent', () => {
	it.each<[string, ConsentInput, ConsentPolicy, ConsentDecision]>([
		['sends to a contact with an explicit opt-in', consent('optIn'), {}, { action: 'send', reason: 'explicit opt-in' }],
		['sends to a contact with a customer relationship by default', consent('relationship'), {}, { action: 'send', reason: 'customer relationship' }],
		['skips a customer relationship when allowRelationship is false', consent('relationship'), { allowRelationship: false }, { action: 'skip', reason: 'customer relationship is not accepted as consent' }],
		['unsubscribes a contact who opted out', consent('optOut'), {}, { action: 'unsubscribe', reason: 'opted out' }],
		['skips a contact without recorded consent', consent('none'), {}, { action: 'skip', reason: 'no consent recorded' }],
		['sends to a contact without recorded consent when allowNone is set', consent('none'), { allowNone: true }, { action: 'send', reason: 'no consent recorded, accepted by policy' }],
		['skips a contact whose consent status is unknown, naming the raw value', consent('unknown', { raw: 'X' }), {}, { action: 'skip', reason: 'unknown consent status "X"' }],
		['skips a contact whose consent status is unknown without a raw value', consent('unknown'), {}, { action: 'skip', reason: 'unknown consent status' }],
	])('%s', (_, input, policy, decision) => {
		expect(decideConsent(input, policy)).toEqual(decision);
	});

	it.each([
		['a misspelt status', 'optin', 'unknown consent status "optin"'],
		['an empty string', '', 'unknown consent status ""'],
		['a number', 1, 'unknown consent status "1"'],
		['null', null, 'unknown consent status'],
		['undefined', undefined, 'unknown consent status'],
	])('skips a status outside the union at runtime: %s', (_, status, reason) => {
		expect(decideConsent(consent(status), { allowNone: true })).toEqual({ action: 'skip', reason });
	});

	it('passes the time of the status on to the decision', () => {
		expect(decideConsent(consent('optOut', { at: 1_700_000_000_000 })).at).toBe(1_700_000_000_000);
	});

	it('leaves out a time that is not a finite number', () => {
		expect(decideConsent(consent('optIn', { at: Number.NaN }))).not.toHaveProperty('at');
	});

	it.each([
		[{ allowRelationship: 'yes' }, 'Expected `allowRelationship` to be a boolean, got "yes".'],
		[{ allowNone: 1 }, 'Expected `allowNone` to be a boolean, got 1.'],
	])('throws for the policy %j', (policy, message) => {
		expect(() => decideConsent(consent('optIn'), policy as unknown as ConsentPolicy)).toThrow(
			message,
		);
	});
});

describe('mergeConsent', () => {
	it.each([
		['optOut', 'optIn'],
		['optOut', 'relationship'],
		['optOut', 'unknown'],
		['optOut', 'none'],
		['unknown', 'none'],
		['unknown', 'relationship'],
		['unknown', 'optIn'],
		['maybe', 'none'],
		['none', 'relationship'],
		['none', 'optIn'],
		['relationship', 'optIn'],
	])('lets the more restrictive %s win over %s in either order', (winner, loser) => {
		expect([
			mergeConsent(consent(winner), consent(loser)).status,
			mergeConsent(consent(loser), consent(winner)).status,
		]).toEqual([winner, winner]);
	});

	it('keeps the later time of two records with the same status', () => {
		expect(mergeConsent(consent('optIn', { at: 2000 }), consent('optIn', { at: 1000 })).at).toBe(
			2000,
		);
	});

	it('keeps a known time over a missing one for the same status', () => {
		expect(mergeConsent(consent('optOut'), consent('optOut', { at: 1000 })).at).toBe(1000);
	});

	it('keeps the time of the opt-out when a later opt-in loses against it', () => {
		expect(mergeConsent(consent('optOut', { at: 1000 }), consent('optIn', { at: 5000 })).at).toBe(
			1000,
		);
	});

	it('keeps the raw value of the winning record', () => {
		expect(
			mergeConsent(consent('relationship', { raw: 'K' }), consent('optIn', { raw: 'J' })).raw,
		).toBe('K');
	});

	it.each([
		['the stricter status', consent('relationship', { origin: { system: 'S', record: '1' } }), consent('optIn', { origin: { system: 'S', record: '2' } }), '1'],
		['the later of two equal statuses', consent('optIn', { at: 1000, origin: { system: 'S', record: '1' } }), consent('optIn', { at: 2000, origin: { system: 'S', record: '2' } }), '2'],
		['the first of two equal undated statuses', consent('optIn', { origin: { system: 'S', record: '1' } }), consent('optIn', { origin: { system: 'S', record: '2' } }), '1'],
	])('keeps the origin of the record with %s', (_name, first, second, record) => {
		expect(mergeConsent(first, second).origin?.record).toBe(record);
	});

	it('lets a refused customer relationship win over an empty status the policy accepts', () => {
		const policy = { allowRelationship: false, allowNone: true };
		expect(mergeConsent(consent('none'), consent('relationship'), policy).status).toBe(
			'relationship',
		);
	});
});
