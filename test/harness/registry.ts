import { readFileSync } from 'node:fs';
import path from 'node:path';
import { NodeHelpers } from 'n8n-workflow';
import type { ICredentialType, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';

/** The prefix n8n gives the node types of this package once it is installed. */
export const PACKAGE_NAME = 'n8n-nodes-newsletter-sync';

const ROOT = path.resolve(__dirname, '../..');
const BASE_DIST = path.join(path.dirname(require.resolve('n8n-nodes-base/package.json')), 'dist');

type AnyNodeType = INodeType | IVersionedNodeType;

interface PackageManifest {
	n8n: { nodes: string[]; credentials: string[] };
}

interface KnownEntry {
	className: string;
	sourcePath: string;
}

function readJson(file: string): unknown {
	return JSON.parse(readFileSync(file, 'utf8'));
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

/** `dist/nodes/Maileon/Maileon.node.js` → the TypeScript source, so tests need no build. */
function toSourcePath(distPath: string, fromSource: boolean): string {
	if (!fromSource) return path.join(ROOT, distPath);
	return path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
}

function instantiateExports(file: string): unknown[] {
	const moduleExports: unknown = require(file);
	if (!isObject(moduleExports)) return [];
	// only classes: a credential or node file may also export helper functions
	return Object.values(moduleExports)
		.filter(
			(value): value is new () => unknown =>
				typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value)),
		)
		.map((Class) => new Class());
}

function nodeNameOf(nodeType: AnyNodeType): string {
	return nodeType.description.name;
}

export interface Registry {
	nodeTypes: INodeTypes;
	credentialTypes: Map<string, ICredentialType>;
	/** Our own node types by full type name, e.g. `n8n-nodes-newsletter-sync.maileon`. */
	packageNodes: Map<string, AnyNodeType>;
}

export interface RegistryOptions {
	/** Load our nodes from `dist/` (as n8n would) instead of the TypeScript sources. @default false */
	readonly fromDist?: boolean;
}

/**
 * Node types as n8n resolves them: ours under the package prefix, everything from n8n-nodes-base on
 * first use (its `dist/known` index names the file of every built-in node).
 */
export function createRegistry(options: RegistryOptions = {}): Registry {
	const fromSource = options.fromDist !== true;
	const manifest = readJson(path.join(ROOT, 'package.json')) as PackageManifest;
	const packageNodes = new Map<string, AnyNodeType>();
	for (const file of manifest.n8n.nodes) {
		for (const candidate of instantiateExports(toSourcePath(file, fromSource))) {
			if (isObject(candidate) && isObject(candidate.description)) {
				const nodeType = candidate as unknown as AnyNodeType;
				packageNodes.set(`${PACKAGE_NAME}.${nodeNameOf(nodeType)}`, nodeType);
			}
		}
	}
	const credentialTypes = new Map<string, ICredentialType>();
	for (const file of manifest.n8n.credentials) {
		for (const candidate of instantiateExports(toSourcePath(file, fromSource))) {
			if (isObject(candidate) && typeof candidate.name === 'string') {
				const credentialType = candidate as unknown as ICredentialType;
				credentialTypes.set(credentialType.name, credentialType);
			}
		}
	}

	const known = readJson(path.join(BASE_DIST, 'known/nodes.json')) as Record<string, KnownEntry>;
	const baseNodes = new Map<string, AnyNodeType>();
	const loadBaseNode = (name: string): AnyNodeType | undefined => {
		const cached = baseNodes.get(name);
		if (cached) return cached;
		const entry = known[name];
		if (!entry) return undefined;
		const moduleExports = require(path.join(BASE_DIST, '..', entry.sourcePath)) as Record<
			string,
			new () => AnyNodeType
		>;
		const nodeType = new moduleExports[entry.className]();
		baseNodes.set(name, nodeType);
		return nodeType;
	};

	const getByName = (type: string): AnyNodeType => {
		const own = packageNodes.get(type);
		if (own) return own;
		const base = type.startsWith('n8n-nodes-base.')
			? loadBaseNode(type.slice('n8n-nodes-base.'.length))
			: undefined;
		if (!base) throw new Error(`Unknown node type "${type}"`);
		return base;
	};

	const nodeTypes: INodeTypes = {
		getByName,
		getByNameAndVersion: (type, version) =>
			NodeHelpers.getVersionedNodeType(getByName(type), version),
		getKnownTypes: () => ({}),
	};
	return { nodeTypes, credentialTypes, packageNodes };
}

/** Whether n8n-nodes-base has a node of that name (for template validation). */
export function isKnownBaseNode(type: string): boolean {
	if (!type.startsWith('n8n-nodes-base.')) return false;
	const known = readJson(path.join(BASE_DIST, 'known/nodes.json')) as Record<string, KnownEntry>;
	return known[type.slice('n8n-nodes-base.'.length)] !== undefined;
}
