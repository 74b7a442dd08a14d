import type { Readable } from 'node:stream';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

/**
 * The few parts of n8n's execute context the KUFER Parse operation uses. `isStream` hands the file
 * over by binary id, as n8n does in filesystem or S3 mode; else as one buffer (in-memory mode).
 */
export function parseContext(
	open: () => Promise<Readable | Buffer>,
	parameters: IDataObject,
	isStream: boolean,
): IExecuteFunctions {
	const node = { name: 'KUFER', type: 'n8n-nodes-newsletter-sync.kufer', typeVersion: 1 } as INode;
	const staticData: IDataObject = {};
	const quiet = (): undefined => undefined;
	const context = {
		getNode: () => node,
		getNodeParameter: (name: string, _index: number, fallback?: unknown) =>
			parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		continueOnFail: () => false,
		addExecutionHints: quiet,
		logger: { warn: quiet, debug: quiet, info: quiet, error: quiet },
		helpers: {
			assertBinaryData: () => ({
				id: isStream ? 'filesystem-v2:bench' : undefined,
				fileName: 'bench.xml',
				data: '',
				mimeType: 'application/xml',
			}),
			getBinaryStream: open,
			getBinaryDataBuffer: open,
		},
	};
	return context as unknown as IExecuteFunctions;
}
