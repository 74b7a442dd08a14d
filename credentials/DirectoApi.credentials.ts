import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { toDirectoRequest, XML_DIRECT_URL } from '../nodes/Directo/interface';

export class DirectoApi implements ICredentialType {
	name = 'directoApi';

	displayName = 'Directo API';

	icon: Icon = {
		light: 'file:../nodes/Directo/directo.svg',
		dark: 'file:../nodes/Directo/directo.dark.svg',
	};

	documentationUrl = 'https://wiki.directo.ee/en/xml_direct';

	properties: INodeProperties[] = [
		{
			displayName: 'Interface',
			name: 'interfaceType',
			type: 'options',
			options: [
				{
					name: 'XML Direct',
					value: 'xmlDirect',
					description: 'The standard interface; the key is the XML key (token) of "XML interfaces"',
				},
				{
					name: 'Legacy Xmlcore',
					value: 'xmlcore',
					description: 'An older interface built for your database; the key is its appkey',
				},
			],
			default: 'xmlDirect',
		},
		{
			displayName: 'XML Interface URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: XML_DIRECT_URL,
			description:
				'The URL Directo gave you together with the key. Leave empty for the standard XML Direct URL, or (legacy) for the URL built from the database name.',
		},
		{
			displayName: 'Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'XML Direct: the XML key a SUPER user sees in Directo under XML interfaces; it must be allowed to use the customer (and contact) component. Legacy: the appkey of your interface.',
		},
		{
			displayName: 'Database Name',
			name: 'databaseName',
			type: 'string',
			default: '',
			placeholder: 'demo_ee',
			displayOptions: { show: { interfaceType: ['xmlcore'] } },
			description:
				'Used when the URL is empty: the request goes to https://login.directo.ee/xmlcore/<database name>/xmlcore.asp',
		},
		{
			displayName: 'Parameter Placement',
			name: 'parameterPlacement',
			type: 'options',
			options: [
				{
					name: 'Everything in Form Body',
					value: 'body',
					description: 'As Directo documents it',
				},
				{
					name: 'Routing in Query String, Key in Form Body',
					value: 'query',
					description: 'For an installation that reads "get", "put", "what" and filters from the URL only',
				},
			],
			default: 'body',
			description:
				'Where "get", "what", "ts" and filters go. Change it only when Directo answers "Invalid url given".',
		},
		{
			displayName: 'Time Zone of Directo',
			name: 'timeZone',
			type: 'string',
			default: 'Europe/Tallinn',
			description:
				'Directo writes change times without a zone; they are presumed to be Estonian time, which Directo does not confirm',
		},
		{
			displayName: 'Changed-Since Format',
			name: 'changedSinceFormat',
			type: 'options',
			options: [
				{ name: 'Date (Dd.mm.yyyy)', value: 'date' },
				{ name: 'Date and Time (Yyyy-MM-Dd HH:mm:ss)', value: 'dateTime' },
			],
			default: 'date',
			description:
				'How the changed-since filter "ts" is sent. Directo documents only the date; whether it honours a time of day is not known. The nodes check the exact time themselves either way.',
		},
		{
			displayName: 'Send Filters to Directo',
			name: 'sendFilters',
			type: 'boolean',
			default: false,
			description:
				'Whether Directo should filter by code, email and closed itself. Directo does not document these filters for customers; the nodes always filter the answer again, so this only saves download time.',
		},
	];

	// The key and the routing fields are placed here, so every request follows the interface chosen
	// in the credential (directo.md §2, §7, §13 #1). The nodes test the credential themselves
	// (testedBy): a Directo error answer comes with HTTP 200, and only code can read it.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return toDirectoRequest(credentials, requestOptions);
	}
}
