import type {
	DataTable,
	DataTableColumn,
	DataTableColumnJsType,
	DataTableFilter,
	DataTableProxyProvider,
	DataTableRow,
	DataTableRowReturn,
	IDataTableProjectAggregateService,
	IDataTableProjectService,
	ListDataTableRowsOptions,
} from 'n8n-workflow';

import { SUPPRESSION_LIST_COLUMNS, SUPPRESSION_LIST_NAME } from '../../nodes/shared/suppressionList';

const PROJECT_ID = 'harness-project';

interface Table {
	readonly info: DataTable;
	rows: DataTableRowReturn[];
	nextId: number;
}

/**
 * n8n's data tables in memory, behind the provider n8n-core asks for (`additionalData['data-table']`),
 * so n8n's own Data table node runs in-process. Like n8n's: unknown columns are refused, an upsert
 * updates every row its filter matches or inserts one, reads page with skip/take and a total count,
 * and nothing makes a column unique.
 */
export class InMemoryDataTables {
	private readonly tables = new Map<string, Table>();

	private nextTable = 1;

	/** Requests the Data table node made, by kind, to see what a workflow costs. */
	readonly calls = { read: 0, write: 0 };

	createTable(name: string, columns: readonly string[]): string {
		const id = `table${this.nextTable++}`;
		const now = new Date();
		const info: DataTable = {
			id,
			name,
			projectId: PROJECT_ID,
			createdAt: now,
			updatedAt: now,
			columns: columns.map((column, index): DataTableColumn => ({ id: `${id}-${column}`, name: column, type: 'string', index, dataTableId: id })),
		};
		this.tables.set(id, { info, rows: [], nextId: 1 });
		return id;
	}

	/** The table the templates use, created empty. */
	createSuppressionList(): string {
		return this.createTable(SUPPRESSION_LIST_NAME, SUPPRESSION_LIST_COLUMNS);
	}

	rows(nameOrId: string): DataTableRowReturn[] {
		return this.table(nameOrId).rows.map((row) => ({ ...row }));
	}

	/** Adds rows as a person would in the Data tables view. */
	insert(nameOrId: string, rows: DataTableRow[]): void {
		const table = this.table(nameOrId);
		for (const row of rows) this.insertRow(table, row);
	}

	provider(): DataTableProxyProvider {
		return {
			getDataTableAggregateProxy: async () => this.aggregate(),
			getDataTableProxy: async (_workflow, _node, dataTableId) => this.proxy(this.table(dataTableId)),
		};
	}

	private table(nameOrId: string): Table {
		const byId = this.tables.get(nameOrId);
		if (byId) return byId;
		const byName = [...this.tables.values()].find((table) => table.info.name.toLowerCase() === nameOrId.toLowerCase());
		if (!byName) throw new Error(`Data table "${nameOrId}" not found`);
		return byName;
	}

	private aggregate(): IDataTableProjectAggregateService {
		return {
			getProjectId: () => PROJECT_ID,
			createDataTable: async ({ name, columns }) => this.table(this.createTable(name, columns.map((column) => column.name))).info,
			getManyAndCount: async ({ filter, take }) => {
				const wanted = filter?.name;
				const data = [...this.tables.values()]
					.map((table) => table.info)
					.filter((info) => wanted === undefined || (typeof wanted === 'string' && info.name.toLowerCase() === wanted.toLowerCase()));
				return { count: data.length, data: take === undefined ? data : data.slice(0, take) };
			},
			deleteDataTableAll: async () => {
				this.tables.clear();
				return true;
			},
		};
	}

	private insertRow(table: Table, data: DataTableRow): DataTableRowReturn {
		this.checkColumns(table, data);
		const now = new Date();
		const row = { ...data, id: table.nextId++, createdAt: now, updatedAt: now } as DataTableRowReturn;
		table.rows.push(row);
		return row;
	}

	private checkColumns(table: Table, data: DataTableRow): void {
		const known = new Set(table.info.columns.map((column) => column.name));
		for (const key of Object.keys(data)) {
			if (!known.has(key)) throw new Error(`unknown column name '${key}' in table "${table.info.name}"`);
		}
	}

	private proxy(table: Table): IDataTableProjectService {
		const matching = (filter?: DataTableFilter) => table.rows.filter((row) => matches(row, filter));
		const unsupported = async (): Promise<never> => {
			throw new Error('Not modelled by the in-memory data tables');
		};
		return {
			updateDataTable: unsupported,
			deleteDataTable: unsupported,
			addColumn: unsupported,
			moveColumn: unsupported,
			deleteColumn: unsupported,
			getColumns: async () => table.info.columns,
			getManyRowsAndCount: async (options: Partial<ListDataTableRowsOptions>) => {
				this.calls.read++;
				const all = matching(options.filter);
				const skip = options.skip ?? 0;
				const data = all.slice(skip, options.take === undefined ? undefined : skip + options.take);
				return { count: all.length, data: data.map((row) => ({ ...row })) };
			},
			insertRows: (async (rows: DataTableRow[]) => {
				this.calls.write++;
				return rows.map((row) => ({ ...this.insertRow(table, row) }));
			}) as IDataTableProjectService['insertRows'],
			updateRows: async ({ filter, data }) => {
				this.calls.write++;
				this.checkColumns(table, data);
				const rows = matching(filter);
				for (const row of rows) Object.assign(row, data, { updatedAt: new Date() });
				return rows.map((row) => ({ ...row }));
			},
			upsertRow: async ({ filter, data, dryRun }) => {
				this.calls.write++;
				this.checkColumns(table, data);
				if (dryRun) return [];
				const rows = matching(filter);
				if (rows.length === 0) return [{ ...this.insertRow(table, data) }];
				for (const row of rows) Object.assign(row, data, { updatedAt: new Date() });
				return rows.map((row) => ({ ...row }));
			},
			deleteRows: async ({ filter }) => {
				this.calls.write++;
				const rows = matching(filter);
				table.rows = table.rows.filter((row) => !rows.includes(row));
				return rows;
			},
			clearRows: async () => {
				const deletedCount = table.rows.length;
				table.rows = [];
				return { deletedCount };
			},
		};
	}
}

function matches(row: DataTableRowReturn, filter?: DataTableFilter): boolean {
	if (!filter || filter.filters.length === 0) return true;
	const results = filter.filters.map(({ columnName, condition, value }) => test(row[columnName], condition, value));
	return filter.type === 'or' ? results.some(Boolean) : results.every(Boolean);
}

function test(actual: DataTableColumnJsType | undefined, condition: DataTableFilter['filters'][number]['condition'], value: DataTableColumnJsType): boolean {
	const empty = actual === null || actual === undefined || actual === '';
	switch (condition) {
		case 'isEmpty':
			return empty;
		case 'isNotEmpty':
			return !empty;
		case 'eq':
			return value === null ? actual === null || actual === undefined : String(actual) === String(value);
		case 'neq':
			return String(actual) !== String(value);
		case 'like':
		case 'ilike': {
			const pattern = String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*');
			return new RegExp(`^${pattern}$`, condition === 'ilike' ? 'i' : '').test(String(actual ?? ''));
		}
		case 'gt':
			return String(actual) > String(value);
		case 'gte':
			return String(actual) >= String(value);
		case 'lt':
			return String(actual) < String(value);
		case 'lte':
			return String(actual) <= String(value);
	}
}
