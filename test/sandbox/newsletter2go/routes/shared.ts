import type { SandboxRequest } from '../../framework/types';
import { ApiError, isRecord, parseBody } from '../http';

/** The request body as one JSON object, else `400`. */
export function readObject(request: SandboxRequest): Record<string, unknown> {
	const body = parseBody(request);
	if (!isRecord(body)) throw new ApiError(400, 'Expected a JSON object');
	return body;
}
