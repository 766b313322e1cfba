import { createHash } from 'node:crypto';

import { AdaptiveLimit } from './adaptiveLimit';

/**
 * A pace nobody has used for this long is dropped: the API's budget is long replenished, and a worker stays small.
 * Longer than the longest an item waits out Retry-Afters (RETRY_POLICY.maxWaitPerItemMs, 2 minutes): a run whose items
 * all wait out a long Retry-After must find its pace again, not a new one that never saw a 429.
 */
export const IDLE_MS = 5 * 60_000;

/**
 * The paces of the API accounts this process talks to, one per account (service, base URL and credential), so
 * executions that run at the same time share one learned rate and one pause instead of each learning the limit on
 * its own. Idle paces are dropped lazily, when a pace is asked for: no timer keeps the process busy.
 */
export class PaceRegistry {
	private readonly paces = new Map<string, AdaptiveLimit>();

	private lastSweepAt: number;

	constructor(
		private readonly idleMs = IDLE_MS,
		// Read at each call, not once: a test that moves the clock (Date.now) moves the registry's.
		private readonly now: () => number = () => Date.now(),
		private readonly newPace: () => AdaptiveLimit = () => new AdaptiveLimit(),
	) {
		this.lastSweepAt = now();
	}

	/** The pace of one account (accountKey), made on first use and anew once it was idle for the idle period. */
	paceFor(account: string): AdaptiveLimit {
		this.dropIdle();
		let pace = this.paces.get(account);
		if (!pace || this.isIdle(pace, this.now())) {
			pace = this.newPace();
			this.paces.set(account, pace);
		}
		return pace;
	}

	/** How many accounts have a pace. */
	get size(): number {
		return this.paces.size;
	}

	/** Forgets every pace, for a host that starts over: the test world does between tests. */
	clear(): void {
		this.paces.clear();
	}

	private isIdle(pace: AdaptiveLimit, now: number): boolean {
		const idleSince = pace.idleSince;
		return idleSince !== undefined && now - idleSince >= this.idleMs;
	}

	/** At most once per idle period, drops the paces idle for longer than that. */
	private dropIdle(): void {
		const now = this.now();
		if (now - this.lastSweepAt < this.idleMs) return;
		this.lastSweepAt = now;
		for (const [account, pace] of this.paces) {
			if (this.isIdle(pace, now)) this.paces.delete(account);
		}
	}
}

/**
 * The registry of this process: the one piece of state shared across executions (module state is the only way to
 * share between executions in one n8n process). Runs are given it (run.ts), so tests can give each run their own.
 */
export const processPaces = new PaceRegistry();

/**
 * Tells API accounts apart without keeping their keys: a SHA-256 of the service, the base URL and what identifies the
 * account to the API (its key, and headers such as SendKit's workspace).
 */
export function accountKey(service: string, baseUrl: string, identity: readonly unknown[]): string {
	return createHash('sha256').update(JSON.stringify([service, baseUrl, ...identity])).digest('hex');
}
