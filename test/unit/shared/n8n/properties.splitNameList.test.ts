import { splitNameList } from '../../../../nodes/shared/n8n/properties';

describe('splitNameList', () => {
	it.each([
		['FIRSTNAME, LASTNAME', ['FIRSTNAME', 'LASTNAME']],
		[' newsletter ,, vip ,', ['newsletter', 'vip']],
		['Straße 1', ['Straße 1']],
		['', []],
		[' , ', []],
		[undefined, []],
		[null, []],
	])('reads %j as %j', (value, names) => {
		expect(splitNameList(value)).toEqual(names);
	});
});
