import { PollWindow, versionKey, type CursorState } from '../../../nodes/Directo/cursor';
import type { DirectoRecord } from '../../../nodes/Directo/mapping';

const card = (code: string, ts: string): DirectoRecord => ({ code, ts, datafields: {} });

function poll(state: CursorState, records: DirectoRecord[], overlapHours = 24) {
	const window = new PollWindow(state, overlapHours);
	for (const record of records) {
		window.observe(record);
		window.offer(record);
	}
	return window.finish();
}

describe('PollWindow', () => {
	it('emits nothing on the first poll and keeps the newest ts as cursor', () => {
		const { fresh, state } = poll({}, [
			card('K1', '2024-01-15T10:00:00'),
			card('K2', '2024-01-14T09:00:00'),
		]);

		expect(fresh).toEqual([]);
		expect(state).toEqual({
			cursor: '2024-01-15T10:00:00',
			seen: [versionKey(card('K1', '2024-01-15T10:00:00'))],
			primed: true,
		});
	});

	it('starts the next read the overlap before the cursor', () => {
		expect(new PollWindow({ cursor: '2024-01-15T10:00:00', primed: true }, 24).readFrom).toBe(
			Date.UTC(2024, 0, 14, 10),
		);
		expect(new PollWindow({}, 24).readFrom).toBeUndefined();
	});

	it('emits a version once, oldest change first, and never what lies before the window', () => {
		const first = poll({}, [card('K1', '2024-01-15T10:00:00')]);
		const second = poll(first.state, [
			card('K1', '2024-01-15T10:00:00'),
			card('K0', '2024-01-14T08:00:00'),
			card('K3', '2024-01-16T12:00:00'),
			card('K2', '2024-01-15T11:00:00'),
		]);

		expect(second.fresh.map((record) => record.code)).toEqual(['K2', 'K3']);
		expect(second.state.cursor).toBe('2024-01-16T12:00:00');
	});

	it('emits a change that became visible late with a ts inside the overlap', () => {
		const first = poll({}, [card('K1', '2024-01-15T10:00:00')]);
		const second = poll(first.state, [
			card('K1', '2024-01-15T10:00:00'),
			card('K2', '2024-01-15T02:00:00'),
		]);
		const third = poll(second.state, [
			card('K1', '2024-01-15T10:00:00'),
			card('K2', '2024-01-15T02:00:00'),
		]);

		expect(second.fresh.map((record) => record.code)).toEqual(['K2']);
		expect(third.fresh).toEqual([]);
	});

	it('emits a card again when it changed again', () => {
		const first = poll({}, [card('K1', '2024-01-15T10:00:00')]);
		const second = poll(first.state, [card('K1', '2024-01-15T10:05:00')]);

		expect(second.fresh.map((record) => record.ts)).toEqual(['2024-01-15T10:05:00']);
	});

	it('emits everything after a first poll that found no record', () => {
		const first = poll({}, []);
		const second = poll(first.state, [card('K1', '2024-01-15T10:00:00')]);

		expect(first.state).toEqual({ primed: true });
		expect(second.fresh.map((record) => record.code)).toEqual(['K1']);
	});

	it('forgets versions that left the overlap window', () => {
		const first = poll({}, [card('K1', '2024-01-15T10:00:00')], 1);
		const second = poll(first.state, [card('K2', '2024-01-15T12:00:00')], 1);

		expect(second.state.seen).toEqual([versionKey(card('K2', '2024-01-15T12:00:00'))]);
	});
});
