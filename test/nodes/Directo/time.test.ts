import {
	formatChangedSince,
	parseDirectoDate,
	parseRecordTs,
	toInstant,
	toWallTime,
} from '../../../nodes/Directo/time';

describe('Directo time', () => {
	it.each([
		['dd.mm.yyyy', '15.01.2024', Date.UTC(2024, 0, 15)],
		['d.m.yyyy', '5.1.2024', Date.UTC(2024, 0, 5)],
		['dd.mm.yyyy with time', '15.01.2024 08:30', Date.UTC(2024, 0, 15, 8, 30)],
		['yyyy-mm-dd', '2024-01-15', Date.UTC(2024, 0, 15)],
		['a record ts', '2024-01-15T10:30:00', Date.UTC(2024, 0, 15, 10, 30)],
	])('reads a date written as %s', (_format, text, expected) => {
		expect(parseDirectoDate(text)).toBe(expected);
	});

	it.each(['31.02.2024', '2024-13-01', 'yesterday', ''])('refuses %j', (text) => {
		expect(parseDirectoDate(text)).toBeUndefined();
	});

	it('reads a record ts with fractional seconds', () => {
		expect(parseRecordTs('2024-01-15T10:30:00.123')).toBe(Date.UTC(2024, 0, 15, 10, 30));
	});

	it.each([
		['date', '16.01.2024'],
		['dateTime', '2024-01-16 07:05:09'],
	] as const)('formats a changed-since filter as %s', (format, expected) => {
		expect(formatChangedSince(Date.UTC(2024, 0, 16, 7, 5, 9), format)).toBe(expected);
	});

	it.each([
		['winter (UTC+2)', Date.UTC(2024, 0, 15), Date.UTC(2024, 0, 14, 22)],
		['summer (UTC+3)', Date.UTC(2024, 6, 15), Date.UTC(2024, 6, 14, 21)],
	])('places Tallinn wall time in %s', (_season, wall, instant) => {
		expect(toInstant(wall, 'Europe/Tallinn')).toBe(instant);
	});

	it('knows no instant in an unknown zone', () => {
		expect(toInstant(Date.UTC(2024, 0, 15), 'Mars/Olympus')).toBeUndefined();
	});

	it.each([
		['without offset as Directo time', '2024-01-15T10:30:00', Date.UTC(2024, 0, 15, 10, 30)],
		['with an offset converted', '2024-01-15T08:30:00Z', Date.UTC(2024, 0, 15, 10, 30)],
	])('reads a node date %s', (_case, text, expected) => {
		expect(toWallTime(text, 'Europe/Tallinn')).toBe(expected);
	});
});
