import {
	DEFAULT_MIX,
	expectedStatuses,
	generateRecords,
	isInvalidKind,
	type RecordKind,
} from './records';
import { renderExportText } from './render';

describe('KUFER fixture records', () => {
	it('generates the same records for the same seed', () => {
		expect(generateRecords({ count: 50, seed: 4 })).toEqual(
			generateRecords({ count: 50, seed: 4 }),
		);
		expect(generateRecords({ count: 50, seed: 4 })).not.toEqual(
			generateRecords({ count: 50, seed: 5 }),
		);
	});

	it('gives each record the same content whatever the count', () => {
		expect(generateRecords({ count: 10, seed: 2 })).toEqual(
			generateRecords({ count: 40, seed: 2 }).slice(0, 10),
		);
	});

	it('produces every kind of record in a default mix', () => {
		const kinds = new Set(generateRecords({ count: 1000 }).map((record) => record.kind));

		expect([...kinds].sort()).toEqual((Object.keys(DEFAULT_MIX) as RecordKind[]).sort());
	});

	it('writes German names with umlauts and ß, and titles', () => {
		const text = renderExportText(generateRecords({ count: 200 }));

		expect(text).toMatch(/[äöüÄÖÜ]/);
		expect(text).toContain('ß');
		expect(text).toMatch(/<titel>(Dr\.|Prof\.|Prof\. Dr\.|Dipl\.-Ing\.)<\/titel>/);
	});

	it('writes every status spelling: J, K, N, empty, lower case and unknown values', () => {
		const statuses = new Set(generateRecords({ count: 1000 }).map((record) => record.newsletter));

		for (const status of ['J', 'K', 'N', '']) expect(statuses).toContain(status);
		expect([...statuses].some((status) => status !== undefined && /^[jkn]$/.test(status))).toBe(
			true,
		);
		expect(
			[...statuses].some((status) => status !== undefined && !/^[JKNjkn]?$/.test(status)),
		).toBe(true);
	});

	it('gives a duplicate the address of an earlier valid record with another status', () => {
		const records = generateRecords({ count: 500, seed: 9 });

		for (const duplicate of records.filter((record) => record.kind === 'duplicate')) {
			const originals = records.filter(
				(record) =>
					record !== duplicate && record.email?.toLowerCase() === duplicate.email?.toLowerCase(),
			);
			expect(originals.length).toBeGreaterThan(0);
			expect(
				originals.some((record) => record.newsletter?.toUpperCase() !== duplicate.newsletter),
			).toBe(true);
		}
	});

	it('follows a custom mix', () => {
		const records = generateRecords({
			count: 100,
			mix: {
				optOut: 1,
				optIn: 0,
				relationship: 0,
				empty: 0,
				lowerCase: 0,
				unknownStatus: 0,
				invalidEmail: 0,
				emptyEmail: 0,
				invalidGender: 0,
				duplicate: 0,
			},
		});

		expect(records.every((record) => record.newsletter === 'N')).toBe(true);
	});

	it('derives the merged status per address by the consent rule, the most restrictive first', () => {
		const statuses = expectedStatuses([
			{ kind: 'optIn', adrnr: '1', email: 'a@example.org', newsletter: 'K' },
			{ kind: 'duplicate', adrnr: '2', email: 'A@example.org', newsletter: 'j' },
			{ kind: 'optIn', adrnr: '3', email: 'b@example.org', newsletter: 'J' },
			{ kind: 'duplicate', adrnr: '4', email: 'b@example.org', newsletter: 'N' },
			{ kind: 'unknownStatus', adrnr: '5', email: 'c@example.org', newsletter: 'X' },
			{ kind: 'invalidEmail', adrnr: '6', email: 'kaputt', newsletter: 'J' },
			{ kind: 'optIn', adrnr: '7', email: 'd@example.org', newsletter: 'J' },
			{ kind: 'invalidGender', adrnr: '8', email: 'd@example.org', newsletter: 'N' },
		]);

		expect(Object.fromEntries(statuses)).toEqual({
			'a@example.org': 'K',
			'd@example.org': 'N',
			'b@example.org': 'N',
			'c@example.org': 'X',
		});
		expect(isInvalidKind('invalidGender')).toBe(true);
	});
});
