import path from 'node:path';

import { RunReport, type RunReportJson } from '../../nodes/shared/report';
import { startDirectoSandbox } from '../sandbox/directo';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startMaileonSandbox } from '../sandbox/maileon';
import { loadWorkflow, requireSuccess, runWorkflow } from '../harness/workflow';
import { customer, directoCredentials } from '../nodes/Directo/helpers';
import { maileonCredentials } from '../nodes/Maileon/helpers';

const workflow = loadWorkflow(path.join(__dirname, 'fixtures/directo-maileon.workflow.json'));

/**
 * Seven cards, one for each way a card ends: opted in with address fields, two addresses in one
 * field, the same address as K1001, opted out, no OPTIN, closed, and an address without @.
 */
const CUSTOMERS = [
	customer('K1001', {
		name: 'Mets OÜ',
		address1: 'Tartu mnt 1',
		address2: 'Tallinn',
		address3: '10115',
		email: 'mari@mets.ee',
		datafields: { OPTIN: ['yes', '15.01.2024'], SEGMENT: ['retail', ''] },
	}),
	customer('K1002', {
		name: 'Tamm AS',
		contact: 'Jaan Tamm',
		email: 'jaan@tamm.ee; info@tamm.ee',
		datafields: { OPTIN: ['jah', '10.01.2024'] },
	}),
	customer('K1003', {
		name: 'Mets OÜ filiaal',
		email: 'MARI@mets.ee',
		class: 'VIP',
		datafields: { OPTIN: ['yes', '16.01.2024'] },
	}),
	customer('K1004', { email: 'olga@example.org', datafields: { OPTIN: ['no', '12.01.2024'] } }),
	customer('K1005', { email: 'peeter@example.org', datafields: {} }),
	customer('K1006', { email: 'closed@example.org', closed: '1' }),
	customer('K1007', { email: 'not-an-email' }),
];

describe('Directo Get Newsletter Contacts → Maileon Synchronize Many', () => {
	const directo = useSandbox(startDirectoSandbox);
	const maileon = useSandbox(startMaileonSandbox);

	beforeEach(() => {
		directo().state.addCustomers(CUSTOMERS);
		maileon().state.defineCustomField('SEGMENT', 'string');
	});

	const run = async () =>
		requireSuccess(
			await runWorkflow(workflow, {
				credentials: { ...directoCredentials(directo()), ...maileonCredentials(maileon()) },
			}),
		);

	it('creates one Maileon contact per consented address, with the mapped fields and merged duplicates', async () => {
		await run();

		const emails = maileon()
			.state.listContacts()
			.map((contact) => contact.email);
		// the opted-out, unconsented, closed and invalid cards leave nothing in Maileon
		expect(emails).toEqual(['mari@mets.ee', 'jaan@tamm.ee', 'info@tamm.ee']);
		expect(maileon().state.getContact('mari@mets.ee')).toMatchObject({
			permission: 2,
			externalId: 'K1001',
			standardFields: {
				FIRSTNAME: 'Mari',
				LASTNAME: 'Mets',
				ORGANIZATION: 'Mets OÜ',
				ADDRESS: 'Tartu mnt 1',
				CITY: 'Tallinn',
				ZIP: '10115',
			},
			customFields: { SEGMENT: 'retail', ImportAPI: 'true' },
		});
		expect(maileon().state.getContact('jaan@tamm.ee')).toMatchObject({
			externalId: 'K1002',
			standardFields: { LASTNAME: 'Tamm' },
		});
		expect(maileon().state.getContact('info@tamm.ee')).toMatchObject({ externalId: 'K1002#2' });
	});

	it('reports every address once across both nodes and keeps the opt-out in the suppression ledger', async () => {
		const result = await run();
		const source = result.json('Directo', 1)[0] as unknown as RunReportJson & {
			records: number;
			contacts: number;
		};
		const target = result.json('Maileon', 0)[0] as unknown as RunReportJson;

		expect(source).toMatchObject({ records: 7, contacts: 4 });
		expect(source.counts).toMatchObject({ duplicates: 1, skipped: 2, invalid: 1, selected: 4 });
		expect(target.counts).toMatchObject({ created: 3, unsubscribed: 1, selected: 4 });
		expect(RunReport.merge(source, target).summary).toBe(
			'8 selected, 3 created, 1 filtered as invalid, 1 duplicate merged, 2 skipped without consent, 1 opted out in the source, 1 unsubscribe sent to the target',
		);
		expect(result.staticData).toHaveProperty('global.suppressionLedger.entries');
		expect(JSON.stringify(result.staticData)).not.toContain('olga@example.org');
	});

	it('sends one read to Directo and one bulk write to Maileon', async () => {
		await run();

		expect(directo().state.callsFor('get')).toHaveLength(1);
		expect(
			maileon().log.entries.filter(
				(entry) => entry.method === 'POST' && entry.path === '/1.0/contacts',
			),
		).toHaveLength(1);
	});
});
