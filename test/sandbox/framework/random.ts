/**
 * Seeded PRNG (mulberry32): the same seed gives the same sequence, so a fault rate of 0.3
 * hits the same requests in every run.
 * @returns a function yielding numbers in [0, 1)
 */
export function createRandom(seed: number): () => number {
	if (!Number.isFinite(seed)) {
		throw new Error(`Expected \`seed\` to be a finite number, got ${seed}.`);
	}
	let state = Math.trunc(seed) >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
