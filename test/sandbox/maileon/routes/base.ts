/** maileon.md §1: the version lives in the path. */
export const BASE_PATH = '/1.0';

export function api(path: string): string {
	return `${BASE_PATH}${path}`;
}
