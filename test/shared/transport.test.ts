import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import {
	RETRY_POLICY,
	backoffDelay,
	networkFailureReason,
	normalizeBaseUrl,
	outcomeKind,
	retryAfterMs,
	retryWait,
} from '../../nodes/shared/transport';

describe('retry policy', () => {
	const answer = (statusCode: number, headers = {}) => ({ statusCode, body: {}, headers });

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

	it('tells connection failures from other errors', () => {
		const node = { name: 'n' } as INode;
		expect(networkFailureReason(new NodeApiError(node, {}, { httpCode: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
		expect(networkFailureReason(new Error('socket hang up'))).toBe('ECONNRESET');
		expect(networkFailureReason(new Error('Bad request'))).toBeUndefined();
	});

	it('trims base URLs users paste', () => {
		expect(normalizeBaseUrl(' https://api.sendkit.ai// ')).toBe('https://api.sendkit.ai');
	});
});
