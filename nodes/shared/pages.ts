/**
 * Every record of a paged read, in page order. Only for reads the caller bounds (a `limit`, or a
 * list known to be small); large pulls go page by page into batches instead.
 */
export async function readAllPages<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
	const records: T[] = [];
	for await (const page of pages) records.push(...page);
	return records;
}

/**
 * The `limit` bookkeeping of a pager: how many records to ask for, which records of a page to pass
 * on, and when to stop. Without a limit it passes everything on and never stops the pager.
 */
export class PageLimit {
	private yielded = 0;

	constructor(private readonly limit?: number) {}

	/** The page size to ask for: `pageSize`, or less when the limit wants fewer records. */
	pageSize(pageSize: number): number {
		return this.limit === undefined ? pageSize : Math.min(pageSize, this.limit - this.yielded);
	}

	/** The records of `page` the limit still wants, counted as passed on. */
	take<T>(page: T[]): T[] {
		const wanted = this.limit === undefined ? page : page.slice(0, this.limit - this.yielded);
		this.yielded += wanted.length;
		return wanted;
	}

	/** Whether the limit is reached, so the pager must not ask for another page. */
	get reached(): boolean {
		return this.limit !== undefined && this.yielded >= this.limit;
	}
}
