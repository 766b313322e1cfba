import type { Exchange } from '../../../nodes/shared/http/retry';
import {
	RETRY_POLICY,
	RetryBudget,
	RetryPlan,
	backoffDelay,
	outcomeKind,
	retryAfterMs,
	retryWait,
} from '../../../nodes/shared/http/retry';

const answer = (statusCode: number, headers = {}) => ({ statusCode, body: {}, headers });

describe('retry policy', () => {
	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs(['1.5'])).toBe(1500);
		expect(retryAfterMs(new Date(10_000).toUTCString(), 7_000)).toBe(3000);
		expect(retryAfterMs('soon')).toBeUndefined();
	});

	it('sorts outcomes by what sending again could do', () => {
		expect(outcomeKind(answer(201))).toBe('final');
		expect(outcomeKind(answer(404))).toBe('final');
		expect(outcomeKind(answer(429))).toBe('rateLimited');
		expect(outcomeKind(answer(503))).toBe('unavailable');
		expect(outcomeKind(answer(500))).toBe('serverError');
		expect(outcomeKind({ failure: 'ECONNREFUSED' })).toBe('notDelivered');
		expect(outcomeKind({ failure: 'ECONNRESET' })).toBe('lost');
		expect(outcomeKind({ failure: 'ECONNABORTED' })).toBe('lost');
	});

	it('waits for Retry-After on 429 and 503, with at most a quarter second of jitter', () => {
		expect(retryWait(answer(429, { 'retry-after': '1' }), 1, () => 0)).toBe(1000);
		expect(retryWait(answer(429, { 'retry-after': '1' }), 1, () => 0.999)).toBe(1100);
		expect(retryWait(answer(503, { 'retry-after': '30' }), 3, () => 0.999)).toBe(30_249);
	});

	it('backs off exponentially with full jitter, capped', () => {
		expect(backoffDelay(1, () => 0.999)).toBe(499);
		expect(backoffDelay(3, () => 0.999)).toBe(1998);
		expect(backoffDelay(3, () => 0)).toBe(0);
		expect(backoffDelay(20, () => 0.999)).toBe(RETRY_POLICY.maxDelayMs - 30);
		expect(retryWait(answer(500), 2, () => 0.5)).toBe(500);
		expect(retryWait({ failure: 'ECONNRESET' }, 1, () => 0.5)).toBe(250);
	});
});

describe('RetryBudget', () => {
	it('pays waits per item up to the policy\'s budget, and refuses one that would go beyond it', () => {
		const budget = new RetryBudget();

		expect(budget.spend(0, RETRY_POLICY.maxWaitPerItemMs - 1)).toBe(true);
		expect(budget.spend(0, 2)).toBe(false);
		expect(budget.spend(0, 1)).toBe(true);
		expect(budget.spend(1, RETRY_POLICY.maxWaitPerItemMs)).toBe(true);
	});

	it('gives requests outside an item one account of their own', () => {
		const budget = new RetryBudget();

		expect(budget.spend(undefined, RETRY_POLICY.maxWaitPerItemMs)).toBe(true);
		expect(budget.spend(undefined, 1)).toBe(false);
		expect(budget.spend(0, 1)).toBe(true);
	});
});

describe('RetryPlan.decide', () => {
	const READ = { itemIndex: 0, idempotent: true, recoverable: false };
	const CREATE = { itemIndex: 0, idempotent: false, recoverable: false };
	const RECOVERABLE_CREATE = { itemIndex: 0, idempotent: false, recoverable: true };
	const plan = (request: typeof READ) => new RetryPlan(request, new RetryBudget(), () => 0);

	/** The decisions for the same outcome given again and again, until one stops retrying. */
	function decisionsFor(retryPlan: RetryPlan, outcome: Exchange) {
		const decisions = [];
		for (;;) {
			const decision = retryPlan.decide(outcome);
			decisions.push(decision);
			if (decision.action !== 'retry') return decisions;
		}
	}

	it('hands on a final answer at once, whatever its status', () => {
		for (const status of [200, 201, 302, 404, 409]) expect(plan(CREATE).decide(answer(status))).toEqual({ action: 'answer', answer: answer(status) });
	});

	it('sends a read again after 5xx, drops and timeouts, up to the policy\'s attempts', () => {
		for (const outcome of [answer(500), answer(503), { failure: 'ECONNRESET' }, { failure: 'ETIMEDOUT' }]) {
			const decisions = decisionsFor(plan(READ), outcome);
			expect(decisions).toHaveLength(RETRY_POLICY.maxAttempts);
			expect(decisions.at(-1)).toEqual({ action: 'giveUp', attempts: RETRY_POLICY.maxAttempts });
			expect(decisions[0]).toEqual({ action: 'retry', wait: 0, recoverFirst: false });
		}
	});

	it('tries an unreachable server fewer times, and a rate limit more times', () => {
		expect(decisionsFor(plan(CREATE), { failure: 'ECONNREFUSED' })).toHaveLength(RETRY_POLICY.maxUnreachableAttempts);
		expect(decisionsFor(plan(CREATE), answer(429))).toHaveLength(RETRY_POLICY.maxRateLimitedAttempts);
	});

	it('never sends again a create that may have taken effect and cannot find out what became of it', () => {
		for (const outcome of [answer(500), answer(503), { failure: 'ECONNRESET' }, { failure: 'EBADANSWER' }]) {
			expect(plan(CREATE).decide(outcome)).toEqual({ action: 'giveUp', attempts: 1 });
		}
	});

	it('sends a create again after a failure before delivery or a 429, without looking it up first', () => {
		expect(plan(CREATE).decide({ failure: 'ECONNREFUSED' })).toEqual({ action: 'retry', wait: 0, recoverFirst: false });
		expect(plan(CREATE).decide(answer(429))).toEqual({ action: 'retry', wait: 0, recoverFirst: false });
	});

	it('has a create that can find out what became of it looked up before it is sent again', () => {
		expect(plan(RECOVERABLE_CREATE).decide({ failure: 'ECONNRESET' })).toEqual({ action: 'retry', wait: 0, recoverFirst: true });
		expect(plan(RECOVERABLE_CREATE).decide(answer(500))).toEqual({ action: 'retry', wait: 0, recoverFirst: true });
	});

	it('counts 429s apart from failures', () => {
		const retryPlan = plan(READ);
		for (let attempt = 1; attempt < RETRY_POLICY.maxAttempts; attempt++) retryPlan.decide(answer(500));

		expect(retryPlan.decide(answer(429)).action).toBe('retry');
		expect(retryPlan.decide(answer(500))).toEqual({ action: 'giveUp', attempts: RETRY_POLICY.maxAttempts });
	});

	it('stops with the wait asked for when the item\'s budget cannot pay it, and pays nothing for it', () => {
		const budget = new RetryBudget();
		const retryPlan = new RetryPlan(READ, budget, () => 0);
		const tooLong = answer(429, { 'retry-after': String(RETRY_POLICY.maxWaitPerItemMs / 1000 + 1) });

		expect(retryPlan.decide(tooLong)).toEqual({ action: 'overBudget', wait: RETRY_POLICY.maxWaitPerItemMs + 1000 });
		expect(budget.spend(0, RETRY_POLICY.maxWaitPerItemMs)).toBe(true);
	});
});
