/** Reads an optional limit, p-retry style: a message naming the option for anything but a count. */
export function readLimit(name: string, value: unknown, fallback: number): number {
	if (value === undefined) return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
		throw new TypeError(`Expected \`${name}\` to be a positive integer, got ${String(value)}.`);
	}
	return value;
}

/** "512 MiB", "2 KiB", "1500 bytes": limits in the units users set them in. */
export function formatLength(length: number): string {
	const mebibytes = length / (1024 * 1024);
	if (Number.isInteger(mebibytes)) return `${mebibytes} MiB`;
	const kibibytes = length / 1024;
	if (Number.isInteger(kibibytes)) return `${kibibytes} KiB`;
	return `${length} bytes`;
}
