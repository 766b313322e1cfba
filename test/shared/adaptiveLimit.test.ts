import { AdaptiveLimit, MIN_RATE, RATE_AFTER_429, RATE_GROWTH } from '../../nodes/shared/adaptiveLimit';

/** The Concurrency of the execution sending (the window before the first 429 starts there). */
const CONCURRENCY = 5;

/** A clock the test moves: `wait` advances it instead of sleeping, and records what was waited. */
function fakeClock() {
	let time = 10_000;
	const waits: number[] = [];
	return {
		now: () => time,
		advance: (ms: number) => {
			time += ms;
		},
		wait: async (ms: number) => {
			waits.push(ms);
			time += ms;
		},
		waits,
	};
}

/** Sends `count` requests one after another, each answered `latency` ms after it went out. */
async function sendInTurn(limit: AdaptiveLimit, clock: ReturnType<typeof fakeClock>, count: number, answer: (index: number) => boolean, latency = 5) {
	for (let index = 0; index < count; index++) {
		const ticket = await limit.acquire(CONCURRENCY);
		clock.advance(latency);
		limit.release(ticket, answer(index) ? 'rateLimited' : 'answered');
	}
}

/** A clock that stands still while a request waits for its turn, until the test lets it move (`moveClock`). */
function heldClock() {
	const clock = fakeClock();
	const held: { release?: () => void } = {};
	const moveClock = () => {
		const release = held.release;
		held.release = undefined;
		release?.();
	};
	return {
		clock,
		isHeld: () => held.release !== undefined,
		moveClock,
		/** Acquires, letting the clock move for this request's own turn. */
		acquireNow: async (limit: AdaptiveLimit) => {
			let done = false;
			const ticket = limit.acquire(CONCURRENCY).finally(() => (done = true));
			for (let turn = 0; turn < 8 && !done; turn++) {
				await nextTurn();
				moveClock();
			}
			return await ticket;
		},
		wait: async (ms: number) => {
			await new Promise<void>((resolve) => (held.release = resolve));
			clock.advance(ms);
		},
	};
}

/** 50 accepted over 250 ms, then one refusal: the fast reading, about 194 per second. */
async function burstThenRefusal(limit: AdaptiveLimit, clock: ReturnType<typeof fakeClock>) {
	await sendInTurn(limit, clock, 51, (index) => index === 50);
}

