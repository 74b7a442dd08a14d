import { KuferDateReader, readInstant } from '../../../nodes/Kufer/dates';

describe('KUFER dates', () => {
	const berlin = new KuferDateReader('Europe/Berlin');
	const read = (text: string) => {
		const date = berlin.read(text);
		return date
			? { at: new Date(berlin.instant(date)).toISOString(), iso: berlin.toIso(date) }
			: date;
	};

	it.each([
		['a date alone as its midnight', '01.02.2024', '2024-01-31T23:00:00.000Z', '2024-02-01'],
		['a date without leading zeros', '1.2.2024', '2024-01-31T23:00:00.000Z', '2024-02-01'],
		['a leap day', '29.02.2024', '2024-02-28T23:00:00.000Z', '2024-02-29'],
		[
			'a time with seconds in winter',
			'15.11.2025 08:30:12',
			'2025-11-15T07:30:12.000Z',
			'2025-11-15T08:30:12+01:00',
		],
		[
			'a time in summer',
			'15.07.2025 08:30',
			'2025-07-15T06:30:00.000Z',
			'2025-07-15T08:30:00+02:00',
		],
		[
			'the last minute before the clocks go forward',
			'31.03.2024 01:59',
			'2024-03-31T00:59:00.000Z',
			'2024-03-31T01:59:00+01:00',
		],
		[
			'the first minute after the clocks go forward',
			'31.03.2024 03:00',
			'2024-03-31T01:00:00.000Z',
			'2024-03-31T03:00:00+02:00',
		],
		[
			'a time the clocks skip, as the hour after it',
			'31.03.2024 02:30',
			'2024-03-31T01:30:00.000Z',
			'2024-03-31T03:30:00+02:00',
		],
		[
			'a time after the clocks went back, in winter time',
			'27.10.2024 03:30',
			'2024-10-27T02:30:00.000Z',
			'2024-10-27T03:30:00+01:00',
		],
	])('reads %s (%s) in Berlin time', (_case, text, at, iso) => {
		expect(read(text)).toEqual({ at, iso });
	});

	it.each([
		'31.02.2024',
		'29.02.2023',
		'00.01.2024',
		'01.13.2024',
		'01.01.2024 24:00',
		'01.01.2024 12:60',
	])('says %s names no real day or time', (text) => {
		expect(berlin.read(text)).toBeNull();
	});

	it.each(['2024-02-01', 'gestern', '01.02.24', '01.02.2024 8'])(
		'does not take %s for a KUFER date',
		(text) => {
			expect(berlin.read(text)).toBeUndefined();
		},
	);

	it.each([
		[
			'a T between date and time',
			'01.02.2024T08:30',
			'2024-02-01T07:30:00.000Z',
			'2024-02-01T08:30:00+01:00',
		],
		[
			'several spaces',
			'01.02.2024   08:30',
			'2024-02-01T07:30:00.000Z',
			'2024-02-01T08:30:00+01:00',
		],
		[
			'spaces around a T',
			'01.02.2024 T 08:30',
			'2024-02-01T07:30:00.000Z',
			'2024-02-01T08:30:00+01:00',
		],
		[
			'a one-digit hour',
			'1.2.2024 8:05:09',
			'2024-02-01T07:05:09.000Z',
			'2024-02-01T08:05:09+01:00',
		],
		['midnight', '01.02.2024 00:00:00', '2024-01-31T23:00:00.000Z', '2024-02-01T00:00:00+01:00'],
		[
			'the last second of a year',
			'31.12.2024 23:59:59',
			'2024-12-31T22:59:59.000Z',
			'2024-12-31T23:59:59+01:00',
		],
		[
			'a leap day of a year divisible by 400',
			'29.02.2000',
			'2000-02-28T23:00:00.000Z',
			'2000-02-29',
		],
	])('reads %s (%s) in Berlin time', (_case, text, at, iso) => {
		expect(read(text)).toEqual({ at, iso });
	});

	it('keeps the parts as written, with zeros for a missing time', () => {
		expect(berlin.read('7.3.2025')).toEqual({ parts: [2025, 3, 7, 0, 0, 0], hasTime: false });
		expect(berlin.read('07.03.2025 9:08')).toEqual({
			parts: [2025, 3, 7, 9, 8, 0],
			hasTime: true,
		});
	});

	it.each([
		'29.02.1900',
		'31.04.2024',
		'0.1.2024',
		'01.00.2024',
		'01.01.2024 00:00:60',
		'01.01.2024 99:99',
	])('says %s names no real day or time either', (text) => {
		expect(berlin.read(text)).toBeNull();
	});

	it.each([
		' 01.02.2024',
		'01.02.2024 ',
		'x01.02.2024',
		'01.02.2024x',
		'01.02.2024\n',
		'01.02.024',
		'01.02.02024',
		'001.02.2024',
		'01.002.2024',
		'01-02-2024',
		'01.02.2024 08:3',
		'01.02.2024 08:',
		'01.02.2024 123:30',
		'01.02.2024 08:30:5',
		'01.02.2024 08:30:123',
		'01.02.2024 08:30:',
		'01.02.2024\t08:30',
		'01.02.2024t08:30',
		'01.02.2024 08.30',
		'01.02.2024 08:30 Uhr',
		'１.02.2024',
		'',
	])('does not take %j for a KUFER date either', (text) => {
		expect(berlin.read(text)).toBeUndefined();
	});

	it('reads exactly the texts of the documented pattern d.m.yyyy[[ T]+H:MM[:SS]]', () => {
		const pattern = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
		let seed = 7;
		const pick = <T>(choices: readonly T[]): T => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return choices[Math.floor((seed / 2_147_483_648) * choices.length)];
		};
		const digits = (counts: readonly number[]): string => {
			let text = '';
			for (let count = pick(counts); count > 0; count--) text += pick('0123456789'.split(''));
			return text;
		};
		const short = [1, 1, 2, 2, 2, 2, 0, 3];
		const dot = ['.', '.', '.', '.', '.', '.', ':', ''];
		const colon = [':', ':', ':', ':', ':', '.'];
		const gap = [' ', ' ', ' ', 'T', '  ', ' T ', 'TT', '', '\t', 't'];
		const around = ['', '', '', '', '', '', '', '', '', '', ' ', 'x', '\n'];
		const reader = new KuferDateReader('Europe/Berlin');
		const differences: unknown[] = [];
		let dates = 0;
		for (let round = 0; round < 10_000; round++) {
			let text = pick(around) + digits(short) + pick(dot) + digits(short) + pick(dot);
			text += digits([4, 4, 4, 4, 4, 3, 5]);
			if (pick([true, true, false])) {
				text += pick(gap) + digits(short) + pick(colon) + digits([2, 2, 2, 2, 2, 1, 3]);
				if (pick([true, false])) text += pick(colon) + digits([2, 2, 2, 2, 2, 1, 3]);
			}
			text += pick(around);
			const match = pattern.exec(text);
			const date = reader.read(text);
			const expected =
				match === null
					? undefined
					: [3, 2, 1, 4, 5, 6].map((group) => Number(match[group] ?? 0)).join() +
						(match[4] === undefined ? '' : ' with time');
			const got =
				date === undefined || date === null
					? date
					: date.parts.join() + (date.hasTime ? ' with time' : '');
			if (match !== null) dates++;
			// null: the pattern matched but the values name no real day; the cases above pin those
			if (got !== expected && !(got === null && expected !== undefined)) {
				differences.push({ text, expected, got });
			}
		}
		expect(differences).toEqual([]);
		// the generator must reach the pattern often enough to prove something
		expect(dates).toBeGreaterThan(500);
	});

	it.each([
		'01.02.2024',
		'1.2.2024 8:05:09',
		'31.03.2024 02:30',
		'27.10.2024 02:30',
		'31.02.2024',
		'01.01.2024 24:00',
		'gestern',
		'',
	])('reads %j as an instant in one step as in two', (text) => {
		const zone = new KuferDateReader('Europe/Berlin');
		const date = zone.read(text);
		expect(zone.instantOf(text)).toBe(date ? zone.instant(date) : undefined);
	});

	it.each([
		['epoch milliseconds', 1_700_000_000_000, 1_700_000_000_000],
		['a Maileon time, read as UTC', '2025-11-22 10:00:00', Date.UTC(2025, 10, 22, 10)],
		['a date alone, read as UTC', '2025-11-22', Date.UTC(2025, 10, 22)],
		['ISO 8601 with an offset', '2025-11-22T10:00:00+02:00', Date.UTC(2025, 10, 22, 8)],
		['a KUFER date, read in the zone', '22.11.2025', Date.UTC(2025, 10, 21, 23)],
		['text that is no time', 'bald', undefined],
		['a day that does not exist', '31.02.2025', undefined],
		['nothing', undefined, undefined],
	])('reads an unsubscribe time from %s', (_name, value, expected) => {
		expect(readInstant(value, 'Europe/Berlin')).toBe(expected);
	});
});
