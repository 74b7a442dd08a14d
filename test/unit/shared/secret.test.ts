import { createSecret, isSameSecret } from '../../../nodes/shared/secret';

describe('createSecret', () => {
	it('returns 43 URL-safe characters for the default 32 bytes', () => {
		expect(createSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
	});

	it('returns a different secret on every call', () => {
		expect(createSecret()).not.toBe(createSecret());
	});

	it.each([
		['fewer than 16 bytes', 8],
		['a fraction', 20.5],
	])('rejects %s', (_, bytes) => {
		expect(() => createSecret(bytes)).toThrow(
			`Expected \`bytes\` to be an integer of at least 16, got ${bytes}.`,
		);
	});
});

describe('isSameSecret', () => {
	it('accepts the stored secret', () => {
		expect(isSameSecret('s3cret-value', 's3cret-value')).toBe(true);
	});

	it.each([
		['another value of the same length', 's3cret-valuX'],
		['a prefix', 's3cret'],
		['a longer value', 's3cret-value-and-more'],
		['an empty string', ''],
		['no value', undefined],
		['a repeated query parameter', ['s3cret-value', 's3cret-value']],
	])('rejects %s', (_, given) => {
		expect(isSameSecret(given, 's3cret-value')).toBe(false);
	});

	it.each([
		['missing', undefined],
		['empty', ''],
	])('rejects everything when the stored secret is %s', (_, expected) => {
		expect(isSameSecret('', expected)).toBe(false);
	});
});
