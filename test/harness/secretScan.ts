import type { ICredentialType } from 'n8n-workflow';

/** One secret value and where it came from, e.g. `credential "maileonApi", field "apiKey"`. */
export interface Secret {
	readonly source: string;
	readonly value: string;
}

/** Something a test could observe: an output item, an error, a log line, a webhook answer. */
export interface Observation {
	/** Names the observation, e.g. `output 0, item 3 of node "Maileon"`. */
	readonly where: string;
	readonly value: unknown;
}

export interface Recording {
	readonly secrets: readonly Secret[];
	readonly observations: readonly Observation[];
}

/** How a secret was written where it was found. */
export type SecretForm = 'as is' | 'URL-encoded' | 'form-encoded' | 'base64' | 'base64url';

export interface Leak {
	readonly source: string;
	readonly form: SecretForm;
	/** The observation and the path inside it, e.g. `error of the run › description`. */
	readonly where: string;
}

/** Shorter values match ordinary text by chance; real keys and passwords are longer. */
export const MIN_SECRET_LENGTH = 8;

const SECRET_NAME = /key|token|secret|passw|pwd/i;
const URL_LIKE = /^[a-z][a-z\d+.-]*:\/\//i;
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A lowercase word ("password") is a guess or a placeholder, and it would match UI text. */
const PLAIN_WORD = /^[a-z]+$/;

/**
 * The fields of a credential that hold secrets: those its type marks `typeOptions.password`, and any
 * named like a key, token, secret or password (credential types of n8n-nodes-base are not loaded).
 */
export function secretFieldsOf(fields: readonly string[], type?: ICredentialType): string[] {
	const marked = new Set(
		(type?.properties ?? [])
			.filter((property) => property.typeOptions?.password === true)
			.map((property) => property.name),
	);
	return fields.filter((name) => marked.has(name) || SECRET_NAME.test(name));
}

/**
 * The value as a secret to look for, or `undefined` when it cannot be one or would match by chance:
 * shorter than `MIN_SECRET_LENGTH`, a URL, an email address (a user name) or a plain lowercase word.
 */
export function asSecretValue(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	const isGeneric =
		trimmed.length < MIN_SECRET_LENGTH ||
		URL_LIKE.test(trimmed) ||
		EMAIL_LIKE.test(trimmed) ||
		PLAIN_WORD.test(trimmed);
	return isGeneric ? undefined : trimmed;
}

/** The secrets of one credential as a test handed it over. */
export function secretsOfCredential(
	typeName: string,
	data: Readonly<Record<string, unknown>>,
	type?: ICredentialType,
): Secret[] {
	return secretFieldsOf(Object.keys(data), type).flatMap((field) => {
		const value = asSecretValue(data[field]);
		return value === undefined
			? []
			: [{ source: `credential "${typeName}", field "${field}"`, value }];
	});
}

/**
 * Base64 of the value at each of the three byte alignments it can have inside a longer encoded
 * text (Basic auth encodes `user:key`), cut to whole 3-byte groups so that neighbours do not matter.
 */
function base64Needles(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const needles: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const whole = Math.floor((bytes.length - offset) / 3) * 3;
		if (whole >= 6) needles.push(bytes.subarray(offset, offset + whole).toString('base64'));
	}
	return needles;
}

interface Needle {
	readonly text: string;
	readonly form: SecretForm;
}

