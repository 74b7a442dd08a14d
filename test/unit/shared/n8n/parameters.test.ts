import { parameterReader, readerOf as readerOver } from '../../../../nodes/shared/n8n/parameters';

const readerOf = (values: Record<string, unknown>) =>
	parameterReader({ getNodeParameter: ((name: string, _index: number, fallback: unknown) => (name in values ? values[name] : fallback)) as never });

describe('parameterReader', () => {
	it('returns the values that have the type asked for, strings trimmed', () => {
		const parameter = readerOf({ dryRun: true, markerField: ' ImportAPI ', syncMode: 'ignore', options: { batchSize: 10 } });

		expect([parameter.boolean('dryRun', false), parameter.string('markerField', ''), parameter.choice('syncMode', ['update', 'ignore'], 'update'), parameter.collection('options')]).toEqual([
			true,
			'ImportAPI',
			'ignore',
			{ batchSize: 10 },
		]);
	});

	it('falls back to the default for a value of another type or an unknown choice', () => {
		const parameter = readerOf({ dryRun: 'yes', markerField: 7, syncMode: 'merge', options: ['a'] });

		expect([parameter.boolean('dryRun', false), parameter.string('markerField', 'x'), parameter.choice('syncMode', ['update', 'ignore'], 'update'), parameter.collection('options')]).toEqual([
			false,
			'x',
			'update',
			{},
		]);
	});

	it('falls back to the default for a parameter that is not set', () => {
		expect(readerOf({}).boolean('resetMarker', true)).toBe(true);
	});

	it('keeps the entries of a list that are text, or among the choices, in the order given', () => {
		const parameter = readerOf({ customFields: ['CITY', 7, 'ZIP'], failWhen: ['skipped', 'other', 'failed'] });

		expect([parameter.strings('customFields'), parameter.choices('failWhen', ['failed', 'invalid', 'skipped'])]).toEqual([
			['CITY', 'ZIP'],
			['skipped', 'failed'],
		]);
	});

	it('reads an empty list for a list that is not set or not a list', () => {
		const parameter = readerOf({ customFields: 'CITY' });

		expect([parameter.strings('customFields'), parameter.choices('failWhen', ['failed'])]).toEqual([[], []]);
	});
});

describe('readerOf', () => {
	it('reads through a function without an item index, as a trigger does', () => {
		const values: Record<string, unknown> = { events: ['newClient'], options: { overlapHours: 2 } };
		const parameter = readerOver((name, fallback) => (name in values ? values[name] : fallback));

		expect([parameter.choices('events', ['newClient', 'updatedClient']), parameter.collection('options')]).toEqual([['newClient'], { overlapHours: 2 }]);
	});
});
