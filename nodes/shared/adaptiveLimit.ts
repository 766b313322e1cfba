import { sleep } from 'n8n-workflow';

/** The slowest pace a run of 429s can bring a node down to (requests per second). */
export const MIN_RATE = 1;
/** After a 429: this share of the rate the API had just accepted, so the next second stays under its limit. */
export const RATE_AFTER_429 = 0.97;
/**
 * After each second's worth of answers without a 429: this much faster, to find a limit that was raised; each further
 * such second adds as much again (5%, 10%, 15%…), so a share of the limit another process freed is taken within
 * seconds, not the fifteen that 5% a second needs to double.
 */
export const RATE_GROWTH = 1.05;
/**
 * The pace is in use while the requests sent in the last second reach this share of the rate. Only then does a 429
 * say the rate is too fast, and a second without one that it could be faster.
 */
const IN_USE_SHARE = 0.5;
const WINDOW_MS = 1000;
/** Nothing under way for this long between two requests: the next one starts a new run (see acquire). */
const QUIET_MS = 100;

/**
 * How fast the requests to one API account may go out: once the API has answered 429, at most `rate` requests per
 * second, spaced evenly. One pace serves every execution in the process that uses the same account (paces.ts), so a
 * burst of small executions is paced like one run; how many requests each execution has in flight is its own
 * Concurrency (run.ts).
 *
 * A 429 sets the rate to just under what the API accepted in the second before the refused request was sent: the limit
 * as the API counts it, whatever the latency, so the node neither hammers an unknown limit nor falls far below it. Only
 * the item that got the 429 waits for its Retry-After (http/client.ts); the others carry on at the new pace. After each
 * second's worth of answers without a 429 the rate grows, so a raised limit is found again.
 *
 * A rate is only read from a pace in use (requests sent in the last second reach half the rate): when fewer went out
 * (the last items of a run, most of them waiting out a retry), a 429 says the API's budget was used up elsewhere or
 * at random, not that the pace is too fast, and what little was accepted says nothing about the limit; and answers
 * without a 429 say nothing about a faster pace either.
 *
 * A 429 is ambiguous, above all early in a run: 50 requests accepted in 300 ms and then a refusal may be a limit of
 * 50 per second or of 10 in flight. A 429 reads it the fast way (the pace since the run began, up to a second); if the
 * API then refuses a request sent at the new pace before it accepted any other, at any time in the run, its budget is
 * spent: the pace drops to just under what it accepted in a full second and waits until that second is over, instead
 * of earning a 429 for every request until then (each refused item waits out its Retry-After, and once every place of
 * the pool is taken by such items nothing moves).
 * A refusal of a request whose turn was taken before the pace changed says nothing about the new pace and changes
 * nothing.
 *
 * Until the first 429 the limit is unknown, and a burst of executions would send all their requests at once: then
 * at most a window of requests is in flight on the account, at first the largest Concurrency of the executions
 * using it, doubled after each window's worth of answers without a 429 (so an API without a limit is soon sent to as
 * fast as each execution's Concurrency allows, and one execution alone is never held back by it).
 *
 * Why a rate and not fewer requests in flight: a limit of N per second at 25 ms latency allows N/40 in flight, so
 * halving the in-flight count swings between far too fast and far too slow.
 */
export class AdaptiveLimit {
	/** Requests that took a turn (or wait for one) and have not been released: a pace in use is never dropped. */
	private pending = 0;

	/** When the pace was last used: a pace nobody used for a while can be dropped (paces.ts). */
	private lastUsedAt: number;

	private requestsPerSecond = Number.POSITIVE_INFINITY;

	/** When the next request may go out, at the current rate. */
	private nextSendAt = 0;

	private firstSentAt: number | undefined;

	/** The requests the API accepted (answered without 429) within the last two windows, oldest sent first. */
	private accepted: Accepted[] = [];

	/** When the requests of the last window went out, in order: whether the pace is in use. */
	private sentTimes: number[] = [];

	/** Seconds in a row the rate grew without a 429 since (RATE_GROWTH). */
	private growthStreak = 0;

	/**
	 * Counts the 429s read as news about the limit. A ticket carries the count from when its turn was taken, so a 429
	 * for a request sent at an older pace is told apart exactly (timestamps tie within a millisecond), even when it
	 * went out after the change from a turn taken before it.
	 */
	private paceVersion = 0;

	/** Whether the API has accepted a request since the last such 429 (answered since, sent at any time). */
	private acceptedSinceSlowDown = false;

	/** How many times the API's budget was found spent (and the pace paused until its second is over). */
	private pauses = 0;

