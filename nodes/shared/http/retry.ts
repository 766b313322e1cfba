import type { IHttpRequestMethods } from 'n8n-workflow';

import type { ApiResponse } from '../request';

/**
 * The one retry policy of both nodes, applied per item (README: "Errors, retries and the Error output").
 * - 429 and 503 wait for Retry-After (seconds or an HTTP date), or back off when there is none.
 * - Other 5xx, timeouts and dropped connections back off exponentially with full jitter: a random wait between 0 and
 *   `baseDelayMs * 2^(attempt-1)`, at most `maxDelayMs`.
 * - A failed request is sent at most `maxAttempts` times (429s at most `maxRateLimitedAttempts` times; a refused
 *   connection or an unknown host, which is mostly a wrong Base URL or a service that is down, `maxUnreachableAttempts`
 *   times), and one item waits at most `maxWaitPerItemMs` in all: a Retry-After beyond what is left is reported, not
 *   waited for.
 */
export const RETRY_POLICY = {
	maxAttempts: 8,
	maxUnreachableAttempts: 3,
	maxRateLimitedAttempts: 30,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxWaitPerItemMs: 120_000,
};

/** What one HTTP exchange came to: an answer (any status, secrets replaced), or the network code of why none came. */
export type Exchange = ApiResponse | { failure: string };

/** Connection failures that happen before the request reaches the server: retrying them cannot duplicate anything. */
const BEFORE_DELIVERY_FAILURES: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

/** Every network code that means "no complete answer": the ones before delivery, and the ones after it went out. */
export const NETWORK_FAILURES: readonly string[] = [...BEFORE_DELIVERY_FAILURES, 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE'];

/** Whether a request that failed with this network code may have reached the server (and taken effect there). */
export function mayHaveReachedServer(failure: string): boolean {
	return !BEFORE_DELIVERY_FAILURES.includes(failure);
}

const IDEMPOTENT_METHODS: readonly IHttpRequestMethods[] = ['GET', 'HEAD', 'DELETE', 'PUT'];

export function isIdempotent(method: IHttpRequestMethods): boolean {
	return IDEMPOTENT_METHODS.includes(method);
}

/**
 * What an exchange's outcome means for sending it again:
 * - `final`: an answer to hand on (success, 4xx other than 429, a redirect, or an error status that is not retried);
 * - `rateLimited` (429) and `notDelivered` (the request never reached the server): safe to send again as it is;
 * - `unavailable` (503), `serverError` (other 5xx) and `lost` (the connection dropped or timed out after the request
 *   went out): the request may have taken effect; only a request that is idempotent, or that can find out what
 *   became of it, may be sent again.
 */
type OutcomeKind = 'final' | 'rateLimited' | 'notDelivered' | 'unavailable' | 'serverError' | 'lost';

export function outcomeKind(outcome: Exchange): OutcomeKind {
	if ('failure' in outcome) return mayHaveReachedServer(outcome.failure) ? 'lost' : 'notDelivered';
	if (outcome.statusCode === 429) return 'rateLimited';
	if (outcome.statusCode === 503) return 'unavailable';
	if (outcome.statusCode >= 500) return 'serverError';
	return 'final';
}

function attemptsAllowed(kind: OutcomeKind): number {
	if (kind === 'rateLimited') return RETRY_POLICY.maxRateLimitedAttempts;
	if (kind === 'notDelivered') return RETRY_POLICY.maxUnreachableAttempts;
	return RETRY_POLICY.maxAttempts;
}

/** How long to wait before attempt `attempt + 1`: Retry-After for 429 and 503 when given, else jittered back-off. */
export function retryWait(outcome: Exchange, attempt: number, random: () => number = Math.random): number {
	if (!('failure' in outcome) && (outcome.statusCode === 429 || outcome.statusCode === 503)) {
		const retryAfter = retryAfterMs(outcome.headers['retry-after']);
		// A little jitter, so items told to wait the same second do not all come back in the same millisecond.
		if (retryAfter !== undefined) return retryAfter + Math.floor(random() * Math.min(250, retryAfter / 10 + 1));
	}
	return backoffDelay(attempt, random);
}

/** Full jitter: a random wait up to the exponential ceiling, so retries of many items spread out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
	return Math.floor(random() * ceiling);
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The milliseconds each item of one execution has waited for retries, against the policy's per-item budget. Requests
 * outside an item (pickers, triggers) share one account.
 */
export class RetryBudget {
	private readonly waitedMs = new Map<number, number>();

	/** Adds a wait to the item's total; false (and nothing added) when that would go beyond the budget. */
	spend(itemIndex: number | undefined, wait: number): boolean {
		const key = itemIndex ?? -1;
		const waited = (this.waitedMs.get(key) ?? 0) + wait;
		if (waited > RETRY_POLICY.maxWaitPerItemMs) return false;
		this.waitedMs.set(key, waited);
		return true;
	}
}

/** What the send loop does with an outcome. */
type RetryDecision =
	/** Hand the answer on: it is final. */
	| { action: 'answer'; answer: ApiResponse }
	/** Stop: out of attempts, or sending again could do the request twice. `attempts` counts this kind of failure. */
	| { action: 'giveUp'; attempts: number }
	/** Stop: the wait before the next attempt is more than the item's budget has left. */
	| { action: 'overBudget'; wait: number }
	/** Wait, then (for a request that may have taken effect) find out what became of it, then send it again. */
	| { action: 'retry'; wait: number; recoverFirst: boolean };

/** What the policy needs to know about the request being sent. */
interface RetriedRequest {
	itemIndex?: number;
	/** Sending it twice has the same effect as sending it once. */
	idempotent: boolean;
	/** It can find out what became of it when its answer was lost (ApiRequest.recover). */
	recoverable: boolean;
}

/**
 * The retry policy applied to one request: call `decide` with each outcome, in order. Failures and 429s are counted
 * apart, as each has its own number of attempts; every wait is paid from the execution's budget.
 */
export class RetryPlan {
	private failures = 0;

	private rateLimited = 0;

	constructor(
		private readonly request: RetriedRequest,
		private readonly budget: RetryBudget,
		private readonly random: () => number = Math.random,
	) {}

	decide(outcome: Exchange): RetryDecision {
		const kind = outcomeKind(outcome);
		if (kind === 'final') return { action: 'answer', answer: outcome as ApiResponse };
		const mayHaveTakenEffect = kind === 'unavailable' || kind === 'serverError' || kind === 'lost';
		const attempt = kind === 'rateLimited' ? ++this.rateLimited : ++this.failures;
		const unsafe = mayHaveTakenEffect && !this.request.idempotent && !this.request.recoverable;
		if (attempt >= attemptsAllowed(kind) || unsafe) return { action: 'giveUp', attempts: attempt };
		const wait = retryWait(outcome, attempt, this.random);
		if (!this.budget.spend(this.request.itemIndex, wait)) return { action: 'overBudget', wait };
		return { action: 'retry', wait, recoverFirst: mayHaveTakenEffect && !this.request.idempotent };
	}
}
