import { createHash } from 'node:crypto';

import { SuppressionLedger, type LedgerStore } from '../../../nodes/shared/suppression';

const EMAIL = 'Max.Muster@Example.de';
const UNSUBSCRIBED_AT = Date.UTC(2024, 2, 1, 12, 0, 0);

function newLedger(store: LedgerStore = {}) {
	return { store, ledger: new SuppressionLedger(store) };
}

function hashOf(key: string): string {
	return createHash('sha256').update(key).digest('base64url');
}

describe('SuppressionLedger', () => {
	it('keeps no address in clear text in the store', () => {
		const { store, ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect(JSON.stringify(store).toLowerCase()).not.toMatch(/max\.muster|example\.de/);
	});

	it('stores the SHA-256 of the lower-cased address as base64url', () => {
		const { store, ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect(store.entries).toEqual({ [hashOf('max.muster@example.de')]: UNSUBSCRIBED_AT });
	});

	it('hashes to 43 URL-safe characters', () => {
		expect(SuppressionLedger.hash(EMAIL)).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it.each([
		['upper case', 'MAX.MUSTER@EXAMPLE.DE', 'max.muster@example.de'],
		['surrounding spaces', '  max.muster@example.de\n', 'max.muster@example.de'],
		['a decomposed umlaut', 'ju\u0308rgen@example.de', 'j\u00fcrgen@example.de'],
	])('hashes a spelling with %s like the normalised address', (_, spelling, normalised) => {
		expect(SuppressionLedger.hash(spelling)).toBe(hashOf(normalised));
	});

	it('prepares an empty store in place', () => {
		const { store } = newLedger();
		expect(store).toEqual({ entries: {}, version: 1 });
	});

	it('uses the entries already in the store', () => {
		const { ledger } = newLedger({ entries: { [hashOf('max.muster@example.de')]: 1 }, version: 1 });
		expect([ledger.has(EMAIL), ledger.size]).toEqual([true, 1]);
	});

	it('survives a JSON round trip of its store, as n8n saves static data', () => {
		const { store, ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		const reloaded = new SuppressionLedger(JSON.parse(JSON.stringify(store)) as LedgerStore);
		expect(reloaded.check(EMAIL).suppressed).toBe(true);
	});

	it('reports a new address as added and a known one as not added', () => {
		const { ledger } = newLedger();
		expect([ledger.add(EMAIL, 1), ledger.add(EMAIL.toUpperCase(), 2)]).toEqual([true, false]);
	});

	it.each([
		['second', 1000, 2000],
		['first', 2000, 1000],
	])('keeps the later unsubscribe time when the later one comes %s', (_, first, second) => {
		const { store, ledger } = newLedger();
		ledger.add(EMAIL, first);
		ledger.add(EMAIL, second);
		expect(Object.values(store.entries ?? {})).toEqual([2000]);
	});

	it('suppresses an address in the ledger, saying since when', () => {
		const { ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect(ledger.check(EMAIL)).toEqual({
			suppressed: true,
			reason: 'unsubscribed on 2024-03-01T12:00:00.000Z',
			unsubscribedAt: UNSUBSCRIBED_AT,
		});
	});

	it('does not suppress an address outside the ledger', () => {
		const { ledger } = newLedger();
		ledger.add('someone.else@example.de', UNSUBSCRIBED_AT);
		expect(ledger.check(EMAIL)).toEqual({ suppressed: false });
	});

	it.each([
		['no opt-in date', undefined],
		['an opt-in a day before the unsubscribe', UNSUBSCRIBED_AT - 86_400_000],
		['an opt-in in the same millisecond as the unsubscribe', UNSUBSCRIBED_AT],
	])('keeps suppressing an address with %s', (_, optInAt) => {
		const { ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect(ledger.check(EMAIL, optInAt).suppressed).toBe(true);
	});

	it('lets an address through whose opt-in is one millisecond after the unsubscribe', () => {
		const { ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect(ledger.check(EMAIL, UNSUBSCRIBED_AT + 1)).toEqual({
			suppressed: false,
			reason: 'opted in again after unsubscribing on 2024-03-01T12:00:00.000Z',
			unsubscribedAt: UNSUBSCRIBED_AT,
		});
	});

	it('keeps an address with an unknown unsubscribe time suppressed whatever the opt-in date', () => {
		const { ledger } = newLedger();
		ledger.add(EMAIL);
		expect(ledger.check(EMAIL, Date.UTC(2100, 0, 1))).toEqual({
			suppressed: true,
			reason: 'unsubscribed earlier (date unknown)',
		});
	});

	it('lets an unknown unsubscribe time win over a known one', () => {
		const { ledger } = newLedger();
		ledger.add(EMAIL);
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect(ledger.check(EMAIL, UNSUBSCRIBED_AT + 1).suppressed).toBe(true);
	});

	it.each([
		['text', 'yesterday'],
		['null (a saved Infinity)', null],
		['a time beyond what a date can hold', 1e20],
	])('treats a damaged stored value (%s) as an unsubscribe of unknown time', (_, value) => {
		const store = {
			entries: { [hashOf('max.muster@example.de')]: value },
		} as unknown as LedgerStore;
		const { ledger } = newLedger(store);
		expect(ledger.check(EMAIL, Date.UTC(2100, 0, 1))).toEqual({
			suppressed: true,
			reason: 'unsubscribed earlier (date unknown)',
		});
	});

	it('removes an address on explicit re-consent', () => {
		const { ledger } = newLedger();
		ledger.add(EMAIL, UNSUBSCRIBED_AT);
		expect([ledger.release(EMAIL), ledger.has(EMAIL), ledger.size]).toEqual([true, false, 0]);
	});

	it('reports that there was nothing to release for an unknown address', () => {
		const { ledger } = newLedger();
		expect(ledger.release(EMAIL)).toBe(false);
	});

	it('counts its entries', () => {
		const { ledger } = newLedger();
		for (const email of ['a@example.de', 'b@example.de', 'A@example.de']) ledger.add(email, 1);
		expect(ledger.size).toBe(2);
	});

	it('holds 100,000 entries and answers for each of them', () => {
		// how long this takes is measured by `npm run bench` (case ledger), not here
		const { store, ledger } = newLedger();
		const count = 100_000;
		for (let i = 0; i < count; i++) ledger.add(`user.${i}@example.de`, i);
		let suppressed = 0;
		for (let i = 0; i < count; i++)
			if (ledger.check(`USER.${i}@Example.de`).suppressed) suppressed++;
		expect([ledger.size, Object.keys(store.entries ?? {}).length, suppressed]).toEqual([count, count, count]);
	});

	it.each([
		[null, 'Expected `store` to be an object, got null.'],
		[[], 'Expected `store` to be an object, got an array.'],
		[{ entries: 'x' }, 'Expected `store.entries` to be an object, got "x".'],
		[{ entries: [] }, 'Expected `store.entries` to be an object, got an array.'],
		[
			{ version: 2 },
			'Expected `store.version` to be at most 1, got 2: the ledger was written by a newer version of this package.',
		],
	])('throws for the store %j', (store, message) => {
		expect(() => new SuppressionLedger(store as unknown as LedgerStore)).toThrow(message);
	});
});
