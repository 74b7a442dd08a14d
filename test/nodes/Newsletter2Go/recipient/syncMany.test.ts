import type { IDataObject } from 'n8n-workflow';

import { SuppressionLedger } from '../../../../nodes/shared/suppression';
import { manualMapping } from '../../../harness/fieldMapping';
import { recordSleeps } from '../../../harness/sleep';
import { useNewsletter2GoSandbox } from '../../../sandbox/newsletter2go/testing';
import { byId, NODE, runNode } from '../helpers';

interface InputContact extends IDataObject {
	email: string;
}

function contact(email: string, overrides: IDataObject = {}): InputContact {
	return {
		email,
		firstName: 'Jürgen',
		lastName: 'Muster',
		gender: 'm',
		consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn' },
		...overrides,
	};
}

const many = (count: number, prefix = 'r') => Array.from({ length: count }, (_, i) => contact(`${prefix}${i}@example.org`));

describe('Newsletter2Go Recipient Synchronize Many', () => {
	const { sandbox, listId } = useNewsletter2GoSandbox({ logBodies: true });

	const sync = (input: InputContact[], parameters: IDataObject = {}, staticData?: IDataObject) =>
		runNode(sandbox(), { resource: 'recipient', operation: 'syncMany', list: byId(listId()), ...parameters }, { input, staticData });
	const posts = () => sandbox().log.filter((entry) => entry.method === 'POST' && entry.path === '/recipients');
	const postedRows = () => posts().flatMap((entry) => JSON.parse(entry.body ?? '[]') as IDataObject[]);
	const report = (result: Awaited<ReturnType<typeof sync>>) => result.json(NODE, 0)[0] as { counts: IDataObject; reasons: IDataObject[] };

	it('writes 2,500 recipients in three batch requests, not one request per recipient', async () => {
		const result = await sync(many(2500));

		expect(posts().map((entry) => (JSON.parse(entry.body ?? '[]') as unknown[]).length)).toEqual([1000, 1000, 500]);
		expect(sandbox().state.recipientsOf(listId())).toHaveLength(2500);
		expect(report(result).counts).toMatchObject({ selected: 2500, created: 2500 });
		expect(sandbox().log.size).toBeLessThan(10);
	});

	it('sends lower-cased addresses with names and gender, and never the unsubscribe flag', async () => {
		await sync([contact(' Anna@Example.org ', { gender: 'f', firstName: 'Anna' })]);

		expect(postedRows()).toEqual([{ list_id: listId(), email: 'anna@example.org', first_name: 'Anna', last_name: 'Muster', gender: 'f' }]);
	});

	it('sends no gender Newsletter2Go does not take, and names those recipients in a run warning', async () => {
		const result = await sync([contact('dana@example.org', { gender: 'd' }), contact('emil@example.org')]);

		expect(postedRows().map((row) => row.gender)).toEqual([undefined, 'm']);
		expect((result.json(NODE, 0)[0] as { warnings: string[] }).warnings).toContainEqual(
			'The gender of 1 contact(s) was left out, as Newsletter2Go takes only m and f: dana@example.org.',
		);
	});

	it('reports existing recipients as updated and new ones as created', async () => {
		sandbox().state.seedRecipients(listId(), [{ email: 'r0@example.org' }]);

		const result = await sync(many(3));

		expect(report(result).counts).toMatchObject({ selected: 3, created: 2, updated: 1 });
	});

	it('counts invalid, duplicate and unconsented items and lists invalid ones as rejected', async () => {
		const result = await sync([
			contact('anna@example.org'),
			contact('ANNA@example.org'),
			contact('ben@example.org', { consent: { action: 'skip', reason: 'no permission' } }),
			contact('carl@example.org', { consent: undefined }),
			contact('not-an-email'),
		]);

		expect(report(result).counts).toMatchObject({ selected: 5, created: 1, duplicates: 1, skipped: 2, invalid: 1 });
		expect(result.items(NODE, 1)).toEqual([
			{ json: { email: 'not-an-email', reason: expect.any(String), outcome: 'invalid' }, pairedItem: { item: 4 } },
		]);
	});

	it('takes items without consent decision when the input is trusted', async () => {
		const result = await sync([contact('carl@example.org', { consent: undefined })], { options: { consentMode: 'trust' } });

		expect(report(result).counts).toMatchObject({ created: 1 });
	});

	it('emits one rejected item per recipient Newsletter2Go refuses, with its message', async () => {
		sandbox().state.settings.invalidRecipientMessages = true;
		sandbox().state.settings.blockedDomains = ['blocked.example'];

		const result = await sync([contact('anna@example.org'), contact('eve@blocked.example'), contact('mia@blocked.example')]);

		expect(report(result).counts).toMatchObject({ selected: 3, created: 1, failed: 2 });
		expect(result.items(NODE, 1)).toEqual([
			{
				json: { email: 'eve@blocked.example', reason: 'rejected by Newsletter2Go: Addresses at blocked.example are blocked', outcome: 'failed' },
				pairedItem: { item: 1 },
			},
			{
				json: { email: 'mia@blocked.example', reason: 'rejected by Newsletter2Go: Addresses at blocked.example are blocked', outcome: 'failed' },
				pairedItem: { item: 2 },
			},
		]);
		expect(report(result).reasons).toContainEqual({
			outcome: 'failed',
			email: 'eve@blocked.example',
			reason: 'rejected by Newsletter2Go: Addresses at blocked.example are blocked',
			record: 2,
		});
	});

	it('names Newsletter2Go as the reason when a rejected row carries no message', async () => {
		sandbox().state.settings.blockedDomains = ['blocked.example'];

		const result = await sync([contact('eve@blocked.example')]);

		expect(result.json(NODE, 1)).toEqual([{ email: 'eve@blocked.example', reason: 'rejected by Newsletter2Go', outcome: 'failed' }]);
	});

	it('splits a batch Newsletter2Go refuses as too large and sends the halves', async () => {
		sandbox().state.settings.maxRecipientsPerRequest = 300;

		const result = await sync(many(1000));

		expect(posts().map((entry) => `${entry.status}:${(JSON.parse(entry.body ?? '[]') as unknown[]).length}`)).toEqual([
			'413:1000',
			'413:500',
			'201:250',
			'201:250',
			'413:500',
			'201:250',
			'201:250',
		]);
		expect(report(result).counts).toMatchObject({ created: 1000, failed: 0 });
	});

	it('sends rows with different fields in separate requests so no stored field is blanked', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org', values: { first_name: 'Anna', last_name: 'Alt' } }]);

		await sync([contact('anna@example.org', { firstName: undefined, lastName: 'Neu', gender: 'unknown' }), contact('ben@example.org')]);

		expect(posts()).toHaveLength(2);
		expect(anna.values).toEqual({ first_name: 'Anna', last_name: 'Neu' });
	});

	it('creates a manually mapped attribute the list lacks and sends the item field under it', async () => {
		await sync([contact('anna@example.org', { fields: { customer_no: '4711', other: 'x' } })], {
			fieldMapping: manualMapping({ first_name: '={{ $json.firstName }}', customer_no: '={{ $json.fields.customer_no }}' }),
		});

		expect([...sandbox().state.attributes.values()].map((attribute) => attribute.name)).toEqual(['customer_no']);
		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')?.values).toMatchObject({ customer_no: '4711' });
		expect(postedRows()[0]).not.toHaveProperty('other');
	});

	it('leaves recipients Newsletter2Go has unsubscribed or blacklisted alone', async () => {
		sandbox().state.seedRecipients(listId(), [
			{ email: 'anna@example.org', isUnsubscribed: true },
			{ email: 'ben@example.org', isBlacklisted: true },
		]);

		const result = await sync([contact('anna@example.org'), contact('ben@example.org')]);

		expect(report(result).counts).toMatchObject({ suppressed: 2 });
		expect(posts()).toEqual([]);
		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')?.isUnsubscribed).toBe(true);
	});

	it('unsubscribes opted-out contacts with one filtered request and remembers them', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }, { email: 'ben@example.org' }]);

		const result = await sync([contact('anna@example.org', { consent: { action: 'unsubscribe', reason: 'opted out at the source', at: 1_700_000_000_000 } })]);

		expect(report(result).counts).toMatchObject({ unsubscribed: 1 });
		expect(anna.isUnsubscribed).toBe(true);
		expect(sandbox().state.findRecipient(listId(), 'ben@example.org')?.isUnsubscribed).toBe(false);
		const patch = sandbox().log.filter((entry) => entry.method === 'PATCH');
		expect(patch.map((entry) => [entry.path, entry.query._filter])).toEqual([[`/lists/${listId()}/recipients`, 'email=="anna@example.org"']]);
		expect(JSON.stringify(result.staticData)).toContain(SuppressionLedger.hash('anna@example.org'));
	});

	it('unsubscribes only the opt-outs the list holds, known from the one read of the list', async () => {
		sandbox().state.seedRecipients(listId(), [{ email: 'opt7@example.org' }, { email: 'opt8@example.org', isUnsubscribed: true }]);
		const optOuts = Array.from({ length: 120 }, (_, index) =>
			contact(`opt${index}@example.org`, { consent: { action: 'unsubscribe', reason: 'opted out at the source' } }),
		);

		const result = await sync(optOuts);

		expect(report(result).counts).toMatchObject({ unsubscribed: 120 });
		const patches = sandbox().log.filter((entry) => entry.method === 'PATCH');
		expect(patches.map((entry) => entry.query._filter)).toEqual(['email=="opt7@example.org"']);
		expect(sandbox().state.findRecipient(listId(), 'opt7@example.org')?.isUnsubscribed).toBe(true);
		expect(sandbox().log.size).toBeLessThan(5);
		// all 120 are in the ledger: none of them is written again
		sandbox().state.recipients.clear();
		const again = await sync(optOuts.map((optedOut) => contact(optedOut.email)), {}, result.staticData);
		expect(report(again).counts).toMatchObject({ suppressed: 120, created: 0 });
	});

	it('unsubscribes again on the next run when Newsletter2Go failed to take the unsubscribe', async () => {
		const [anna] = sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }]);
		const optOut = contact('anna@example.org', { consent: { action: 'unsubscribe', reason: 'opted out at the source' } });
		sandbox().faults.set({ kinds: ['500'], match: (request) => request.method === 'PATCH' });
		const sleeps = recordSleeps();

		const failed = await sync([optOut]).finally(() => sleeps.restore());

		expect(failed.status).toBe('error');
		expect(anna.isUnsubscribed).toBe(false);
		sandbox().faults.clear();
		const rerun = await sync([optOut], {}, failed.staticData);

		expect(rerun.status).toBe('success');
		expect(anna.isUnsubscribed).toBe(true);
	});

	it('does not resubscribe an address the ledger holds after Newsletter2Go lost it', async () => {
		const first = await sync([contact('anna@example.org', { consent: { action: 'unsubscribe', reason: 'opted out' } })]);
		sandbox().state.recipients.clear();

		const second = await sync([contact('anna@example.org')], {}, first.staticData);

		expect(report(second).counts).toMatchObject({ suppressed: 1, created: 0 });
		expect(sandbox().state.recipientsOf(listId())).toEqual([]);
	});

	it('resubscribes after an opt-in dated after the unsubscribe and then releases the ledger entry', async () => {
		const unsubscribedAt = Date.UTC(2026, 0, 1);
		const hash = SuppressionLedger.hash('anna@example.org');
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org', isUnsubscribed: true }]);

		const result = await sync(
			[contact('anna@example.org', { consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', at: unsubscribedAt + 1000 } })],
			{},
			{ global: { suppressionLedger: { version: 1, entries: { [hash]: unsubscribedAt } } } },
		);

		expect(postedRows()[0]).toMatchObject({ email: 'anna@example.org', is_unsubscribed: false });
		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')?.isUnsubscribed).toBe(false);
		expect(report(result).counts).toMatchObject({ updated: 1 });
		expect(JSON.stringify(result.staticData)).not.toContain(hash);
	});

	it('keeps the ledger entry of a re-consented address that Newsletter2Go refuses', async () => {
		sandbox().state.settings.blockedDomains = ['blocked.example'];
		const unsubscribedAt = Date.UTC(2026, 0, 1);
		const hash = SuppressionLedger.hash('eve@blocked.example');

		const result = await sync(
			[contact('eve@blocked.example', { consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', at: unsubscribedAt + 1000 } })],
			{},
			{ global: { suppressionLedger: { version: 1, entries: { [hash]: unsubscribedAt } } } },
		);

		expect(report(result).counts).toMatchObject({ failed: 1 });
		expect(JSON.stringify(result.staticData)).toContain(hash);
	});

	it('lifts the ledger entry of a batch Newsletter2Go took and keeps the one of the batch it never acknowledged', async () => {
		const unsubscribedAt = Date.UTC(2026, 0, 1);
		const reconsent = (email: string) => contact(email, { consent: { action: 'send', reason: 'explicit opt-in', status: 'optIn', at: unsubscribedAt + 1000 } });
		const [anna, ben] = ['anna@example.org', 'ben@example.org'].map((email) => SuppressionLedger.hash(email));
		// the first batch goes through, the second meets a Newsletter2Go that keeps failing
		sandbox().faults.set({ kinds: ['500'], afterRequests: 1, match: (request) => request.method === 'POST' && request.path === '/recipients' });
		const sleeps = recordSleeps();

		const result = await sync([reconsent('anna@example.org'), reconsent('ben@example.org')], { options: { batchSize: 1 } }, {
			global: { suppressionLedger: { version: 1, entries: { [anna]: unsubscribedAt, [ben]: unsubscribedAt } } },
		}).finally(() => sleeps.restore());

		expect(result.status).toBe('error');
		expect(sandbox().state.findRecipient(listId(), 'anna@example.org')).toBeDefined();
		expect(JSON.stringify(result.staticData)).not.toContain(anna);
		expect(JSON.stringify(result.staticData)).toContain(ben);
	});

	it('reports the counts of a dry run and writes nothing', async () => {
		sandbox().state.seedRecipients(listId(), [{ email: 'anna@example.org' }]);

		const result = await sync(
			[contact('anna@example.org'), contact('ben@example.org'), contact('carl@example.org', { consent: { action: 'unsubscribe', reason: 'x' } })],
			{ dryRun: true, fieldMapping: manualMapping({ customer_no: '={{ $json.fields.customer_no }}' }) },
		);

		expect(report(result)).toMatchObject({ dryRun: true, counts: { selected: 3, created: 1, updated: 1, unsubscribed: 1 } });
		expect(sandbox().log.filter((entry) => entry.method !== 'GET' && entry.path !== '/oauth/v2/token')).toEqual([]);
		expect(JSON.stringify(result.staticData)).not.toContain(SuppressionLedger.hash('carl@example.org'));
	});

	it('looks a few addresses up by filter instead of reading a large list page by page', async () => {
		sandbox().state.seedRecipients(listId(), Array.from({ length: 2500 }, (_, i) => ({ email: `old${i}@example.org` })));

		const result = await sync([contact('old5@example.org'), contact('new@example.org')]);

		const reads = sandbox().log.filter((entry) => entry.method === 'GET');
		expect(reads.map((entry) => (entry.query._filter ? 'filter' : `page@${String(entry.query._offset)}`))).toEqual(['page@0', 'filter']);
		expect(report(result).counts).toMatchObject({ created: 1, updated: 1 });
	});

	it('looks up only the contacts to write when the list is too large to read, and unsubscribes opt-outs by filter', async () => {
		// five pages: four more reads cost more than one lookup and one unsubscribe by filter
		sandbox().state.seedRecipients(listId(), Array.from({ length: 4500 }, (_, i) => ({ email: `old${i}@example.org` })));
		const optOut = (email: string) => contact(email, { consent: { action: 'unsubscribe', reason: 'opted out at the source' } });

		await sync([contact('old5@example.org'), optOut('old6@example.org'), optOut('gone@example.org')]);

		const filters = (method: string) =>
			sandbox().log.filter((entry) => entry.method === method && entry.query._filter !== undefined).map((entry) => entry.query._filter);
		expect(filters('GET')).toEqual(['email=="old5@example.org"']);
		expect(filters('PATCH')).toEqual(['email=="old6@example.org",email=="gone@example.org"']);
		expect(sandbox().state.findRecipient(listId(), 'old6@example.org')?.isUnsubscribed).toBe(true);
	});

	it('retries a 503 and counts the retry in the report', async () => {
		sandbox().faults.set({ kinds: ['503'], retryAfterSeconds: 0, times: 1, match: (request) => request.method === 'POST' && request.path === '/recipients' });

		const result = await sync(many(2));

		expect(report(result).counts).toMatchObject({ created: 2, retried: 1 });
	});

	it('links the report to every input item', async () => {
		const result = await sync(many(3));

		expect(result.items(NODE, 0)[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
