import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	CredentialInformation,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';

import { createAdditionalData } from './additionalData';
import { TestCredentialsHelper } from './credentials';
import { createRegistry, type Registry } from './registry';

// what n8n's credential tester uses to apply `responseSuccessBody` rules
const get = require('lodash/get') as (object: unknown, path: string) => unknown;

type AnyNode = INodeType & { nodeVersions?: Record<number, INodeType> };

let sharedRegistry: Registry | undefined;

function withDefaults(registry: Registry, typeName: string, data: ICredentialDataDecryptedObject) {
	const filled: ICredentialDataDecryptedObject = {};
	for (const property of registry.credentialTypes.get(typeName)?.properties ?? []) {
		if (property.default !== undefined) filled[property.name] = property.default as CredentialInformation;
	}
	return Object.assign(filled, data);
}

/** A node's `testedBy` function for the credential, found as n8n finds it. */
function findTestFunction(registry: Registry, typeName: string): ICredentialTestFunction | undefined {
	for (const nodeType of registry.packageNodes.values()) {
		const versions = Object.values((nodeType as AnyNode).nodeVersions ?? { 1: nodeType as INodeType });
		for (const version of versions) {
			for (const { name, testedBy } of version.description.credentials ?? []) {
				if (name !== typeName || typeof testedBy !== 'string') continue;
				const test = version.methods?.credentialTest?.[testedBy];
				if (test) return test;
			}
		}
	}
	return undefined;
}

/**
 * The declarative path of n8n's `CredentialsTester.testCredentials` (github n8n-io/n8n
 * packages/cli/src/services/credentials-tester.service.ts, n8n 2.41): the test request runs through
 * n8n-core's `RoutingNode` with the credential's authentication and preAuthentication, and a failure
 * becomes the message the editor shows by the same reading of the error and the same rules.
 */
async function runTestRequest(
	registry: Registry,
	typeName: string,
	credentials: ICredentialsDecrypted,
	test: ICredentialTestRequest,
): Promise<INodeCredentialTestResult> {
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: typeName, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'temp',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: credentials.id, name: credentials.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(registry.credentialTypes, { [typeName]: credentials.data ?? {} });
	const context = new ExecuteContext(
		workflow,
		node,
		createAdditionalData({ credentialsHelper }),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (caught) {
		const error = caught as { message: string; cause?: { code?: string; response?: { status: number; statusText?: string } } };
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			const statusMessage = error.cause.response.statusText;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === statusCode) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && get(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * Presses "Test" on a credential as the n8n editor does: the credential's own `test`, else the
 * `testedBy` function of a node using it, with `data` as entered (defaults filled in). Returns what
 * the editor shows.
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
	registry: Registry = (sharedRegistry ??= createRegistry()),
): Promise<INodeCredentialTestResult> {
	const credentials: ICredentialsDecrypted = {
		id: 'credential-under-test',
		name: typeName,
		type: typeName,
		data: withDefaults(registry, typeName, data),
	};
	const test = registry.credentialTypes.get(typeName)?.test;
	if (test) return await runTestRequest(registry, typeName, credentials, test);
	const testFunction = findTestFunction(registry, typeName);
	if (!testFunction) return { status: 'Error', message: 'No testing function found for this credential.' };
	return await testFunction.call(new CredentialTestContext(), credentials);
}
