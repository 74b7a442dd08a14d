import { RateLimitDeadlineError, RateLimitGate, type RateLimitClock } from '../../../nodes/Billomat/rateLimit';

const WINDOW_MS = 15 * 60 * 1000;
const START = Date.UTC(2025, 5, 2, 10, 7, 30);
const RESET_SECONDS = String(Date.UTC(2025, 5, 2, 10, 15, 0) / 1000);

function fakeClock(start = START): RateLimitClock & { waits: number[] } {
	let time = start;
	const waits: number[] = [];
	return {
		waits,
		now: () => time,
		sleep: async (ms) => {
			waits.push(ms);
			time += ms;
		},
	};
}

describe('RateLimitGate', () => {
	it('lets requests pass while the answers say quota is left', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(200, '5', RESET_SECONDS);

		for (let i = 0; i < 5; i++) await gate.acquire();

		expect(clock.waits).toEqual([]);
	});

	it('waits until one second after the reset once the quota is used up', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(200, '0', RESET_SECONDS);

		expect(await gate.acquire()).toBe(7.5 * 60 * 1000 + 1000);
		expect(clock.now()).toBe(Number(RESET_SECONDS) * 1000 + 1000);
	});

	it('counts its own requests against the last answer, so the last one is not taken twice', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(200, '1', RESET_SECONDS);

		await gate.acquire();
		await gate.acquire();

		expect(clock.waits).toHaveLength(1);
	});

	it('treats a 429 as an empty quota even when its headers are missing, waiting for the next clock window', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(429, undefined, undefined);

		await gate.acquire();

		expect(clock.waits).toEqual([7.5 * 60 * 1000 + 1000]);
	});

	it('retries after one second when a 429 names a reset that has already passed here', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(429, '0', String(START / 1000 - 5));

		await gate.acquire();

		expect(clock.waits).toEqual([1000]);
	});

	it('forgets the old quota once its window is over', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(200, '0', RESET_SECONDS);
		await clock.sleep(WINDOW_MS);
		clock.waits.length = 0;

		await gate.acquire();

		expect(clock.waits).toEqual([]);
	});

	it('counts 300 requests per clock window itself while Billomat sends no headers', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);

		for (let i = 0; i < 300; i++) await gate.acquire();
		expect(clock.waits).toEqual([]);
		await gate.acquire();

		expect(clock.waits).toEqual([7.5 * 60 * 1000 + 1000]);
	});

	it('refuses to wait past a deadline and says when the next request would fit', async () => {
		const clock = fakeClock();
		const gate = new RateLimitGate(clock);
		gate.observe(200, '0', RESET_SECONDS);

		const attempt = gate.acquire(START + 60_000);

		await expect(attempt).rejects.toThrow(RateLimitDeadlineError);
		await expect(attempt).rejects.toThrow("Billomat's rate limit allows the next request at 2025-06-02T10:15:01.000Z");
		expect(clock.waits).toEqual([]);
	});
});
