import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A random shared secret, base64url without padding, safe in a URL query.
 * @param bytes Random bytes behind it. @default 32
 */
export function createSecret(bytes = 32): string {
	if (!Number.isInteger(bytes) || bytes < 16) {
		throw new TypeError(
			`Expected \`bytes\` to be an integer of at least 16, got ${String(bytes)}.`,
		);
	}
	return randomBytes(bytes).toString('base64url');
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Whether `given` (anything a caller sent) equals the stored secret. Both sides are hashed first, so
 * the comparison takes the same time whatever the length or content of `given`. A missing or empty
 * stored secret never matches.
 */
export function isSameSecret(given: unknown, expected: unknown): boolean {
	if (typeof given !== 'string' || typeof expected !== 'string' || expected === '') return false;
	return timingSafeEqual(digest(given), digest(expected));
}
