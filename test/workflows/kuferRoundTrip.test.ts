import path from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import { RunReport, type RunReportJson } from '../../nodes/shared/report';
import { loadWorkflow, runWorkflow, type RunResult } from '../harness/workflow';
import { fileItem } from '../nodes/Kufer/helpers';
import {
	expectedStatuses,
	findUnconsentedAtPlatform,
	generateRecords,
	KuferDropFolder,
	KuferFixtureStore,
	readBackSyncFile,
} from '../sandbox/kufer';
import { useSandbox } from '../sandbox/framework/lifecycle';
import { startMaileonSandbox } from '../sandbox/maileon';

const workflow = loadWorkflow(path.join(__dirname, 'fixtures/kufer-roundtrip.workflow.json'));

/**
 * The flow of the KUFER → Maileon module (seed 001): an export is filtered by consent and synced,
 * Maileon's unsubscribers come back as a file that sets status N in KUFER, and the next export no
 * longer mails them. KUFER is played by a fixture store and a drop folder (kufer.md §6).
 */
describe('KUFER → Maileon → KUFER round trip', () => {
	const sandbox = useSandbox(startMaileonSandbox);
	const folder = useSandbox(() => KuferDropFolder.create());

	const credentials = (): Record<string, IDataObject> => ({
		maileonApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().apiUrl },
	});

	function syncExport(store: KuferFixtureStore, staticData?: IDataObject): Promise<RunResult> {
		return runWorkflow(workflow, {
			credentials: credentials() as never,
			startNode: 'KUFER Export',
			input: [fileItem(store.export(), 'adressen.xml')],
			staticData,
		});
	}

	function collectUnsubscribers(staticData: IDataObject): Promise<RunResult> {
		return runWorkflow(workflow, { credentials: credentials() as never, staticData });
	}

	const platformEmails = (): string[] =>
		sandbox().state
			.listContacts()
			.flatMap((contact) => (contact.email === undefined ? [] : [contact.email]));

	it('lists exactly the address unsubscribed in Maileon with status N, and the next export does not mail it', async () => {
		const store = new KuferFixtureStore(generateRecords({ count: 80, seed: 11 }));

		const first = await syncExport(store);

		expect(first.status).toBe('success');
		expect(platformEmails().length).toBeGreaterThan(0);
		expect(findUnconsentedAtPlatform(expectedStatuses(store.records), platformEmails())).toEqual(
			[],
		);
		const leaver = store.records.find(
			(record) => record.kind === 'optIn' && store.find(record.email ?? '').length === 1,
		);
		if (leaver?.email === undefined) throw new Error('The fixture has no single J address');
		expect(sandbox().state.getContact(leaver.email)?.externalId).toBe(leaver.adrnr);

		sandbox().state.unsubscribe(leaver.email);
		const second = await collectUnsubscribers(first.staticData);

		expect(second.status).toBe('success');
		const [output] = second.items('KUFER Back-Sync');
		const file = output.binary?.data;
		if (file === undefined) throw new Error('The back-sync step wrote no file');
		const document = readBackSyncFile(Buffer.from(file.data, 'base64'));
		expect(document.rows).toEqual([
			{
				adrnr: leaver.adrnr,
				email: leaver.email.toLowerCase(),
				newsletter: 'N',
				newsletterdatum: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/),
				grund: 'abmeldung',
			},
		]);
		expect(output.json).toMatchObject({
			written: 1,
			report: { counts: { unsubscribersSyncedBack: 1 } },
		});

		await folder().receive(String(file.fileName), Buffer.from(file.data, 'base64'));
		expect(await folder().apply(store)).toMatchObject([{ changed: 1 }]);
		const requestsBefore = sandbox().log.entries.length;
		const third = await syncExport(store, second.staticData);

		const again = third.json('KUFER Export', 0).find((contact) => contact.email === leaver.email);
		expect(again?.consent).toMatchObject({ action: 'unsubscribe', status: 'optOut' });
		expect(sandbox().state.getContact(leaver.email)).toBeUndefined();
		// the ledger already knows the address: no second unsubscribe call for it
		const unsubscribeCalls = sandbox().log.entries
			.slice(requestsBefore)
			.filter(
				(entry) =>
					entry.method === 'DELETE' && decodeURIComponent(entry.path).includes(leaver.email ?? ''),
			);
		expect(unsubscribeCalls).toEqual([]);
		expect(findUnconsentedAtPlatform(expectedStatuses(store.records), platformEmails())).toEqual(
			[],
		);
	});

	it('adds up to the KUFER module report: selected, updated, invalid, suppressed, unsubscribers written back', async () => {
		const store = new KuferFixtureStore(generateRecords({ count: 80, seed: 11 }));
		const first = await syncExport(store);
		sandbox().state.unsubscribe(String(platformEmails()[0]));
		const second = await collectUnsubscribers(first.staticData);
		const next = await syncExport(store, second.staticData);

		const kuferReport = next.json('KUFER Export', 1).at(-1) as unknown as RunReportJson;
		const maileonReport = next.json('Maileon', 0)[0] as unknown as RunReportJson;
		const backSync = second.json('KUFER Back-Sync')[0].report as unknown as RunReportJson;
		const merged = RunReport.merge(kuferReport, maileonReport, backSync);

		expect(merged.counts.selected).toBe(store.records.length);
		expect(merged.counts.updated).toBeGreaterThan(0);
		expect(merged.counts.invalid).toBe(kuferReport.counts.invalid);
		expect(merged.counts.unsubscribersSyncedBack).toBe(1);
		expect(merged.summary).toMatch(
			/^80 selected, \d+ updated, \d+ filtered as invalid, \d+ duplicates? merged, 1 suppressed, \d+ skipped without consent, \d+ opted out in the source, 1 unsubscriber written back$/,
		);
	});
});
