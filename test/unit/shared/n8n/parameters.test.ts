import { parameterReader } from '../../../../nodes/shared/n8n/parameters';

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
});
