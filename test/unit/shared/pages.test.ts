import { readAllPages } from '../../../nodes/shared/pages';

async function* pagesOf<T>(...pages: T[][]): AsyncGenerator<T[]> {
	for (const page of pages) yield page;
}

describe('readAllPages', () => {
	it('joins the pages in order', async () => {
		expect(await readAllPages(pagesOf([1, 2], [], [3]))).toEqual([1, 2, 3]);
	});

	it('returns an empty list for a read without pages', async () => {
		expect(await readAllPages(pagesOf<number>())).toEqual([]);
	});
});
