/**
 * The sandbox's notion of "now". Without a start time it follows the system clock plus any
 * `advance`d offset; with one it stands still until advanced, so tests can move through days
 * (retention, expiry) without waiting.
 */
export class SandboxClock {
	private offsetMs = 0;
	private frozenAt: number | undefined;

	constructor(startAt?: number) {
		if (startAt !== undefined) this.set(startAt);
	}

	/** Epoch milliseconds. */
	now(): number {
		return this.frozenAt ?? Date.now() + this.offsetMs;
	}

	advance(ms: number): number {
		if (!Number.isFinite(ms) || ms < 0) {
			throw new Error(`Expected \`ms\` to be a non-negative number, got ${ms}.`);
		}
		if (this.frozenAt === undefined) this.offsetMs += ms;
		else this.frozenAt += ms;
		return this.now();
	}

	/** Freezes the clock at `epochMs`. */
	set(epochMs: number): void {
		if (!Number.isFinite(epochMs)) {
			throw new Error(`Expected \`epochMs\` to be a finite number, got ${epochMs}.`);
		}
		this.frozenAt = epochMs;
	}

	get isFrozen(): boolean {
		return this.frozenAt !== undefined;
	}
}
