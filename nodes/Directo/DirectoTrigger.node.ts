import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';

import { optionsProperty } from '../shared/n8n/properties';
import { filtersProperty, readRecordSelection } from './actions/descriptions';
import { toJson } from './actions/listing';
import { selectRecords } from './actions/records';
import { type CursorState, PollWindow } from './cursor';
import { directoApiTest } from './methods/credentialTest';
import type { DirectoComponent } from './mapping';
import { readSettings } from './transport';
import { readerOf } from '../shared/n8n/parameters';

/** Overlap default of directo.md §13 #2: `ts` is filtered by date, so a day is re-read. */
const DEFAULT_OVERLAP_HOURS = 24;

export class DirectoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Directo Trigger',
		name: 'directoTrigger',
		icon: { light: 'file:directo.svg', dark: 'file:directo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Changed " + $parameter["watch"] + "s"}}',
		// n8n's node search lists this trigger under the Directo node's entry with this text, so it describes both.
		description:
			'Read customers and contacts from the Directo ERP as newsletter contacts with consent, and write opt-outs back, or start a workflow when they change',
		defaults: { name: 'Directo Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'directoApi', required: true, testedBy: 'directoApiTest' }],
		properties: [
			{
				displayName:
					'Each poll reads the cards Directo changed since the newest change of the previous poll, and emits every changed card once. The first poll after activation only marks where the history ends.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				options: [
					{ name: 'Customer', value: 'customer' },
					{ name: 'Contact', value: 'contact' },
				],
				default: 'customer',
			},
			{
				...filtersProperty('customer', { changedSince: false, includeClosed: true }),
				displayOptions: { show: { watch: ['customer'] } },
			},
			{
				...filtersProperty('contact', { changedSince: false, includeClosed: true }),
				displayOptions: { show: { watch: ['contact'] } },
			},
			optionsProperty([
				{
					displayName: 'Overlap (Hours)',
					name: 'overlapHours',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: DEFAULT_OVERLAP_HOURS,
					description:
						'How far before the newest change already seen each poll reads again, so changes that Directo makes visible late are not missed; repeats are filtered out',
				},
			]),
		],
	};

	methods = { credentialTest: { directoApiTest } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = await readSettings.call(this);
		const what: DirectoComponent =
			this.getNodeParameter('watch', 'customer') === 'contact' ? 'contact' : 'customer';
		const parameter = readerOf((name, fallback) => this.getNodeParameter(name, fallback));
		const filters = parameter.collection('filters');
		const selection = readRecordSelection(this.getNode(), filters, settings.timeZone, true);
		const options = parameter.collection('options');
		const overlapHours = Number(options.overlapHours ?? DEFAULT_OVERLAP_HOURS);
		if (!Number.isFinite(overlapHours) || overlapHours < 0) {
			throw new NodeOperationError(
				this.getNode(),
				`"Overlap (Hours)" must be 0 or more, got ${String(options.overlapHours)}`,
			);
		}
		const state = this.getWorkflowStaticData('node') as CursorState & IDataObject;
		const window = new PollWindow(state, overlapHours);
		// every record Directo sent moves the cursor, also one the trigger's filters drop
		const records = selectRecords.call(this, what, { ...selection, since: window.readFrom }, settings, {
			onRecord: (record) => window.observe(record),
		});

		if (this.getMode() === 'manual') {
			// "Fetch test event": one card to build the workflow with; the cursor stays where it is
			for await (const record of records) return [this.helpers.returnJsonArray([toJson(record)])];
			return null;
		}

		for await (const record of records) window.offer(record);
		const { fresh, state: next } = window.finish();
		// written only after the whole answer was read: a failed poll leaves the cursor untouched
		delete state.cursor;
		delete state.seen;
		Object.assign(state, next);
		return fresh.length === 0 ? null : [this.helpers.returnJsonArray(fresh.map(toJson))];
	}
}
