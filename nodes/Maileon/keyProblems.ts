import { describeKeyReading, type ApiKeyReading } from './apiKey';

/** The HTTP methods a Maileon API key has separate rights for (maileon.md §2). */
export type KeyMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export const KEY_METHODS: readonly KeyMethod[] = ['GET', 'POST', 'PUT', 'DELETE'];

/** The right each method needs, as the credential's "Rights to Test" names it. */
export const KEY_RIGHTS: Readonly<Record<KeyMethod, string>> = {
	GET: 'read',
	POST: 'create',
	PUT: 'update',
	DELETE: 'delete',
};

export function isKeyMethod(value: unknown): value is KeyMethod {
	return KEY_METHODS.some((method) => method === value);
}

export interface KeyProblem {
	message: string;
	description: string;
}

/** Maileon answers 401 for a missing, wrong or expired key (maileon.md §2); only its text may tell. */
function saysExpired(vendorMessage: string | undefined): boolean {
	return vendorMessage !== undefined && /expir/i.test(vendorMessage);
}

/** A 401: the key was refused, or has expired when Maileon says so. */
export function explainRefusedKey(reading: ApiKeyReading, vendorMessage: string | undefined): KeyProblem {
	if (saysExpired(vendorMessage)) {
		return {
			message: 'The Maileon API key has expired (401)',
			description:
				'Every Maileon API key is valid until the date set when it was created. In Maileon under Settings → API Keys create a new key, paste it into the Maileon credential and press Test.',
		};
	}
	return {
		message: 'Maileon rejected the API key (401)',
		description: `${describeKeyReading(reading)} If that is wrong, change Key Format in the Maileon credential. Otherwise the key is wrong, has expired or the account is blocked: copy the key again from Maileon (Settings → API Keys), paste it into the credential and press Test.`,
	};
}

function listRights(methods: readonly KeyMethod[]): string {
	const rights = methods.map((method) => KEY_RIGHTS[method]);
	return rights.length < 2 ? rights.join('') : `${rights.slice(0, -1).join(', ')} and ${rights[rights.length - 1]}`;
}

/** A 403 from a request with `method`: the key lacks that method's right. */
export function explainMissingRight(method: KeyMethod): KeyProblem {
	const right = KEY_RIGHTS[method];
	return {
		message: `The Maileon API key lacks the ${right} right (${method} answered 403)`,
		description: `In Maileon under Settings → API Keys give the key the ${right} right, or use a key that has it, then retry.`,
	};
}

/** 403s of the credential test: which of the rights to test the key lacks. */
export function explainMissingRights(methods: readonly KeyMethod[]): KeyProblem {
	const rights = listRights(methods);
	const answered = methods.map((method) => `${method} /ping`).join(', ');
	return {
		message: `Maileon accepted the API key, but the key lacks the ${rights} right${methods.length > 1 ? 's' : ''} (${answered} answered 403)`,
		description: `In Maileon under Settings → API Keys give the key ${methods.length > 1 ? 'these rights' : 'this right'}, or select under Rights to Test only the rights your workflows use (a key for a registration form, for example, needs only Create and Update).`,
	};
}