	private answersSinceChange = 0;

	/** Until the first 429: how many requests may be in flight on the account (see the class). */
	private window = 0;

	/** Requests let in and not yet released: waiting for their turn, or in flight. */
	private inFlight = 0;

	private answersInWindow = 0;

	/** Settles when the last request in line for a turn has gone out (waitForTurn). */
	private line: Promise<void> = Promise.resolve();

	/** Requests waiting for a place in the window. */
	private readonly outsideWindow: Array<() => void> = [];

	constructor(
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep,
	) {
		this.lastUsedAt = now();
	}

	/** Requests per second allowed right now (Infinity until the first 429). */
	get rate(): number {
		return this.requestsPerSecond;
	}

	/** Since when nobody has used the pace (no request waiting, in flight or released since); undefined while in use. */
	get idleSince(): number | undefined {
		return this.pending > 0 ? undefined : this.lastUsedAt;
	}

	/**
	 * Waits for a place in the window while no rate is set, then for the request's turn once one is; release the
	 * ticket with the outcome. `concurrency` is the Concurrency of the execution sending it.
	 */
	async acquire(concurrency: number): Promise<Ticket> {
		if (this.pending === 0 && this.now() - this.lastUsedAt >= QUIET_MS) {
			// Nothing was under way for a while: a new run begins for the early reading (perSecond). What an earlier
			// execution sent says nothing about how fast this one goes, and read over this one's first second (with the
			// quiet time in it) it would look slow.
			this.firstSentAt = undefined;
			this.accepted = [];
			this.sentTimes = [];
			// And the window starts over at the largest Concurrency of the executions from now on, and the growth at 5%.
			this.window = 0;
			this.answersInWindow = 0;
			this.growthStreak = 0;
		}
		this.pending += 1;
		this.window = Math.max(this.window, concurrency);
		while (!Number.isFinite(this.requestsPerSecond) && this.inFlight >= this.window) {
			await new Promise<void>((resolve) => this.outsideWindow.push(resolve));
		}
		// Counted before waiting for a turn: the requests let in at the same moment must see each other.
		this.inFlight += 1;
		const pace = await this.waitForTurn();
		const sentAt = this.now();
		this.firstSentAt ??= sentAt;
		this.sentTimes.push(sentAt);
		let stale = 0;
		while (stale < this.sentTimes.length && this.sentTimes[stale] <= sentAt - 2 * WINDOW_MS) stale++;
		if (stale > 0) this.sentTimes.splice(0, stale);
		return { sentAt, pace };
	}

	/**
	 * Once a rate is set, waits for this request's turn, in line: a request takes its turn only once the one before it
	 * went out, at the rate of that moment. Many executions share a pace, so hundreds of requests may wait at once;
	 * turns handed out ahead to all of them would keep the rate they were handed out at, however the rate changed
	 * since. When the API's budget is found spent while it waits, it takes a new turn after the pause: otherwise the
	 * requests already waiting would go out during the API's full second and be refused.
	 */
	private async waitForTurn(): Promise<number> {
		if (!Number.isFinite(this.requestsPerSecond)) return this.paceVersion;
		const before = this.line;
		let gone = (): void => {};
		this.line = new Promise<void>((resolve) => (gone = resolve));
		await before;
		try {
			return await this.takeTurn();
		} finally {
			gone();
		}
	}

	private async takeTurn(): Promise<number> {
		for (;;) {
			const pace = this.paceVersion;
			if (!Number.isFinite(this.requestsPerSecond)) return pace;
			const pausesSeen = this.pauses;
			const now = this.now();
			const turn = Math.max(now, this.nextSendAt);
			this.nextSendAt = turn + 1000 / this.requestsPerSecond;
			if (turn > now) await this.wait(turn - now);
			if (pausesSeen === this.pauses) return pace;
		}
	}

	/**
	 * Records what became of the request: `rateLimited` (a 429), `answered` (any other answer: the API accepted it) or
	 * `unanswered` (no answer, or the request was not sent: it tells nothing about the limit).
	 */
	release(ticket: Ticket, result: 'answered' | 'rateLimited' | 'unanswered'): void {
		this.pending -= 1;
		this.inFlight -= 1;
		this.lastUsedAt = this.now();
		if (result === 'rateLimited') this.slowDown(ticket);
		else if (result === 'answered') this.recordAccepted({ sentAt: ticket.sentAt, answeredAt: this.now() });
		this.openWindow();
	}

