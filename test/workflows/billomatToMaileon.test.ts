import path from 'node:path';

import { RunReport, type RunReportJson } from '../../nodes/shared/report';
import { loadWorkflow, requireSuccess, runWorkflow } from '../harness/workflow';
import { maileonCredentials } from '../nodes/Maileon/helpers';
import { startBillomatSandbox } from '../sandbox/billomat';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startMaileonSandbox } from '../sandbox/maileon';

const workflow = loadWorkflow(path.join(__dirname, 'fixtures/billomat-maileon.workflow.json'));

describe('Billomat Get Newsletter Contacts → Maileon Synchronize Many', () => {
	const billomat = useSandbox(startBillomatSandbox);
	const maileon = useSandbox(startMaileonSandbox);

	beforeEach(() => {
		billomat().state.seedClients([
			{
				name: 'Muster GmbH',
				salutation: 'Frau Dr.',
				first_name: 'Anna',
				last_name: 'Muster',
				street: 'Hauptstr. 1',
				zip: '24103',
				city: 'Kiel',
				email: 'anna@example.org',
				tags: ['newsletter'],
			},
			{ name: 'Beispiel AG', email: 'ben@example.org', tags: ['newsletter'], contacts: [{ first_name: 'Paul', email: 'paul@example.org' }] },
			{ name: 'No Consent KG', email: 'carl@example.org' },
			{ name: 'Gone GmbH', email: 'dora@example.org', tags: ['newsletter-unsubscribed'] },
			{ name: 'Muster Filiale', email: 'ANNA@example.org', tags: ['newsletter'] },
			{ name: 'Broken', email: 'not-an-email', tags: ['newsletter'] },
		]);
		maileon().state.defineCustomField('clientNumber', 'string');
		maileon().state.seedContacts([
			{ email: 'ben@example.org', permission: 2 },
			{ email: 'dora@example.org', permission: 2 },
		]);
	});

	const run = async () =>
		requireSuccess(
			await runWorkflow(workflow, {
				credentials: { billomatApi: billomat().credentials(), ...maileonCredentials(maileon()) },
			}),
		);

	it('creates and updates the consented contacts in Maileon with the mapped fields', async () => {
		await run();

		expect(maileon().state.getContact('anna@example.org')).toMatchObject({
			permission: 2,
			externalId: '1',
			standardFields: {
				SALUTATION: 'Frau',
				TITLE: 'Dr.',
				GENDER: 'f',
				FIRSTNAME: 'Anna',
				LASTNAME: 'Muster',
				ORGANIZATION: 'Muster GmbH',
				ADDRESS: 'Hauptstr. 1',
				ZIP: '24103',
				CITY: 'Kiel',
				COUNTRY: 'DE',
			},
			customFields: { clientNumber: 'KD1', ImportAPI: 'true' },
		});
		expect(maileon().state.getContact('paul@example.org')).toMatchObject({ standardFields: { FIRSTNAME: 'Paul', ORGANIZATION: 'Beispiel AG' } });
		expect(maileon().state.getContact('ben@example.org')?.customFields).toMatchObject({ ImportAPI: 'true' });
		expect(maileon().state.getContact('carl@example.org')).toBeUndefined();
	});

	it('unsubscribes in Maileon the client that opted out in Billomat', async () => {
		await run();

		expect(maileon().state.isUnsubscribedAddress('dora@example.org')).toBe(true);
	});

	it('reports what Billomat dropped and what Maileon did, adding up to every record read', async () => {
		const result = await run();

		const source = result.json('Billomat', 1)[0] as unknown as RunReportJson & { read: unknown; emitted: number };
		const target = result.json('Maileon', 0)[0] as unknown as RunReportJson;
		expect(source).toMatchObject({
			read: { clients: 5, contactPersons: 1 },
			emitted: 4,
			counts: { selected: 2, invalid: 1, duplicates: 1 },
		});
		expect(target.counts).toMatchObject({ selected: 4, created: 2, updated: 1, unsubscribed: 1, failed: 0 });
		expect(RunReport.merge(source, target).summary).toBe(
			'6 selected, 1 updated, 2 created, 1 filtered as invalid, 1 duplicate merged, 1 opted out in the source, 1 unsubscribe sent to the target',
		);
	});

	it('reads Billomat with one list per tag and one contact-person request per client not skipped', async () => {
		await run();

		expect(billomat().log.entries.map((entry) => `${entry.method} ${entry.path.replace('/demo/api', '')} ${String(entry.query.tags ?? entry.query.client_id)}`)).toEqual([
			'GET /clients newsletter',
			'GET /clients newsletter-unsubscribed',
			'GET /contacts 1',
			'GET /contacts 2',
			'GET /contacts 4',
			'GET /contacts 5',
			'GET /contacts 6',
		]);
	});
});
