import { compileFilter, FilterError } from './filter';

const anna = {
	email: 'Anna@Example.org',
	first_name: 'Anna',
	last_name: 'Anna',
	gender: 'f',
	rating: 4,
	is_unsubscribed: false,
	group_ids: ['rarr38sz'],
	created_at: '2017-09-01T10:00:00+0000',
};

describe('Newsletter2Go sandbox filter', () => {
	it.each([
		['email=="anna@example.org"', true],
		['email=="ben@example.org"', false],
		['gender=ne="m"', true],
		['rating=ge="4"', true],
		['rating=gt="4"', false],
		['rating=lt="10"', true],
		['email=like="%@example.org"', true],
		['email=LIKE="%yahoo%"', false],
		['email=nlike="%yahoo%"', true],
		['group_ids=contains="rarr38sz"', true],
		['group_ids=ncontains="rarr38sz"', false],
		['"rarr38sz"=in=group_ids', true],
		['"other"=nin=group_ids', true],
		['gender=="f";email=like="%@example.org"', true],
		['gender=="m",rating=="4"', true],
		['(gender=="m",rating=="4");is_unsubscribed=="0"', true],
		['is_unsubscribed=="false"', true],
		['first_name==last_name', true],
		['DATE_FORMAT(created_at,"Y-m-d")=le="2017-09-06"', true],
	])('evaluates %s as %s', (filter, expected) => {
		expect(compileFilter(filter)(anna)).toBe(expected);
	});

	it('compares case-sensitively when configured', () => {
		expect(compileFilter('email=="anna@example.org"', { caseSensitive: true })(anna)).toBe(false);
	});

	it.each([
		['email==anna@example.org', 'Invalid filter at position 11: unexpected "@"'],
		['email=="unterminated', 'Invalid filter at position 20: unterminated quoted value'],
		['email=foo="x"', 'Invalid filter at position 5: expected an operator such as == or =like='],
		['', 'The filter is empty'],
	])('rejects the malformed filter %s', (filter, message) => {
		expect(() => compileFilter(filter)).toThrow(new FilterError(message));
	});
});