	/** Lets in the requests the window has room for: all of them once a rate is set (the rate paces them then). */
	private openWindow(): void {
		let room = Number.isFinite(this.requestsPerSecond) ? this.outsideWindow.length : this.window - this.inFlight;
		while (room > 0 && this.outsideWindow.length > 0) {
			this.outsideWindow.shift()?.();
			room -= 1;
		}
	}

	/**
	 * A 429 for a request whose turn was taken before the pace last changed was sent at the old pace: nothing changes.
	 * A 429 with nothing accepted in the second before it says the limit was used up earlier (another run, another
	 * client), not how high it is: the rate stays, and the refused item waits for its Retry-After. A 429 with nothing
	 * accepted since the pace last changed says the budget is spent (see the class).
	 */
	private slowDown({ sentAt: refusedAt, pace }: Ticket): void {
		if (pace < this.paceVersion) return;
		const spent = Number.isFinite(this.requestsPerSecond) && !this.acceptedSinceSlowDown;
		const inSecond = this.acceptedInSecondBefore(refusedAt);
		if (inSecond.length === 0) return;
		if (!spent && !this.inUse(refusedAt)) return;
		this.answersSinceChange = 0;
		this.growthStreak = 0;
		this.requestsPerSecond = Math.max(
			MIN_RATE,
			Math.min(this.requestsPerSecond, this.perSecond(inSecond.length, refusedAt, spent) * RATE_AFTER_429),
		);
		if (spent) {
			// The API's second is full until the first request it counted in it is a second old. It counted each request
			// when it arrived, somewhere between its sending and its answer here: counting from the earliest answer is the
			// safe side (counting from the sending, the first request after the wait was sometimes refused again).
			const firstAnswer = inSecond.reduce((first, request) => Math.min(first, request.answeredAt), Number.POSITIVE_INFINITY);
			// The turns taken before are void: the requests waiting for them take new ones when they wake.
			this.nextSendAt = Math.max(this.now(), firstAnswer + WINDOW_MS);
			this.pauses += 1;
		}
		this.paceVersion += 1;
		this.acceptedSinceSlowDown = false;
	}

	private recordAccepted(request: Accepted): void {
		this.acceptedSinceSlowDown = true;
		// Answers arrive out of order: keep them sorted by sending (nearly always an append).
		let index = this.accepted.length;
		while (index > 0 && this.accepted[index - 1].sentAt > request.sentAt) index--;
		this.accepted.splice(index, 0, request);
		const horizon = this.now() - 2 * WINDOW_MS;
		let stale = 0;
		while (stale < this.accepted.length && this.accepted[stale].sentAt < horizon) stale++;
		if (stale > 0) this.accepted.splice(0, stale);
		if (!Number.isFinite(this.requestsPerSecond) && ++this.answersInWindow >= this.window) {
			this.window *= 2;
			this.answersInWindow = 0;
		}
		if (Number.isFinite(this.requestsPerSecond) && ++this.answersSinceChange >= this.requestsPerSecond) {
			this.answersSinceChange = 0;
			if (this.inUse(this.now())) {
				this.growthStreak += 1;
				this.requestsPerSecond *= 1 + (RATE_GROWTH - 1) * this.growthStreak;
			}
		}
	}

	/** Whether the requests sent in the second before `time` reach IN_USE_SHARE of the rate (always, with no rate). */
	private inUse(time: number): boolean {
		if (!Number.isFinite(this.requestsPerSecond)) return true;
		const from = time - WINDOW_MS;
		const sent = this.sentTimes.filter((sentAt) => sentAt > from && sentAt <= time).length;
		return this.perSecond(sent, time, false) >= this.requestsPerSecond * IN_USE_SHARE;
	}

	/** The requests the API accepted that were sent in the second before `time`: what its limit let through then. */
	private acceptedInSecondBefore(time: number): Accepted[] {
		const from = time - WINDOW_MS;
		return this.accepted.filter(({ sentAt }) => sentAt > from && sentAt <= time);
	}

	/**
	 * `count` requests in the second before `time`, per second. Early in a run that second is shorter and counts per
	 * its own length, unless the API's budget is `spent`: then per the full second, the budget's likely length.
	 */
	private perSecond(count: number, time: number, spent: boolean): number {
		const span = spent ? WINDOW_MS : Math.min(WINDOW_MS, Math.max(1, time - (this.firstSentAt ?? time)));
		return (count * 1000) / span;
	}
}

interface Accepted {
	readonly sentAt: number;
	readonly answeredAt: number;
}

interface Ticket {
	/** When the request went out. */
	readonly sentAt: number;
	/** The pace (AdaptiveLimit.paceVersion) its turn was taken at. */
	readonly pace: number;
}