describe('AdaptiveLimit (the pace of one API account)', () => {
	it('sends without pacing until the first 429', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 50, () => false);
		expect(limit.rate).toBe(Number.POSITIVE_INFINITY);
		expect(clock.waits).toEqual([]);
	});

	it('after a 429 sends just under the rate the API accepted in the second before, evenly spaced', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		// 40 accepted over 200 ms (200/s), then refused: the API let 200/s through so far.
		await sendInTurn(limit, clock, 41, (index) => index === 40);
		expect(limit.rate).toBeCloseTo(200 * RATE_AFTER_429, 0);
		// The next requests go out one interval apart.
		clock.waits.length = 0;
		await sendInTurn(limit, clock, 4, () => false, 0);
		const interval = 1000 / limit.rate;
		expect(clock.waits).toHaveLength(3);
		for (const ms of clock.waits) expect(ms).toBeCloseTo(interval, 0);
	});

	it('reads a burst refused at its end the fast way first: the rate is the burst\'s own pace, without a pause', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		// 50 accepted in 250 ms, then one refusal: 50 per second, or a limit on requests in flight?
		await sendInTurn(limit, clock, 51, (index) => index === 50);
		expect(limit.rate).toBeCloseTo((50 / 0.25) * RATE_AFTER_429, -1);
		clock.waits.length = 0;
		await sendInTurn(limit, clock, 1, () => false, 0);
		expect(Math.max(0, ...clock.waits)).toBeLessThan(10);
	});

	it('finds the budget spent when the API refuses the first request sent at the new pace: per-second rate, and a pause until the API\'s second is over', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		const firstAnsweredAt = clock.now() + 5;
		await sendInTurn(limit, clock, 51, (index) => index === 50);
		// Nothing accepted since: the next refusal says the API's budget (50 in this second) is used up.
		await sendInTurn(limit, clock, 1, () => true);
		expect(limit.rate).toBeCloseTo(50 * RATE_AFTER_429, 5);
		// Not before the first request of that second is a second old, counted from its answer; then evenly spaced.
		clock.waits.length = 0;
		const sent: number[] = [];
		for (let index = 0; index < 4; index++) {
			const ticket = await limit.acquire(CONCURRENCY);
			sent.push(ticket.sentAt);
			limit.release(ticket, 'answered');
		}
		expect(sent[0]).toBe(firstAnsweredAt + 1000);
		for (let index = 1; index < 4; index++) expect(sent[index] - sent[index - 1]).toBeCloseTo(1000 / limit.rate, 5);
	});

	it('counts the pause from the earliest answer of that second, when answers came back out of order', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		const first = await limit.acquire(CONCURRENCY);
		clock.advance(1);
		const second = await limit.acquire(CONCURRENCY);
		clock.advance(3);
		limit.release(second, 'answered');
		const earliestAnswer = clock.now();
		clock.advance(7);
		limit.release(first, 'answered');
		await sendInTurn(limit, clock, 49, (index) => index === 48);
		await sendInTurn(limit, clock, 1, () => true);
		const ticket = await limit.acquire(CONCURRENCY);
		expect(ticket.sentAt).toBe(earliestAnswer + 1000);
		limit.release(ticket, 'answered');
	});

	it('makes the requests already waiting for a turn wait for the pause too', async () => {
		const { clock, isHeld, moveClock, wait } = heldClock();
		const limit = new AdaptiveLimit(clock.now, wait);
		const firstAnsweredAt = clock.now() + 5;
		await burstThenRefusal(limit, clock);
		// The fast reading: one request goes out at once, the next waits for its turn a few ms later.
		const refused = await limit.acquire(CONCURRENCY);
		const waiting = limit.acquire(CONCURRENCY);
		for (let turn = 0; turn < 4 && !isHeld(); turn++) await nextTurn();
		expect(isHeld()).toBe(true);
		// The API refuses the one sent at the new pace: its budget is spent, the pause begins.
		clock.advance(5);
		limit.release(refused, 'rateLimited');
		moveClock();
		// The waiting request takes a new turn: after the pause.
		for (let turn = 0; turn < 4 && !isHeld(); turn++) await nextTurn();
		expect(isHeld()).toBe(true);
		moveClock();
		const waitingTicket = await waiting;
		expect(waitingTicket.sentAt).toBe(firstAnsweredAt + 1000);
		limit.release(waitingTicket, 'answered');
	});

	it('ignores a 429 for a request whose turn was taken before the pace changed, even when it went out after the change', async () => {
		const { clock, isHeld, moveClock, wait, acquireNow } = heldClock();
		const limit = new AdaptiveLimit(clock.now, wait);
		await burstThenRefusal(limit, clock);
		const accepted = await acquireNow(limit);
		clock.advance(5);
		limit.release(accepted, 'answered');
		// One request goes out at the current pace; the next waits for its turn.
		const refused = await acquireNow(limit);
		const waiting = limit.acquire(CONCURRENCY);
		for (let turn = 0; turn < 4 && !isHeld(); turn++) await nextTurn();
		expect(isHeld()).toBe(true);
		// A 429 at the current pace, after an acceptance: the pace changes (no pause).
		clock.advance(2);
		limit.release(refused, 'rateLimited');
		const rateAfter = limit.rate;
		moveClock();
		const late = await waiting;
		expect(late.sentAt).toBeGreaterThan(refused.sentAt);
		// Its turn was taken at the old pace: its 429 says nothing about the new one (no change, no pause).
		clock.advance(5);
		limit.release(late, 'rateLimited');
		expect(limit.rate).toBe(rateAfter);
		const next = limit.acquire(CONCURRENCY);
		for (let turn = 0; turn < 4 && !isHeld(); turn++) await nextTurn();
		if (isHeld()) moveClock();
		expect((await next).sentAt - late.sentAt).toBeLessThan(100);
	});

	it('tells the old pace from the new within one millisecond: a 429 for a request sent in the millisecond the pace changed, before it, changes nothing', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 50, () => false);
		const first = await limit.acquire(CONCURRENCY);
		clock.advance(5);
		// Sent in the same millisecond as the 429 that changes the pace is handled, just before it.
		const sameMillisecond = await limit.acquire(CONCURRENCY);
		limit.release(first, 'rateLimited');
		const rateAfter = limit.rate;
		clock.advance(5);
		limit.release(sameMillisecond, 'rateLimited');
		expect(limit.rate).toBe(rateAfter);
		clock.waits.length = 0;
		const next = await limit.acquire(CONCURRENCY);
		expect(Math.max(0, ...clock.waits)).toBeLessThan(100);
		limit.release(next, 'answered');
	});

	it('ignores a 429 for a request sent before the pace changed, and does not pause while the API still accepts requests (a limit in flight)', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		// 20 sent at once: 10 accepted, 10 refused (10 in flight allowed), answered in any order.
		const tickets = [];
		for (let index = 0; index < 20; index++) tickets.push(await limit.acquire(20));
		clock.advance(25);
		for (const ticket of tickets.slice(0, 5)) limit.release(ticket, 'answered');
		limit.release(tickets[10], 'rateLimited');
		const rateAfterFirst = limit.rate;
		expect(rateAfterFirst).toBeGreaterThan(1000);
		for (const ticket of tickets.slice(11)) limit.release(ticket, 'rateLimited');
		expect(limit.rate).toBe(rateAfterFirst);
		for (const ticket of tickets.slice(5, 10)) limit.release(ticket, 'answered');
		// A refusal at the new pace while the API accepted requests since the change: no pause.
		const next = await limit.acquire(20);
		clock.advance(25);
		limit.release(next, 'rateLimited');
		clock.waits.length = 0;
		const after = await limit.acquire(20);
		expect(Math.max(0, ...clock.waits)).toBeLessThan(100);
		limit.release(after, 'answered');
	});

	it('counts only answered requests as accepted: requests without an answer tell nothing about the limit', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		for (let index = 0; index < 40; index++) {
			const ticket = await limit.acquire(CONCURRENCY);
			clock.advance(5);
			limit.release(ticket, 'unanswered');
		}
		const refused = await limit.acquire(CONCURRENCY);
		limit.release(refused, 'rateLimited');
		expect(limit.rate).toBe(Number.POSITIVE_INFINITY);
	});

	it('keeps its rate on a 429 when nothing was accepted in the second before (the limit was used up elsewhere)', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 3, () => true);
		expect(limit.rate).toBe(Number.POSITIVE_INFINITY);
	});

	it('speeds up by 5% after a second\'s worth of answers without a 429, 10% after the next, 15% after the one after, and never goes below 1 per second', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 2, (index) => index === 1, 999);
		expect(limit.rate).toBe(MIN_RATE);
		await sendInTurn(limit, clock, 1, () => false);
		const step = RATE_GROWTH - 1;
		expect(limit.rate).toBeCloseTo(MIN_RATE * (1 + step), 5);
		await sendInTurn(limit, clock, 2, () => false);
		expect(limit.rate).toBeCloseTo(MIN_RATE * (1 + step) * (1 + 2 * step), 5);
		await sendInTurn(limit, clock, 2, () => false);
		expect(limit.rate).toBeCloseTo(MIN_RATE * (1 + step) * (1 + 2 * step) * (1 + 3 * step), 5);
	});

	it('starts the growth over at 5% after a quiet spell', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 21, (index) => index === 20, 100);
		const slowed = limit.rate;
		await sendInTurn(limit, clock, 10, () => false, 100);
		expect(limit.rate).toBeCloseTo(slowed * RATE_GROWTH, 5);
		const grown = limit.rate;
		clock.advance(500);
		await sendInTurn(limit, clock, Math.ceil(grown), () => false, 100);
		expect(limit.rate).toBeCloseTo(grown * RATE_GROWTH, 5);
	});

	it('starts the growth over at 5% after a 429 that slowed it down', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		// 10 per second for two seconds, then a refusal: just under 10 per second.
		await sendInTurn(limit, clock, 21, (index) => index === 20, 100);
		const afterFirst = limit.rate;
		expect(afterFirst).toBeLessThan(10);
		await sendInTurn(limit, clock, 10, () => false, 100);
		expect(limit.rate).toBeCloseTo(afterFirst * RATE_GROWTH, 5);
		await sendInTurn(limit, clock, 1, () => true, 100);
		const afterSecond = limit.rate;
		expect(afterSecond).toBeLessThan(afterFirst * RATE_GROWTH);
		await sendInTurn(limit, clock, Math.ceil(afterSecond), () => false, 100);
		expect(limit.rate).toBeCloseTo(afterSecond * RATE_GROWTH, 5);
	});

	it('while the pace is not in use (fewer than half its rate sent in the second before), keeps its rate on a 429 and does not grow', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		// 100 per second, then a refusal: just under 100 per second.
		await sendInTurn(limit, clock, 101, (index) => index === 100, 10);
		const rate = limit.rate;
		expect(rate).toBeGreaterThan(90);
		// A run's last items, a while later: one request every 100 ms (10 per second), some refused at random.
		clock.advance(2000);
		await sendInTurn(limit, clock, 200, (index) => index % 7 === 3, 100);
		expect(limit.rate).toBe(rate);
		// Twice its rate's worth of answers without a 429, at 10 per second: no faster.
		await sendInTurn(limit, clock, 200, () => false, 100);
		expect(limit.rate).toBe(rate);
	});

	it('until the first 429, lets out at most the largest Concurrency of its executions at once, twice that after as many answers', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		const out: Array<Awaited<ReturnType<AdaptiveLimit['acquire']>>> = [];
		const acquiring = Array.from({ length: 12 }, async () => out.push(await limit.acquire(2)));
		await nextTurn();
		expect(out).toHaveLength(2);
		limit.release(out[0], 'answered');
		limit.release(out[1], 'answered');
		await nextTurn();
		expect(out).toHaveLength(6);
		for (const ticket of out.slice(2)) limit.release(ticket, 'answered');
		await nextTurn();
		expect(out).toHaveLength(12);
		await Promise.all(acquiring);
	});

	it('until the first 429, starts the window over at the largest Concurrency after a quiet spell', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 8, () => false);
		clock.advance(200);
		const out: Array<Awaited<ReturnType<AdaptiveLimit['acquire']>>> = [];
		const acquiring = Array.from({ length: 6 }, async () => out.push(await limit.acquire(2)));
		await nextTurn();
		expect(out).toHaveLength(2);
		for (const ticket of out.splice(0)) limit.release(ticket, 'answered');
		await nextTurn();
		for (const ticket of out.splice(0)) limit.release(ticket, 'answered');
		await nextTurn();
		for (const ticket of out.splice(0)) limit.release(ticket, 'answered');
		await Promise.all(acquiring);
	});

	it('lets a 429 it reads nothing from leave the growth alone: the answers before and after it add up to a second\'s worth', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		await sendInTurn(limit, clock, 101, (index) => index === 100, 10);
		const rate = limit.rate;
		await sendInTurn(limit, clock, 60, () => false, 10);
		// After a quiet spell, a 429 with nothing accepted in the second before it: the budget was used up elsewhere.
		clock.advance(1500);
		await sendInTurn(limit, clock, 1, () => true, 10);
		expect(limit.rate).toBe(rate);
		await sendInTurn(limit, clock, Math.ceil(rate) - 60, () => false, 10);
		expect(limit.rate).toBeCloseTo(rate * RATE_GROWTH, 5);
	});

	it('once a 429 set a rate, holds requests back by the rate alone, not by the window', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		const first = await limit.acquire(1);
		clock.advance(5);
		limit.release(first, 'answered');
		const refused = await limit.acquire(1);
		clock.advance(5);
		limit.release(refused, 'rateLimited');
		expect(Number.isFinite(limit.rate)).toBe(true);
		const tickets = [await limit.acquire(1), await limit.acquire(1), await limit.acquire(1)];
		expect(tickets).toHaveLength(3);
	});

	it('is idle only while no request waits for a turn or is in flight, since the last one was released', async () => {
		const clock = fakeClock();
		const limit = new AdaptiveLimit(clock.now, clock.wait);
		const first = await limit.acquire(CONCURRENCY);
		expect(limit.idleSince).toBeUndefined();
		clock.advance(40);
		limit.release(first, 'answered');
		expect(limit.idleSince).toBe(clock.now());
	});
});

/** Lets the other pool workers run (a few promise turns; no timers in node code's lint). */
async function nextTurn(): Promise<void> {
	for (let turn = 0; turn < 3; turn++) await Promise.resolve();
}
