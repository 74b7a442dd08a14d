import type { IDataObject } from 'n8n-workflow';

/**
 * A "Fields to Send" value mapped by hand, as n8n stores it: `value` holds the kept fields, the
 * schema lists them and the `removed` ones.
 */
export function manualMapping(value: Record<string, string>, removed: readonly string[] = []): IDataObject {
	const field = (id: string, isRemoved: boolean): IDataObject => ({
		id,
		displayName: id,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		type: 'string',
		...(isRemoved ? { removed: true } : {}),
	});
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema: [...Object.keys(value).map((id) => field(id, false)), ...removed.map((id) => field(id, true))],
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}
