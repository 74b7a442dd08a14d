import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { describeFailure, describeNetworkProblem } from '../../shared/retry';
import { readMaileonError } from '../answers';
import { authenticateMaileonRequest, MAILEON_BASE_URL, readBaseUrl, readCredentialKey } from '../authentication';
import { explainMissingRights, explainRefusedKey, KEY_METHODS, type KeyMethod, type KeyProblem } from '../keyProblems';

interface PingAnswer {
	statusCode: number;
	body: unknown;
}

/**
 * The rights the user picked. The editor can hand over an empty list for a credential saved before the option
 * existed or one whose selection was cleared; both test what the option's default says: reading.
 */
function readRightsToTest(credentials: ICredentialDataDecryptedObject): KeyMethod[] {
	const value: unknown = credentials.rightsToTest;
	const picked = (Array.isArray(value) ? value : String(value ?? '').split(',')).map((entry) => String(entry).trim().toUpperCase());
	const methods = KEY_METHODS.filter((method) => picked.includes(method));
	return methods.length > 0 ? methods : ['GET'];
}

function failed(problem: KeyProblem): INodeCredentialTestResult {
	return { status: 'Error', message: `${problem.message}. ${problem.description}` };
}

/**
 * The "Test" of the Maileon credential: `/ping` once per right selected under Rights to Test, since
 * Maileon answers it per HTTP method, 200 with the method's right and 403 without (maileon.md §2).
 */
export async function maileonApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = credential.data ?? {};
	const methods = readRightsToTest(credentials);
	const baseURL = readBaseUrl(credentials);
	// a credential test gets only this helper from n8n (ICredentialTestFunctions, n8n-workflow 2.41)
	const { request: send } = this.helpers;
	const missing: KeyMethod[] = [];
	for (const method of methods) {
		const request = authenticateMaileonRequest(credentials, { url: `${baseURL}/ping`, method });
		let answer: PingAnswer;
		try {
			answer = (await send({
				method,
				uri: request.url,
				headers: request.headers,
				...(request.proxy !== undefined ? { proxy: request.proxy } : {}),
				resolveWithFullResponse: true,
				simple: false,
			})) as PingAnswer;
		} catch (error) {
			// a failed connection is the test's result, not an error of the editor
			const failure = describeFailure(error);
			return failed(
				describeNetworkProblem(failure) ?? {
					message: `Could not connect to Maileon: ${failure.message}`,
					description: 'Check the Base URL and any proxy between n8n and Maileon.',
				},
			);
		}
		if (answer.statusCode === 403) {
			missing.push(method);
		} else if (answer.statusCode === 401) {
			return failed(explainRefusedKey(readCredentialKey(credentials), readMaileonError(answer.body)));
		} else if (answer.statusCode === 404) {
			return failed({
				message: 'No Maileon API answers at this Base URL (404)',
				description: `Leave the Base URL at ${MAILEON_BASE_URL} unless Maileon gave you another one.`,
			});
		} else if (answer.statusCode < 200 || answer.statusCode > 299) {
			const vendorMessage = readMaileonError(answer.body);
			return failed({
				message: `Maileon answered ${method} /ping with ${answer.statusCode}${vendorMessage ? `: ${vendorMessage}` : ''}`,
				description: 'Check the Base URL; if it is right, Maileon may be down: test again later.',
			});
		}
	}
	return missing.length > 0 ? failed(explainMissingRights(missing)) : { status: 'OK', message: 'Connection successful' };
}
