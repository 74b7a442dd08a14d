import { NodeApiError, type INode } from 'n8n-workflow';

import { sendSplittingOnRefusal } from '../../../../nodes/shared/n8n/http';

const node: INode = { id: '1', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function refusal(httpCode: string, message: string): NodeApiError {
	return new NodeApiError(node, { message }, { message, httpCode });
}

/** A platform that refuses any request of more than `max` rows with `error`, and records the sizes it saw. */
function platform(max: number, error: (size: number) => Error) {
	const sizes: number[] = [];
	const send = async (rows: number[]): Promise<string> => {
		sizes.push(rows.length);
		if (rows.length > max) throw error(rows.length);
		return `ok ${rows.join(',')}`;
	};
	return { sizes, send };
}

describe('sendSplittingOnRefusal', () => {
	it('sends the rows once when the platform takes them', async () => {
		const { sizes, send } = platform(10, () => refusal('413', 'too large'));
		const accepted: Array<[number[], string]> = [];

		await sendSplittingOnRefusal(node, [1, 2, 3], send, (rows, answer) => {
			accepted.push([rows, answer]);
		});

		expect(sizes).toEqual([3]);
		expect(accepted).toEqual([[[1, 2, 3], 'ok 1,2,3']]);
	});

	it.each([
		['a 413', refusal('413', 'Payload Too Large')],
		['a 400 naming the size', refusal('400', 'Batch size exceeds the limit')],
	])('halves the rows, in order, until each part fits after %s', async (_, error) => {
		const { sizes, send } = platform(2, () => error);
		const accepted: number[][] = [];

		await sendSplittingOnRefusal(node, [1, 2, 3, 4, 5], send, (rows) => {
			accepted.push(rows);
		});

		expect(sizes).toEqual([5, 3, 2, 1, 2]);
		expect(accepted).toEqual([[1, 2], [3], [4, 5]]);
	});

	it('does not split a single row the platform refuses', async () => {
		const { sizes, send } = platform(0, () => refusal('413', 'Payload Too Large'));

		await expect(sendSplittingOnRefusal(node, [1], send, () => undefined)).rejects.toThrow('Payload Too Large');
		expect(sizes).toEqual([1]);
	});

	it('passes any other failure on as a NodeApiError without splitting', async () => {
		const { sizes, send } = platform(0, () => new Error('connection reset'));

		const failure: unknown = await sendSplittingOnRefusal(node, [1, 2], send, () => undefined).catch(
			(error: unknown) => error,
		);

		expect(failure).toBeInstanceOf(NodeApiError);
		expect((failure as NodeApiError).message).toBe('connection reset');
		expect(sizes).toEqual([2]);
	});
});