function needlesOf(value: string): Needle[] {
	const needles: Needle[] = [{ text: value, form: 'as is' }];
	const add = (text: string, form: SecretForm) => {
		if (!needles.some((needle) => needle.text === text)) needles.push({ text, form });
	};
	add(encodeURIComponent(value), 'URL-encoded');
	add(new URLSearchParams({ v: value }).toString().slice(2), 'form-encoded');
	for (const text of base64Needles(value)) {
		add(text, 'base64');
		add(text.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
	}
	return needles;
}

/** Where a string sits inside an observation; spelled out only for a string that holds a secret. */
interface PathStep {
	readonly parent?: PathStep;
	readonly step: string;
}

function spell(path: PathStep | undefined): string {
	const steps: string[] = [];
	for (let at = path; at; at = at.parent) steps.unshift(at.step);
	return steps.join('.').replace(/\.\(/g, ' (');
}

/** Deeper than any item or error a node builds; stops at object graphs such as sockets. */
const MAX_DEPTH = 24;
/**
 * Inside an error, the outgoing request (an Axios error's `config` and `request`) carries the
 * credentials by design; n8n keeps only the cause's name and message (`ExecutionBaseError.toJSON`).
 */
const REQUEST_KEYS = new Set(['config', 'request']);

function decodeBytes(bytes: Uint8Array): string[] {
	const buffer = Buffer.from(bytes);
	if (buffer[0] === 0xff && buffer[1] === 0xfe) return [buffer.subarray(2).toString('utf16le')];
	const text = buffer.toString('utf8');
	// a file in a single-byte encoding (Windows-1252 back-sync files) is not valid UTF-8
	return text.includes('\uFFFD') ? [text, buffer.toString('latin1')] : [text];
}

function isBinaryData(value: Record<string, unknown>): boolean {
	return typeof value.data === 'string' && typeof value.mimeType === 'string';
}

function errorParts(error: Error): Array<[string, unknown]> {
	const parts: Array<[string, unknown]> = [
		['message', error.message],
		['stack', error.stack],
		['cause', error.cause],
	];
	const serialised = (error as { toJSON?: () => unknown }).toJSON;
	if (typeof serialised === 'function') parts.push(['toJSON()', serialised.call(error)]);
	return [...parts, ...Object.entries(error)];
}

/**
 * Calls `onString` for every string inside `value`: object keys and values, error messages,
 * descriptions, causes and their serialised form, and n8n binary data decoded to text.
 */
function visitStrings(value: unknown, onString: (text: string, path: () => string) => void): void {
	const seen = new WeakSet<object>();
	const emit = (text: string, path: PathStep | undefined) => onString(text, () => spell(path));
	const visit = (current: unknown, path: PathStep | undefined, depth: number, inError: boolean) => {
		if (typeof current === 'string') {
			emit(current, path);
			return;
		}
		if (typeof current !== 'object' || current === null || depth > MAX_DEPTH) return;
		if (seen.has(current)) return;
		seen.add(current);
		if (current instanceof Uint8Array) {
			for (const text of decodeBytes(current)) emit(text, { parent: path, step: '(decoded)' });
			return;
		}
		const isError = current instanceof Error;
		const isArray = Array.isArray(current);
		const entries = isError ? errorParts(current) : Object.entries(current);
		for (const [key, child] of entries) {
			if ((inError || isError) && REQUEST_KEYS.has(key)) continue;
			const at: PathStep = { parent: path, step: key };
			if (!isArray) emit(key, { parent: at, step: '(key)' });
			visit(child, at, depth + 1, inError || isError);
		}
		if (!isArray && isBinaryData(current as Record<string, unknown>)) {
			const encoded = (current as { data: string }).data;
			const at: PathStep = { parent: { parent: path, step: 'data' }, step: '(decoded)' };
			for (const text of decodeBytes(Buffer.from(encoded, 'base64'))) emit(text, at);
		}
	};
	visit(value, undefined, 0, false);
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every place of the recording where one of its secrets appears, in any of its forms. */
export function findLeaks(recording: Recording): Leak[] {
	// a credential registered again after a token renewal repeats its other fields
	const unique = new Map(
		recording.secrets.map((secret) => [`${secret.source}\n${secret.value}`, secret]),
	);
	const secrets = [...unique.values()].map((secret) => ({
		...secret,
		needles: needlesOf(secret.value),
	}));
	if (secrets.length === 0) return [];
	// one pass per string finds the few that hold anything; only those are matched needle by needle
	const anyNeedle = new RegExp(
		secrets
			.flatMap((secret) => secret.needles.map((needle) => escapeRegExp(needle.text)))
			.join('|'),
	);
	const leaks: Leak[] = [];
	for (const observation of recording.observations) {
		visitStrings(observation.value, (text, path) => {
			if (!anyNeedle.test(text)) return;
			const inside = path();
			const where = inside === '' ? observation.where : `${observation.where} › ${inside}`;
			for (const secret of secrets) {
				const needle = secret.needles.find((candidate) => text.includes(candidate.text));
				if (needle) leaks.push({ source: secret.source, form: needle.form, where });
			}
		});
	}
	return leaks;
}

const MAX_LISTED = 10;

/** The failure message: whose secret, in which form, where; never the secret itself. */
export function describeLeaks(testName: string, leaks: readonly Leak[]): string {
	const lines = leaks
		.slice(0, MAX_LISTED)
		.map((leak) => `  - the ${leak.source} (${leak.form}) in ${leak.where}`);
	if (leaks.length > MAX_LISTED) lines.push(`  … and ${leaks.length - MAX_LISTED} more`);
	return [`Secret scan: "${testName}" let a secret out:`, ...lines].join('\n');
}
