import type { IDataObject } from 'n8n-workflow';

import { contactItem, requestsTo, runMaileon, useMaileonSandbox } from '../helpers';

const SYNC = { resource: 'contact', operation: 'syncMany', setMarker: false };

function contacts(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) => contactItem(`person${index}@example.org`));
}

/** Contacts per `POST /contacts` body, read from the request log in order. */
function batchSizes(bodies: readonly (string | undefined)[]): number[] {
	return bodies.map((body) => (body ?? '').split('<contact>').length - 1);
}

describe('Maileon Synchronize Many batching', () => {
	const { sandbox } = useMaileonSandbox({ logBodies: true });

	it('sends 2,500 contacts in 3 requests of at most 1000', async () => {
		const result = await runMaileon(sandbox(), SYNC, { input: contacts(2500) });

		const syncs = requestsTo(sandbox(), 'POST', '/contacts');
		expect(batchSizes(syncs.map((entry) => entry.body))).toEqual([1000, 1000, 500]);
		expect(result.json('Maileon', 0)[0].counts).toMatchObject({ selected: 2500, created: 2500 });
		expect(sandbox().state.listContacts()).toHaveLength(2500);
	});

	it('honours a smaller Batch Size option', async () => {
		await runMaileon(
			sandbox(),
			{ ...SYNC, options: { batchSize: 400 } },
			{ input: contacts(1000) },
		);

		expect(
			batchSizes(requestsTo(sandbox(), 'POST', '/contacts').map((entry) => entry.body)),
		).toEqual([400, 400, 200]);
	});

	it('fills one batch per permission and sends each as soon as it is full, the rest at the end', async () => {
		// J (opt-in) and K (customer relationship) contacts alternate: two permissions, two requests per batch size
		const input = Array.from({ length: 7 }, (_, index) =>
			contactItem(`person${index}@example.org`, {
				consent: index % 2 === 0 ? { action: 'send', reason: 'opt-in', status: 'optIn' } : { action: 'send', reason: 'customer', status: 'relationship' },
			}),
		);

		const result = await runMaileon(sandbox(), { ...SYNC, options: { batchSize: 2 } }, { input });

		const syncs = requestsTo(sandbox(), 'POST', '/contacts');
		expect(syncs.map((entry) => [entry.query.permission, (entry.body ?? '').match(/person\d/g)?.join(' ')])).toEqual([
			['2', 'person0 person2'],
			['6', 'person1 person3'],
			['2', 'person4 person6'],
			['6', 'person5'],
		]);
		expect(result.json('Maileon', 0)[0].counts).toMatchObject({ selected: 7, created: 7 });
	});

	it.each([[413 as const], [400 as const]])(
		'splits a batch Maileon refuses as too large (%i) and sends the halves',
		async (status) => {
			sandbox().state.settings.maxBatchSize = 300;
			sandbox().state.settings.oversizeStatus = status;

			const result = await runMaileon(sandbox(), SYNC, { input: contacts(1000) });

			const syncs = requestsTo(sandbox(), 'POST', '/contacts');
			expect(syncs.map((entry) => [entry.status, batchSizes([entry.body])[0]])).toEqual([
				[status, 1000],
				[status, 500],
				[200, 250],
				[200, 250],
				[status, 500],
				[200, 250],
				[200, 250],
			]);
			expect(result.json('Maileon', 0)[0].counts).toMatchObject({ created: 1000, failed: 0 });
			expect(sandbox().state.listContacts()).toHaveLength(1000);
		},
	);
});
