import { createRandom } from './random';
import type { Query } from './types';

/** `429`/`503`/`500`: answered with that status; `slow`: answered normally after a delay; `drop`: socket destroyed. */
export type FaultKind = '429' | '503' | '500' | 'slow' | 'drop';

const FAULT_KINDS: readonly FaultKind[] = ['429', '503', '500', 'slow', 'drop'];

/** What a `match` predicate sees of a request (everything but the body). */
export interface FaultRequest {
	readonly method: string;
	readonly path: string;
	readonly query: Query;
	readonly headers: Readonly<Record<string, string>>;
	/** `METHOD /pattern` of the route the request would reach, if any. */
	readonly route?: string;
}

export interface FaultSpec {
	/** Share of eligible requests that get a fault, 0..1. @default 1 */
	readonly rate?: number;
	/** Kinds to inject; with several, each fault picks one with the seeded PRNG. */
	readonly kinds: readonly FaultKind[];
	/**
	 * `Retry-After` on `429` and `503`: seconds, or `'http-date'` for an HTTP date
	 * `httpDateDelaySeconds` ahead of the real clock; `null`/omitted sends no header.
	 * @default null
	 */
	readonly retryAfterSeconds?: number | 'http-date' | null;
	/** Seconds ahead for `retryAfterSeconds: 'http-date'`. @default 2 */
	readonly httpDateDelaySeconds?: number;
	/** Matching requests that pass untouched before faults start. @default 0 */
	readonly afterRequests?: number;
	/** Maximum number of faults to inject; afterwards requests pass. @default Infinity */
	readonly times?: number;
	/** Only requests for which this returns true are counted and faulted. @default all requests */
	readonly match?: (request: FaultRequest) => boolean;
	/** Seed of the PRNG that applies `rate` and picks among `kinds`. @default 1 */
	readonly seed?: number;
	/** Delay of a `slow` fault in ms. @default 2000 */
	readonly slowMs?: number;
}

export interface FaultDecision {
	readonly kind: FaultKind;
	/** Value for the `Retry-After` header, if one is to be sent. */
	readonly retryAfter?: string;
	readonly slowMs: number;
}

/** Runtime-configurable fault injection; one spec is active at a time. */
export class FaultController {
	private spec: FaultSpec | undefined;
	private random: () => number = createRandom(1);
	private seenCount = 0;
	private injectedCount = 0;

	constructor(initial?: FaultSpec) {
		if (initial) this.set(initial);
	}

	/** Replaces the active spec and restarts its counters and PRNG. */
	set(spec: FaultSpec): void {
		validateSpec(spec);
		this.spec = spec;
		this.random = createRandom(spec.seed ?? 1);
		this.seenCount = 0;
		this.injectedCount = 0;
	}

	clear(): void {
		this.spec = undefined;
		this.seenCount = 0;
		this.injectedCount = 0;
	}

	/**
	 * After `k` matching requests pass, every further matching request fails: the way to cut
	 * a run off in the middle and test that it resumes.
	 */
	failAfter(
		k: number,
		options: { readonly kind?: '500' | '503' | 'drop'; readonly match?: FaultSpec['match'] } = {},
	): void {
		this.set({ kinds: [options.kind ?? '500'], afterRequests: k, match: options.match });
	}

	get active(): FaultSpec | undefined {
		return this.spec;
	}

	/** Matching requests seen since the spec was set. */
	get seen(): number {
		return this.seenCount;
	}

	/** Faults injected since the spec was set. */
	get injected(): number {
		return this.injectedCount;
	}

	/** Decides the fault for one request; counts it when it matches. */
	decide(request: FaultRequest): FaultDecision | undefined {
		const spec = this.spec;
		if (!spec) return undefined;
		if (spec.match && !spec.match(request)) return undefined;
		this.seenCount++;
		if (this.seenCount <= (spec.afterRequests ?? 0)) return undefined;
		if (this.injectedCount >= (spec.times ?? Infinity)) return undefined;
		const rate = spec.rate ?? 1;
		if (rate < 1 && this.random() >= rate) return undefined;
		const kind =
			spec.kinds.length === 1
				? spec.kinds[0]
				: spec.kinds[Math.floor(this.random() * spec.kinds.length)];
		this.injectedCount++;
		return {
			kind,
			retryAfter: kind === '429' || kind === '503' ? formatRetryAfter(spec) : undefined,
			slowMs: spec.slowMs ?? 2000,
		};
	}
}

function formatRetryAfter(spec: FaultSpec): string | undefined {
	const value = spec.retryAfterSeconds;
	if (value === undefined || value === null) return undefined;
	if (value === 'http-date') {
		// HTTP dates have whole seconds; clients compare them with their real clock, not the sandbox clock
		return new Date(Date.now() + (spec.httpDateDelaySeconds ?? 2) * 1000).toUTCString();
	}
	return String(value);
}

function validateSpec(spec: FaultSpec): void {
	if (!Array.isArray(spec.kinds) || spec.kinds.length === 0) {
		throw new Error('Expected `kinds` to be a non-empty array of fault kinds.');
	}
	for (const kind of spec.kinds) {
		if (!FAULT_KINDS.includes(kind)) {
			throw new Error(
				`Expected \`kinds\` to contain only ${FAULT_KINDS.join(', ')}, got "${kind}".`,
			);
		}
	}
	const rate = spec.rate ?? 1;
	if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) {
		throw new Error(`Expected \`rate\` to be a number between 0 and 1, got ${String(rate)}.`);
	}
	checkNonNegative('afterRequests', spec.afterRequests);
	checkNonNegative('times', spec.times);
	checkNonNegative('slowMs', spec.slowMs);
	checkNonNegative('httpDateDelaySeconds', spec.httpDateDelaySeconds);
	const retryAfter = spec.retryAfterSeconds;
	if (typeof retryAfter === 'number') checkNonNegative('retryAfterSeconds', retryAfter);
}

function checkNonNegative(name: string, value: number | undefined): void {
	if (value === undefined) return;
	if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
		throw new Error(`Expected \`${name}\` to be a non-negative number, got ${String(value)}.`);
	}
}
