import type { IDataObject } from 'n8n-workflow';

import { openLedger } from '../../../../nodes/shared/n8n/ledger';

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
