import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { networkFailureReason } from '../../../nodes/shared/http/exchange';

describe('exchange', () => {
	it('tells connection failures from other errors', () => {
		const node = { name: 'n' } as INode;
		expect(networkFailureReason(new NodeApiError(node, {}, { httpCode: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
		expect(networkFailureReason(new Error('socket hang up'))).toBe('ECONNRESET');
		expect(networkFailureReason(new Error('Bad request'))).toBeUndefined();
	});
});
