import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

export class MaileonApi implements ICredentialType {
	name = 'maileonApi';

	displayName = 'Maileon API';

	icon: Icon = { light: 'file:../nodes/Maileon/maileon.svg', dark: 'file:../nodes/Maileon/maileon.dark.svg' };

	documentationUrl = 'https://support.maileon.com/support/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Create it in Maileon under Settings → API Keys with the GET, POST, PUT and DELETE privileges',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.maileon.com/1.0',
			description:
				'Change only for an on-premise gateway or a test server',
		},
		{
			displayName: 'Proxy Host',
			name: 'proxyHost',
			type: 'string',
			default: '',
			placeholder: 'proxy.example.org',
			description:
				'HTTP proxy between n8n and Maileon, if your network requires one (ask your system administrator). Leave empty for a direct connection.',
		},
		{
			displayName: 'Proxy Port',
			name: 'proxyPort',
			type: 'number',
			default: 8080,
			displayOptions: { hide: { proxyHost: [''] } },
		},
		{
			displayName: 'Proxy User',
			name: 'proxyUser',
			type: 'string',
			default: '',
			displayOptions: { hide: { proxyHost: [''] } },
		},
		{
			displayName: 'Proxy Password',
			name: 'proxyPassword',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { hide: { proxyHost: [''] } },
		},
	];

	// Maileon expects the key itself base64-encoded, with no user name and no colon (maileon.md §2).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const encoded = Buffer.from(String(credentials.apiKey ?? '').trim(), 'utf8').toString('base64');
		const authenticated: IHttpRequestOptions = {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Basic ${encoded}` },
		};
		const proxyHost = String(credentials.proxyHost ?? '').trim();
		if (proxyHost !== '') {
			const username = String(credentials.proxyUser ?? '');
			authenticated.proxy = {
				host: proxyHost,
				port: Number(credentials.proxyPort ?? 8080),
				...(username !== ''
					? { auth: { username, password: String(credentials.proxyPassword ?? '') } }
					: {}),
			};
		}
		return authenticated;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/ping',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Maileon rejected the API key: paste the key again from Maileon → Settings → API Keys',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The API key may not read from Maileon: allow it GET, POST, PUT and DELETE under Settings → API Keys',
				},
			},
		],
	};
}
