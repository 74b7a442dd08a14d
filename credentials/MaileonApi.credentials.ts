import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

import { authenticateMaileonRequest, MAILEON_BASE_URL } from '../nodes/Maileon/authentication';

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
				'From Maileon, Settings → API Keys: the key itself, its base64 form, or the whole value Maileon shows after "Authorization: Basic"',
		},
		{
			displayName: 'Key Format',
			name: 'keyFormat',
			type: 'options',
			options: [
				{
					name: 'Already Base64',
					value: 'base64',
					description: 'The key as Maileon shows it after "Authorization: Basic"; sent unchanged',
				},
				{
					name: 'Detect Automatically',
					value: 'detect',
					description:
						'A value that decodes from base64 to a key is sent unchanged, anything else (such as a key in UUID form) is base64-encoded first',
				},
				{
					name: 'Raw Key',
					value: 'raw',
					description: 'The key itself; base64-encoded before sending',
				},
			],
			default: 'detect',
			description:
				'How the API Key is read. Change it only when the test says the key was taken for the wrong form.',
		},
		{
			displayName: 'Rights to Test',
			name: 'rightsToTest',
			type: 'multiOptions',
			options: [
				{ name: 'Create (POST)', value: 'POST' },
				{ name: 'Delete (DELETE)', value: 'DELETE' },
				{ name: 'Read (GET)', value: 'GET' },
				{ name: 'Update (PUT)', value: 'PUT' },
			],
			default: ['GET'],
			description:
				'Which rights of the key the Test button checks, one /ping request each. A Maileon key has a right per HTTP method. For a key with only create and update rights (as for a registration form) select Create and Update instead of Read.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: MAILEON_BASE_URL,
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

	// Maileon wants `Basic base64(key)` (maileon.md §2); the key may be entered in any form Maileon
	// shows. The nodes test the credential themselves (testedBy): a declarative test sends one method,
	// and a key has a right per method.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return authenticateMaileonRequest(credentials, requestOptions);
	}
}
