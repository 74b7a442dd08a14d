import { ICredentialsHelper } from 'n8n-workflow';
import type { CredentialInformation, ICredentialDataDecryptedObject, ICredentials, ICredentialType, IHttpRequestHelper, IHttpRequestOptions, INode, INodeCredentialsDetails, INodeProperties, IRequestOptionsSimplified, Workflow } from 'n8n-workflow';

import { registerCredential } from './secretRecorder';

type Section = 'headers' | 'qs' | 'body' | 'auth';
const SECTIONS: Section[] = ['headers', 'qs', 'body', 'auth'];

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Credentials for in-process runs. Unlike n8n's own test harness it applies generic and function
 * authentication for real and runs `preAuthentication`, so a wrong auth header fails a test. Every
 * credential it holds, tokens renewed during the run included, is registered for the secret scan.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** Every credential as stored after the run, including tokens refreshed by preAuthentication. */
	readonly store: Map<string, ICredentialDataDecryptedObject>;

	constructor(
		private readonly types: Map<string, ICredentialType>,
		credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
		this.store = new Map();
		for (const [type, data] of Object.entries(credentials)) this.keep(type, data);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.requireType(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = type;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, options);
		}
		if (!authenticate || authenticate.type !== 'generic') return options;
		const target = options as unknown as Record<Section, Record<string, unknown> | undefined>;
		for (const section of SECTIONS) {
			const values = authenticate.properties[section];
			if (!values) continue;
			const current = isObject(target[section]) ? target[section] : {};
			for (const [key, value] of Object.entries(values)) {
				current[key] = this.resolve(value, credentials, workflow, node);
			}
			target[section] = current;
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.requireType(typeName);
		const expirable = type.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined) {
			if (!credentialsExpired) return undefined;
		}
		const refreshed = await type.preAuthentication.call(helpers, credentials);
		const merged = Object.assign(credentials, refreshed);
		this.keep(typeName, merged);
		return merged;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.requireType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		const tokens = (await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject;
		registerCredential(typeName, tokens, type);
		return tokens;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('getCredentials is not available in the test harness');
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const stored = this.store.get(type);
		if (!stored) throw new Error(`No test credentials of type "${type}"`);
		return { ...this.withDefaults(type, stored) };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.keep(type, data);
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.requireType(type).properties;
	}

	private keep(typeName: string, data: ICredentialDataDecryptedObject): void {
		this.store.set(typeName, { ...data });
		registerCredential(typeName, data, this.types.get(typeName));
	}

	private withDefaults(
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject {
		const type = this.types.get(typeName);
		if (!type) return data;
		const filled: ICredentialDataDecryptedObject = {};
		for (const property of type.properties) {
			if (property.default !== undefined) filled[property.name] = property.default as CredentialInformation;
		}
		return Object.assign(filled, data);
	}

	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow?: Workflow,
		node?: INode,
	): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		if (!workflow || !node) throw new Error('Expression credentials need a workflow and a node');
		return workflow.expression.getSimpleParameterValue(
			node,
			value,
			'internal',
			{ $credentials: credentials },
			undefined,
			'',
		);
	}

	private requireType(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}
}
