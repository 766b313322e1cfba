import { AdaptiveLimit } from '../../nodes/shared/pace';
import { runPool } from '../../nodes/shared/pool';

describe('AdaptiveLimit (AIMD pace of one execution)', () => {
	it('halves on a 429 once per round, however many 429s that round got', async () => {
		const limit = new AdaptiveLimit(8);
		const round = await Promise.all(Array.from({ length: 8 }, async () => await limit.acquire()));
		for (const ticket of round) limit.release(ticket, true);
		expect(limit.current).toBe(4);

		const next = await limit.acquire();
		limit.release(next, true);
		expect(limit.current).toBe(2);
	});

	it('grows back by one after a full round of answers without a 429, up to the maximum', async () => {
		const limit = new AdaptiveLimit(4);
		limit.release(await limit.acquire(), true);
		limit.release(await limit.acquire(), true);
		expect(limit.current).toBe(1);
		const answer = async () => limit.release(await limit.acquire(), false);
		await answer();
		expect(limit.current).toBe(2);
		await answer();
		await answer();
		expect(limit.current).toBe(3);
		for (let index = 0; index < 10; index++) await answer();
		expect(limit.current).toBe(4);
	});

	it('never goes below one request in flight', async () => {
		const limit = new AdaptiveLimit(2);
		for (let index = 0; index < 5; index++) limit.release(await limit.acquire(), true);
		expect(limit.current).toBe(1);
	});

	it('makes a request wait while the limit is reached', async () => {
		const limit = new AdaptiveLimit(1);
		const first = await limit.acquire();
		let secondStarted = false;
		const second = limit.acquire().then((ticket) => {
			secondStarted = true;
			return ticket;
		});
		await Promise.resolve();
		expect(secondStarted).toBe(false);
		limit.release(first, false);
		limit.release(await second, false);
		expect(secondStarted).toBe(true);
	});
});

/** Lets the other pool workers run (a few promise turns; no timers in node code's lint). */
async function nextTurn(): Promise<void> {
	for (let turn = 0; turn < 3; turn++) await Promise.resolve();
}

describe('runPool', () => {
	it('runs every index once, at most `concurrency` at a time, started in order', async () => {
		let running = 0;
		let peak = 0;
		const started: number[] = [];
		await runPool(10, 3, async (index) => {
			started.push(index);
			running++;
			peak = Math.max(peak, running);
			await nextTurn();
			running--;
		});
		expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(peak).toBe(3);
	});

	it('starts nothing more once stopped, and lets the running ones finish', async () => {
		const finished: number[] = [];
		let stop = false;
		await runPool(
			10,
			2,
			async (index) => {
				if (index === 3) stop = true;
				await nextTurn();
				finished.push(index);
			},
			() => stop,
		);
		expect(finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
	});
});
