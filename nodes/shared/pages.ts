/**
 * Every record of a paged read, in page order. Only for reads the caller bounds (a `limit`, or a
 * list known to be small); large pulls go page by page into batches instead.
 */
export async function readAllPages<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
	const records: T[] = [];
	for await (const page of pages) records.push(...page);
	return records;
}
