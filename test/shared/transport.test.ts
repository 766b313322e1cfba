import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { retryAfterMs, retryDelay, networkFailureReason, normalizeBaseUrl } from '../../nodes/shared/transport';

describe('retry policy', () => {
	const answer = (statusCode: number, headers = {}) => ({ statusCode, body: {}, headers });

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs(['1.5'])).toBe(1500);
		expect(retryAfterMs(new Date(10_000).toUTCString(), 7_000)).toBe(3000);
		expect(retryAfterMs('soon')).toBeUndefined();
	});

	it('retries a 429 on any method, and a 5xx only where repeating is harmless', () => {
		expect(retryDelay(answer(429, { 'retry-after': '1' }), 'POST', 1)).toBe(1000);
		expect(retryDelay(answer(429), 'POST', 2)).toBe(1000);
		expect(retryDelay(answer(503), 'GET', 1)).toBe(500);
		expect(retryDelay(answer(503), 'POST', 1)).toBeUndefined();
		expect(retryDelay(answer(404), 'GET', 1)).toBeUndefined();
	});

	it('gives up on a Retry-After longer than it is willing to wait', () => {
		expect(retryDelay(answer(429, { 'retry-after': '3600' }), 'GET', 1)).toBeUndefined();
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
