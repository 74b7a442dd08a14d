import { Readable } from 'node:stream';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { execute, openExport } from '../../../../nodes/Kufer/actions/export/parse.operation';
import { testLogger } from '../../../harness/logger';
import { concat, hostile } from '../../../sandbox/kufer';
import { address, exportOf, parseExport } from '../helpers';

const PREFIX = 'Could not read the KUFER export "adressen-1.xml": ';
const DTD_HELP =
	'KUFER exports never contain a DOCTYPE or entities. The file is not a KUFER export or was altered; check where it came from.';

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	for await (const chunk of stream) chunks.push(chunk);
	return concat(...chunks);
}

/**
 * The harness keeps binary data in memory, so n8n's filesystem mode (a binary id, read as a stream)
 * is reached only with a context that hands out a stream, as n8n-core's `getBinaryStream` does.
 */
function streamContext(stream: AsyncIterable<Uint8Array>, options: IDataObject): IExecuteFunctions {
	const node = { name: 'KUFER', type: 'n8n-nodes-newsletter-sync.kufer', typeVersion: 1 } as INode;
	const parameters: IDataObject = { output: 'all', options };
	return {
		getNode: () => node,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) =>
			parameters[name] ?? fallback,
		getWorkflowStaticData: () => ({}),
		continueOnFail: () => false,
		addExecutionHints: () => undefined,
		logger: testLogger,
		helpers: {
			assertBinaryData: () => ({
				id: 'filesystem-v2:export',
				fileName: 'gross.xml',
				data: '',
				mimeType: 'application/xml',
			}),
			getBinaryStream: async () => Readable.from(stream),
			getBinaryDataBuffer: async () => {
				throw new Error('the buffer must not be read when the file has a binary id');
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('KUFER Parse with broken and hostile files', () => {
	it.each([
		[
			'a billion-laughs entity bomb',
			hostile.billionLaughs(),
			'The XML document contains a DOCTYPE declaration; DTDs and entities are not allowed for security reasons',
		],
		[
			'an external entity (XXE)',
			hostile.externalEntity(),
			'The XML document contains a DOCTYPE declaration; DTDs and entities are not allowed for security reasons',
		],
		[
			'a DOCTYPE with an external DTD',
			hostile.doctype(),
			'The XML document contains a DOCTYPE declaration; DTDs and entities are not allowed for security reasons',
		],
		[
			'an ENTITY declaration inside the root',
			hostile.entityInBody(),
			'The XML document contains an ENTITY declaration; DTDs and entities are not allowed for security reasons',
		],
	])('refuses %s before expanding anything', async (_name, bytes, message) => {
		const result = await parseExport(bytes);

		expect(result.error?.message).toBe(PREFIX + message);
		expect((result.error as { description?: string }).description).toBe(DTD_HELP);
	});

	it.each([
		[
			'a truncated file',
			hostile.truncated(),
			'The XML document ends before <adresse> is closed (record 3, near byte 1020).',
		],
		[
			'mismatched tags',
			hostile.malformed(),
			'The XML document has </mail> where </email> should be (record 1, near byte 39).',
		],
		[
			'elements nested 1000 levels deep',
			hostile.deepNesting(),
			'The XML document nests elements deeper than 32 levels (`maxDepth`) (record 1, near byte 109).',
		],
		[
			'a 2 MiB record',
			hostile.hugeRecord(),
			'The XML document has a tag, comment or text longer than 1 MiB (`maxRecordBytes`) (record 1, near byte 127).',
		],
		[
			'an encoding KUFER never writes',
			hostile.unsupportedEncoding(),
			'The XML declaration names the encoding "Shift_JIS", which is not supported; supported are UTF-8, UTF-16, ISO-8859-1 and Windows-1252.',
		],
		[
			'bytes that are not XML',
			hostile.notXml(),
			'The XML document has text outside the root element (near byte 0).',
		],
		['an empty file', new Uint8Array(0), 'The XML document has no root element (near byte 0).'],
	])('stops with a clear error at %s', async (_name, bytes, message) => {
		const result = await parseExport(bytes);

		expect(result.error?.message).toBe(PREFIX + message);
	});

	it('refuses a file larger than "Max File Size"', async () => {
		const bytes = await collect(hostile.hugeFile(2));

		const result = await parseExport(bytes, { options: { maxFileMb: 1 } });

		expect(result.error?.message).toBe(
			`${PREFIX}The XML document is larger than 1 MiB (\`maxTotalBytes\`).`,
		);
	});

	it('stops reading a streamed file once it passes "Max File Size"', async () => {
		let bytesRead = 0;
		async function* counted(): AsyncGenerator<Uint8Array> {
			for await (const chunk of hostile.hugeFile(200)) {
				bytesRead += chunk.length;
				yield chunk;
			}
		}

		const run = execute.call(streamContext(counted(), { maxFileMb: 1 }), [{ json: {} }]);

		await expect(run).rejects.toThrow(
			'Could not read the KUFER export "gross.xml": The XML document is larger than 1 MiB (`maxTotalBytes`).',
		);
		expect(bytesRead).toBeLessThan(2 * 1024 * 1024);
	});

	it('reads a file n8n keeps outside memory as a stream', async () => {
		const bytes = exportOf([address()]);
		const context = streamContext(Readable.from([bytes.subarray(0, 100), bytes.subarray(100)]), {});

		const { source, fileName } = await openExport.call(context, 0, 'data');
		const [contacts] = await execute.call(streamContext(source as AsyncIterable<Uint8Array>, {}), [
			{ json: {} },
		]);

		expect(fileName).toBe('gross.xml');
		expect(contacts.map((item) => item.json.email)).toEqual(['j.mueller@example.de']);
	});

	it('takes nothing from a file that breaks halfway, not even its complete records', async () => {
		const result = await parseExport(
			[exportOf([address({ email: 'gut@example.org' })]), hostile.truncated()],
			{},
			{
				node: { onError: 'continueRegularOutput' },
			},
		);

		expect(result.json('KUFER', 0).map((contact) => contact.email)).toEqual(['gut@example.org']);
		expect(result.items('KUFER', 1)).toEqual([
			{
				json: {
					error:
						'Could not read the KUFER export "adressen-2.xml": The XML document ends before <adresse> is closed (record 3, near byte 1020).',
					description:
						'The file ends too early, usually after an interrupted copy or download. Transfer or export it again.',
				},
				pairedItem: { item: 1 },
			},
		]);
	});
});
