import { Semaphore, runPool } from '../../nodes/shared/semaphore';

/** Lets the promises started so far take a few steps. */
async function nextTurn(): Promise<void> {
	for (let turn = 0; turn < 3; turn++) await Promise.resolve();
}

describe('runPool', () => {
	it('runs every index once, at most `concurrency` at a time, started in order', async () => {
		let running = 0;
		let peak = 0;
		const started: number[] = [];
		await runPool(10, new Semaphore(3), async (index) => {
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
			new Semaphore(2),
			async (index) => {
				if (index === 3) stop = true;
				await nextTurn();
				finished.push(index);
			},
			() => stop,
		);
		expect(finished.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
	});

	it('lets another item start while one waits aside, and gives the waiting one its place back first', async () => {
		const semaphore = new Semaphore(1);
		const events: string[] = [];
		let endWait: () => void = () => undefined;
		const waiting = new Promise<void>((resolve) => (endWait = resolve));
		const pool = runPool(3, semaphore, async (index) => {
			events.push(`start ${index}`);
			if (index === 0) {
				await semaphore.lend(async () => await waiting);
				events.push('0 back');
			} else {
				await nextTurn();
				if (index === 1) endWait();
				await nextTurn();
			}
			events.push(`end ${index}`);
		});
		await pool;
		// Item 1 ran while item 0 waited; when 1 finished, 0 got the place back before item 2 started.
		expect(events).toEqual(['start 0', 'start 1', 'end 1', '0 back', 'end 0', 'start 2', 'end 2']);
	});

	it('lends at most `size` places at once: when every retry is refused, no more than twice `size` items are under way', async () => {
		const semaphore = new Semaphore(2);
		let underWay = 0;
		let peak = 0;
		let release: () => void = () => undefined;
		const refusedForever = new Promise<void>((resolve) => (release = resolve));
		const pool = runPool(10, semaphore, async () => {
			underWay++;
			peak = Math.max(peak, underWay);
			await semaphore.lend(async () => await refusedForever);
			underWay--;
		});
		for (let turn = 0; turn < 5; turn++) await nextTurn();
		expect(peak).toBe(4);
		release();
		await pool;
	});

	it('lets an item wait aside for another without deadlock, even when that one lent the only place', async () => {
		const semaphore = new Semaphore(1);
		let first: Promise<void> = Promise.resolve();
		let endRetry: () => void = () => undefined;
		const retry = new Promise<void>((resolve) => (endRetry = resolve));
		const done: number[] = [];
		const pool = runPool(2, semaphore, async (index) => {
			if (index === 0) {
				first = (async () => {
					await semaphore.lend(async () => await retry);
				})();
				await first;
			} else {
				await semaphore.stepAside(async () => await first);
			}
			done.push(index);
		});
		await nextTurn();
		endRetry();
		await pool;
		expect(done).toEqual([0, 1]);
	});
});
