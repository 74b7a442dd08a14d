import { queryValue } from '../../framework/types';
import type { SandboxRequest, SandboxResponse } from '../../framework/types';
import { BillomatError, renderList } from '../render';
import type { Format, Nested } from '../render';
import type { BillomatState, StoredRecord } from '../state';

function readPositive(request: SandboxRequest, name: string, fallback: number): number {
	const raw = queryValue(request.query, name);
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 1) throw new BillomatError(400, [`Invalid value for ${name}`]);
	return value;
}

/** `order_by=field [ASC|DESC], …` (billomat.md §5); numbers compare as numbers. */
function sortRecords(
	state: BillomatState,
	records: StoredRecord[],
	orderBy: string | undefined,
	options: ListOptions,
): void {
	if (orderBy === undefined || orderBy.trim() === '') return;
	const fields = options.fields;
	const valueOf = options.sortValue ?? ((record: StoredRecord, field: string) => record[field] ?? '');
	const keys = orderBy.split(',').map((part) => {
		const match = /^\s*(\w+)(?:\s+(ASC|DESC))?\s*$/i.exec(part);
		if (match === null || !fields.includes(match[1]) || (match[1] === 'id' && !state.settings.idSortable)) {
			throw new BillomatError(400, [`Invalid order_by: ${part.trim()}`]);
		}
		return { field: match[1], direction: match[2]?.toUpperCase() === 'DESC' ? -1 : 1 };
	});
	// records are kept in creation order, which is id order: skip sorting 100,000 clients per page
	if (keys.length === 1 && keys[0].field === 'id' && keys[0].direction === 1) return;
	records.sort((a, b) => {
		for (const { field, direction } of keys) {
			const x = valueOf(a, field);
			const y = valueOf(b, field);
			const numeric = x !== '' && y !== '' && !Number.isNaN(Number(x)) && !Number.isNaN(Number(y));
			const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
			if (order !== 0) return order * direction;
		}
		return 0;
	});
}

export interface ListOptions {
	readonly listKey: string;
	readonly itemKey: string;
	/** Fields `order_by` accepts. */
	readonly fields: readonly string[];
	/** Turns a stored record into what the list shows (defaults, nested collections). */
	readonly expand?: (record: StoredRecord) => Nested;
	/** A field's shown value for sorting. @default the stored value */
	readonly sortValue?: (record: StoredRecord, field: string) => string;
}

/** One page of `records` with Billomat's paging (billomat.md §5): `per_page` default 100, at most the maximum. */
export function listPage(
	state: BillomatState,
	request: SandboxRequest,
	format: Format,
	records: StoredRecord[],
	options: ListOptions,
): SandboxResponse {
	let perPage = readPositive(request, 'per_page', 100);
	if (perPage > state.settings.maxPerPage) {
		if (state.settings.perPageAbove === 'error') {
			throw new BillomatError(400, [`per_page must not exceed ${state.settings.maxPerPage}`]);
		}
		perPage = state.settings.maxPerPage;
	}
	const page = readPositive(request, 'page', 1);
	sortRecords(state, records, queryValue(request.query, 'order_by'), options);
	const slice = records.slice((page - 1) * perPage, page * perPage);
	return renderList(
		format,
		{
			listKey: options.listKey,
			itemKey: options.itemKey,
			records: slice.map((record) => options.expand?.(record) ?? record),
			page,
			perPage,
			total: records.length,
		},
		state.settings,
	);
}

/** Case-insensitive "contains", Billomat's matching for text filters (billomat.md §7.2). */
export function contains(value: string | undefined, wanted: string): boolean {
	return (value ?? '').toLowerCase().includes(wanted.toLowerCase());
}
