import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

import { BILLOMAT_DEFAULT_BASE_URL, BILLOMAT_ID_PLACEHOLDER, isAbsoluteUrl, toBillomatBaseUrl } from '../nodes/Billomat/account';

export class BillomatApi implements ICredentialType {
	name = 'billomatApi';

	displayName = 'Billomat API';

	icon: Icon = { light: 'file:../nodes/Billomat/billomat.svg', dark: 'file:../nodes/Billomat/billomat.dark.svg' };

	documentationUrl = 'https://www.billomat.com/en/api/basics/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Billomat ID',
			name: 'billomatId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'mycompany',
			description:
				'The subdomain of your Billomat address ("mycompany" for https://mycompany.billomat.net). A pasted address is reduced to it.',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Personal API key of a Billomat user: in Billomat click your name, enable API access and show the key',
		},
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			description:
				'Optional: ID of an app registered under Settings → Administration → Apps. Sent with the key, it raises the rate limit.',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Secret of the registered app; needed together with the App ID',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: BILLOMAT_DEFAULT_BASE_URL,
			description: `Change only for a test server. ${BILLOMAT_ID_PLACEHOLDER} is replaced by the Billomat ID.`,
		},
	];

	// The key goes in a header, not in `api_key=`, so it stays out of URLs and logs (billomat.md §3).
	// The base URL is filled in here so that the node and the credential test share one derivation.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			'X-BillomatApiKey': String(credentials.apiKey ?? '').trim(),
		};
		const appId = String(credentials.appId ?? '').trim();
		const appSecret = String(credentials.appSecret ?? '').trim();
		if (appId !== '' && appSecret !== '') {
			headers['X-AppId'] = appId;
			headers['X-AppSecret'] = appSecret;
		}
		const authenticated: IHttpRequestOptions = {
			...requestOptions,
			headers: { ...requestOptions.headers, ...headers },
		};
		if (!isAbsoluteUrl(requestOptions.url) && !requestOptions.baseURL) {
			authenticated.baseURL = toBillomatBaseUrl(credentials);
		}
		return authenticated;
	}

	test: ICredentialTestRequest = {
		request: {
			url: '/clients/myself',
			method: 'GET',
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Billomat rejected the API key: check the key and that the Billomat ID is your account\'s subdomain',
				},
			},
		],
	};
}
