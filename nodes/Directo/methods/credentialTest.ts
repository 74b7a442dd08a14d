import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { describeFailure } from '../../shared/retry';
import { toDirectoRequest } from '../interface';
import { explainTestAnswer } from '../transport';

interface TestAnswer {
	statusCode: number;
	body: unknown;
}

/**
 * The "Test" of the Directo credential. Directo answers a refused key with HTTP 200 and an error
 * document (directo.md §2), which a declarative test could only guess from a fixed character; this
 * reads the answer's root element. A far-future `ts` keeps a data answer empty.
 */
export async function directoApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = credential.data ?? {};
	const request = toDirectoRequest(credentials, {
		url: '',
		qs: { get: '1', what: 'customer', ts: '31.12.2999' },
	});
	// a credential test gets only this helper from n8n (ICredentialTestFunctions, n8n-workflow 2.41)
	const { request: send } = this.helpers;
	let answer: TestAnswer;
	try {
		answer = (await send({
			method: 'POST',
			uri: request.url,
			qs: request.qs,
			body: request.body,
			headers: request.headers,
			resolveWithFullResponse: true,
			simple: false,
		})) as TestAnswer;
	} catch (error) {
		// a failed connection is the test's result, not an error of the editor
		const failure = describeFailure(error);
		const where = failure.host ? ` at ${failure.host}` : '';
		const code = failure.code ? ` (${failure.code})` : '';
		return {
			status: 'Error',
			message: `Could not connect to Directo${where}${code}. Check the XML Interface URL and any proxy between n8n and Directo.`,
		};
	}
	const problem = explainTestAnswer(answer.statusCode, answer.body, String(credentials.apiKey ?? ''));
	return problem === undefined
		? { status: 'OK', message: 'Connection successful' }
		: { status: 'Error', message: `${problem.message}. ${problem.description}` };
}
