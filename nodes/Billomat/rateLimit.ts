import { sleep } from 'n8n-workflow';

/** The clock the node waits with; tests replace its functions so nothing really waits. */
export interface RateLimitClock {
	/** Epoch milliseconds. */
	now(): number;
	sleep(ms: number): Promise<void>;
}

export const rateLimitClock: RateLimitClock = {
	now: () => Date.now(),
	sleep: async (ms) => await sleep(ms),
};

// billomat.md §4: fixed 15-minute windows aligned to the clock, 300 requests without an app.
export const BILLOMAT_WINDOW_MS = 15 * 60 * 1000;
export const BILLOMAT_ASSUMED_QUOTA = 300;
// billomat.md §4: wait until `X-Rate-Limit-Reset` + 1 s.
const RESET_MARGIN_MS = 1000;

/** The gate would have to wait past the caller's deadline (e.g. a poll's time budget). */
export class RateLimitDeadlineError extends Error {
	constructor(readonly resumeAt: number) {
		super(`Billomat's rate limit allows the next request at ${new Date(resumeAt).toISOString()}`);
		this.name = 'RateLimitDeadlineError';
	}
}

/**
 * Keeps one Billomat account under its request quota. It trusts `X-Rate-Limit-Remaining` and
 * `X-Rate-Limit-Reset` (epoch seconds) of the last answer and pauses before the request that would
 * exceed the quota, until the window resets. Before the first answer with those headers it counts
 * its own requests against 300 per clock-aligned window.
 */
export class RateLimitGate {
	private remaining: number | undefined;

	private resetAt: number | undefined;

	private hasHeaders = false;

	private ownWindow = -1;

	private ownCount = 0;

	constructor(private readonly clock: RateLimitClock = rateLimitClock) {}

	/**
	 * Waits, if needed, until one more request fits, and returns how long it waited (ms); throws
	 * `RateLimitDeadlineError` rather than wait past `deadline` (epoch ms).
	 */
	async acquire(deadline?: number): Promise<number> {
		const now = this.clock.now();
		const resumeAt = this.resumeTime(now);
		let waitedMs = 0;
		if (resumeAt !== undefined && resumeAt > now) {
			if (deadline !== undefined && resumeAt > deadline) throw new RateLimitDeadlineError(resumeAt);
			waitedMs = resumeAt - now;
			await this.clock.sleep(waitedMs);
			this.remaining = undefined;
			this.resetAt = undefined;
		}
		// counted before the answer arrives, so that requests sent in parallel cannot all take the last one
		if (this.remaining !== undefined) this.remaining -= 1;
		this.countOwn(this.clock.now());
		return waitedMs;
	}

	/** Reads the rate-limit headers of an answer; a `429` means no quota is left whatever they say. */
	observe(status: number, remaining: string | undefined, reset: string | undefined): void {
		const left = remaining === undefined ? NaN : Number(remaining);
		const resetSeconds = reset === undefined ? NaN : Number(reset);
		if (Number.isFinite(left)) {
			this.hasHeaders = true;
			this.remaining = Math.max(0, Math.floor(left));
		}
		if (Number.isFinite(resetSeconds)) this.resetAt = resetSeconds * 1000;
		if (status !== 429) return;
		this.remaining = 0;
		const now = this.clock.now();
		// without a usable reset time the documented window boundary is the best guess
		if (this.resetAt === undefined) this.resetAt = nextWindowStart(now);
		// a reset already past on this clock means the clocks differ a little: try again shortly
		if (this.resetAt <= now) this.resetAt = now;
	}

	private resumeTime(now: number): number | undefined {
		if (this.remaining !== undefined && this.resetAt !== undefined) {
			if (now >= this.resetAt + RESET_MARGIN_MS) {
				this.remaining = undefined;
				return undefined;
			}
			return this.remaining <= 0 ? this.resetAt + RESET_MARGIN_MS : undefined;
		}
		if (this.hasHeaders) return undefined;
		const window = Math.floor(now / BILLOMAT_WINDOW_MS);
		if (window !== this.ownWindow || this.ownCount < BILLOMAT_ASSUMED_QUOTA) return undefined;
		return nextWindowStart(now) + RESET_MARGIN_MS;
	}

	private countOwn(now: number): void {
		const window = Math.floor(now / BILLOMAT_WINDOW_MS);
		if (window !== this.ownWindow) {
			this.ownWindow = window;
			this.ownCount = 0;
		}
		this.ownCount += 1;
	}
}

function nextWindowStart(now: number): number {
	return (Math.floor(now / BILLOMAT_WINDOW_MS) + 1) * BILLOMAT_WINDOW_MS;
}

// One gate per account: the workflows of this n8n process share what they learn about the quota
// (the node and the trigger are bundled apart, so each keeps its own; the headers keep both in step).
const gates = new Map<string, RateLimitGate>();

/** The gate of the account behind `baseUrl`. */
export function gateFor(baseUrl: string): RateLimitGate {
	let gate = gates.get(baseUrl);
	if (gate === undefined) {
		gate = new RateLimitGate(rateLimitClock);
		gates.set(baseUrl, gate);
	}
	return gate;
}

/** Forgets what is known about every account's quota (tests start from a clean slate). */
export function forgetRateLimits(): void {
	gates.clear();
}
