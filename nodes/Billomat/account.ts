import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Where the Billomat ID goes in the base URL template (billomat.md §1). */
export const BILLOMAT_ID_PLACEHOLDER = '{billomatId}';
export const BILLOMAT_DEFAULT_BASE_URL = `https://${BILLOMAT_ID_PLACEHOLDER}.billomat.net/api`;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const BILLOMAT_HOST = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.billomat\.(?:net|com|de)$/;
const BARE_ID = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * The account subdomain from what a user pasted: the ID itself ("mycompany"), the host
 * ("mycompany.billomat.net") or any URL of the account ("https://mycompany.billomat.net/app/…").
 * Throws when nothing usable remains.
 */
export function toBillomatId(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	const host = text
		.replace(SCHEME, '')
		.split(/[/?#]/)[0]
		.replace(/:\d+$/, '')
		.replace(/\.$/, '')
		.toLowerCase();
	const id = BILLOMAT_HOST.exec(host)?.[1] ?? host;
	if (!BARE_ID.test(id)) {
		throw new Error(
			`The Billomat ID "${text.slice(0, 60)}" is not valid: enter the subdomain of your Billomat address, e.g. "mycompany" for https://mycompany.billomat.net`,
		);
	}
	return id;
}

/** The API root of the account: the template with the Billomat ID filled in, no trailing slash. */
export function toBillomatBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const template = String(credentials.baseUrl ?? '').trim() || BILLOMAT_DEFAULT_BASE_URL;
	return template.split(BILLOMAT_ID_PLACEHOLDER).join(toBillomatId(credentials.billomatId)).replace(/\/+$/, '');
}

/** Whether `url` names its own scheme and host, so no base URL applies. */
export function isAbsoluteUrl(url: string | undefined): boolean {
	return SCHEME.test(url ?? '');
}
