/** Whether `value` is a plain object (not `null`, not an array), so its properties can be read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as an error message names it: strings quoted, objects and arrays by kind only (they may hold secrets). */
export function formatValue(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' && value !== null ? 'an object' : String(value);
}
