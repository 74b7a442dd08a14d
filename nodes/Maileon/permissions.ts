import type { ConsentStatus } from '../shared/consent';

/** Permission codes of maileon.md §4.1. */
export const PERMISSIONS = {
	none: 1,
	soi: 2,
	coi: 3,
	doi: 4,
	doiPlus: 5,
	other: 6,
} as const;
export type PermissionName = keyof typeof PERMISSIONS;

/** Permission names by code, as the node shows them. */
export const PERMISSION_NAMES: Record<number, string> = {
	1: 'none',
	2: 'soi',
	3: 'coi',
	4: 'doi',
	5: 'doi+',
	6: 'other',
};

/** Which Maileon permission a neutral consent status earns when the user picks "by consent". */
export function permissionForConsent(
	status: ConsentStatus | undefined,
	optInPermission: PermissionName,
): number {
	return status === 'optIn' ? PERMISSIONS[optInPermission] : PERMISSIONS.other;
}
