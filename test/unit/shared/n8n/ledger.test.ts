import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { addToLedgerProperty, keepOutOfFutureImports, openLedger } from '../../../../nodes/shared/n8n/ledger';

/** The one method openLedger needs, as execute, poll, hook and webhook contexts all have it. */
function contextWith(global: IDataObject) {
	return { getWorkflowStaticData: (type: string) => (type === 'global' ? global : {}) };
}

describe('openLedger', () => {
	it("keeps the ledger in the workflow's global static data", () => {
		const global: IDataObject = {};
		openLedger.call(contextWith(global)).add('anna@example.org', 1);

		expect(Object.keys(global)).toEqual(['suppressionLedger']);
	});

	it('sees what another context of the same workflow added', () => {
		const global: IDataObject = {};
		openLedger.call(contextWith(global)).add('anna@example.org', 1);

		expect(openLedger.call(contextWith(global)).has('Anna@Example.org')).toBe(true);
	});

	it.each([
		['a string', 'broken'],
		['an array', []],
		['null', null],
	])('starts an empty ledger when the stored value is %s', (_, stored) => {
		const global: IDataObject = { suppressionLedger: stored };

		expect(openLedger.call(contextWith(global)).size).toBe(0);
	});
});

describe('keepOutOfFutureImports', () => {
	/** Static data for the ledger and the item's "Keep Out of Future Imports" parameter, when it has one. */
	function contextWithParameter(global: IDataObject, addToLedger?: boolean): IExecuteFunctions {
		return {
			...contextWith(global),
			getNodeParameter: (name: string, _itemIndex: number, fallback: unknown) =>
				name === 'addToLedger' && addToLedger !== undefined ? addToLedger : fallback,
		} as unknown as IExecuteFunctions;
	}

	it.each([
		['adds the address when the parameter is on', true, true],
		['adds the address when the item has no such parameter', undefined, true],
		['leaves the address out when the parameter is off', false, false],
	])('%s', (_case, addToLedger, added) => {
		const global: IDataObject = {};
		const context = contextWithParameter(global, addToLedger);

		keepOutOfFutureImports.call(context, openLedger.call(context), 'anna@example.org', 0);

		expect(openLedger.call(context).has('anna@example.org')).toBe(added);
	});
});

describe('addToLedgerProperty', () => {
	it('names the platform that purges its unsubscriber data at the end of the description', () => {
		expect(addToLedgerProperty('Maileon').description).toBe(
			"Whether to add the address to the workflow's suppression ledger (as a hash), so later synchronizations never re-add it even after Maileon purged its unsubscriber data",
		);
	});

	it('ends the description after the ledger when no platform is named', () => {
		expect(addToLedgerProperty().description).toBe(
			"Whether to add the address to the workflow's suppression ledger (as a hash), so later synchronizations never re-add it",
		);
	});
});
