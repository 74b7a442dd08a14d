import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

// directo.md §1, §2 and §7.
const XML_DIRECT_URL = 'https://login.directo.ee/xmlcore/cap_xml_direct/xmlcore.asp';
const LEGACY_URL_PREFIX = 'https://login.directo.ee/xmlcore/';
const ROUTING_FIELDS = new Set(['get', 'put', 'what']);

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

	// The key and the routing fields are placed here, so every request and the test below follow the
	// interface chosen in the credential (directo.md §2, §7, §13 #1).
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const isLegacy = credentials.interfaceType === 'xmlcore';
		// Directo's examples post every field as a form field (wiki en/xml_direct and en/xmlcore curl
		// examples; 5dvision/directo src/Transport/Transport.php sends all as form_params)
		const putAllInBody = credentials.parameterPlacement !== 'query';
		const configuredUrl = String(credentials.url ?? '').trim();
		const database = String(credentials.databaseName ?? '').trim();
		let url = configuredUrl;
		if (url === '')
			url =
				isLegacy && database !== ''
					? `${LEGACY_URL_PREFIX}${encodeURIComponent(database)}/xmlcore.asp`
					: XML_DIRECT_URL;

		const query: Record<string, string> = {};
		const form = new URLSearchParams();
		const given = { ...toStrings(requestOptions.qs), ...toStrings(requestOptions.body) };
		for (const [name, value] of Object.entries(given)) {
			const inQuery =
				!putAllInBody &&
				name !== 'xmldata' &&
				(ROUTING_FIELDS.has(name) || requestOptions.qs?.[name] !== undefined);
			if (inQuery) query[name] = value;
			else form.append(name, value);
		}
		form.append(isLegacy ? 'key' : 'token', String(credentials.apiKey ?? '').trim());
		return {
			...requestOptions,
			url,
			baseURL: undefined,
			method: 'POST',
			qs: query,
			body: form.toString(),
			headers: {
				...requestOptions.headers,
				'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
			},
		};
	}

	// A credential test cannot parse XML. n8n hands the rules the body as a string, and lodash `get`
	// reads a string by index: an error answer starts `<result …>` or `<err>` (directo.md §2), a
	// data answer `<?xml …>` or `<transport>`. The far-future `ts` keeps the answer empty.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '',
			qs: { get: '1', what: 'customer', ts: '31.12.2999' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: '1',
					value: 'r',
					message:
						'Directo refused the request (Unauthorized or Invalid url given): check the key, the interface and the URL. The key must be allowed to read customers.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: '1',
					value: 'e',
					message:
						'Directo answered with an error (e.g. "token required"): check that the key is filled in',
				},
			},
		],
	};
}

function toStrings(value: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return result;
	for (const [name, entry] of Object.entries(value)) {
		if (entry !== undefined && entry !== null) result[name] = String(entry);
	}
	return result;
}
