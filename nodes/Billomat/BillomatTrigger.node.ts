import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { pickedOptionsSubtitle } from '../shared/n8n/actionNode';
import { optionsProperty } from '../shared/n8n/properties';
import { orderByOf, sortByIdProperty } from './actions/descriptions';
import { pagesOf } from './actions/reads';
import { buildCursor, chooseDetection, findChanges, readCursor } from './changes';
import type { ChangeDetection, ClientEvent, TriggerCursor } from './changes';
import { normaliseRecord, readList, type BillomatRecord } from './mapping';
import { readAllPages } from '../shared/pages';
import { rateLimitClock } from './rateLimit';
import { billomatRequest } from './transport';
import { readerOf } from '../shared/n8n/parameters';

// Requests stop this long before n8n's poll budget ends, so the poll can still return.
const BUDGET_MARGIN_MS = 10_000;

interface TriggerParams {
	events: ClientEvent[];
	detection: 'auto' | ChangeDetection;
	orderBy?: string;
}

function readParams(this: IPollFunctions): TriggerParams {
	const parameter = readerOf((name, fallback) => this.getNodeParameter(name, fallback));
	const events = parameter.choices<ClientEvent>('events', ['newClient', 'updatedClient']);
	if (events.length === 0) {
		throw new NodeOperationError(this.getNode(), 'No event selected', {
			description: 'Choose "New Client", "Updated Client" or both under "Trigger On".',
		});
	}
	const options = parameter.collection('options');
	const detection = options.changeDetection;
	return {
		events,
		detection: detection === 'updated' || detection === 'fingerprint' ? detection : 'auto',
		orderBy: orderByOf(options.sortById),
	};
}

function toItem(event: ClientEvent, client: BillomatRecord): IDataObject {
	return { event, ...(normaliseRecord(client) as IDataObject) };
}

function saveCursor(staticData: IDataObject, cursor: TriggerCursor): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, cursor);
}

const eventsProperty: INodeProperties = {
	displayName: 'Trigger On',
	name: 'events',
	type: 'multiOptions',
	required: true,
	options: [
		{ name: 'New Client', value: 'newClient', description: 'A client was created' },
		{ name: 'Updated Client', value: 'updatedClient', description: 'An existing client was changed' },
	],
	default: ['newClient', 'updatedClient'],
};

export class BillomatTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Billomat Trigger',
		name: 'billomatTrigger',
		icon: { light: 'file:billomat.svg', dark: 'file:billomat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: pickedOptionsSubtitle(eventsProperty),
		// n8n's node search lists this trigger under the Billomat node's entry with this text, so it describes both.
		description:
			'Read Billomat clients and contact persons as newsletter recipients with consent, and write tags back, or start a workflow when clients change',
		defaults: { name: 'Billomat Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'billomatApi', required: true }],
		properties: [
			{
				displayName:
					'Billomat has no "changed since" filter, so every poll reads all clients (one request per 1000). Large accounts should poll at most every 15 minutes to stay within 300 requests per 15 minutes.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			eventsProperty,
			optionsProperty([
				{
					displayName: 'Change Detection',
					name: 'changeDetection',
					type: 'options',
					options: [
						{
							name: 'Automatic',
							value: 'auto',
							description: 'Use the "updated" stamp if Billomat sends one for every client, else content digests',
						},
						{
							name: 'Updated Stamp',
							value: 'updated',
							description: 'Any change Billomat stamps counts; clients without a stamp are only seen when new',
						},
						{
							name: 'Content Digest',
							value: 'fingerprint',
							description:
								'Only changes of newsletter fields (email, names, address, client number, archived) count; keeps a short digest per client',
						},
					],
					default: 'auto',
					description:
						'How changed clients are recognised. Whether Billomat sends "updated" for clients is not confirmed.',
				},
				sortByIdProperty,
			]),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const params = readParams.call(this);

		if (this.getMode() === 'manual') {
			// a sample for the editor: the newest client; the cursor is neither read nor moved
			const response = await billomatRequest.call(this, 'GET', '/clients', {
				qs: { per_page: 1, page: 1, order_by: params.orderBy === undefined ? undefined : 'id DESC' },
			});
			const sample = readList(response.body, 'clients', 'client').items[0];
			if (sample === undefined) {
				throw new NodeOperationError(this.getNode(), 'The Billomat account has no clients yet', {
					description: 'Create a client in Billomat, then fetch a test event again.',
				});
			}
			return [this.helpers.returnJsonArray([toItem(params.events[0], sample)])];
		}

		const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
		const deadline = budget === undefined ? undefined : rateLimitClock.now() + budget - BUDGET_MARGIN_MS;
		// a full scan every time (billomat.md §5: no changed-since filter); nothing is stored until it is complete
		const clients = await readAllPages(pagesOf.call(this, 'clients', {}, { orderBy: params.orderBy, deadline }));

		const staticData = this.getWorkflowStaticData('node');
		const previous = readCursor(staticData);
		const detection = params.detection === 'auto' ? (previous?.detection ?? chooseDetection(clients)) : params.detection;
		if (previous === undefined || previous.detection !== detection) {
			// first poll: remember where Billomat stands, emit nothing (activation must not replay history)
			saveCursor(staticData, buildCursor(clients, detection));
			return null;
		}
		const { changes, next } = findChanges(previous, clients);
		saveCursor(staticData, next);
		const wanted = changes.filter((change) => params.events.includes(change.event));
		if (wanted.length === 0) return null;
		return [this.helpers.returnJsonArray(wanted.map((change) => toItem(change.event, change.client)))];
	}
}
