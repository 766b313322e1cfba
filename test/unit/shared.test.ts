import { z } from 'zod';

import { parseApiError } from '../../nodes/shared/errors';
import { outputsExpression, outputsForParametersForTests } from '../../nodes/shared/outputs';
import {
	RETRY_POLICY,
	backoffDelay,
	networkFailureReason,
	normalizeBaseUrl,
	outcomeKind,
	retryAfterMs,
	retryWait,
} from '../../nodes/shared/transport';
import { readCustomFields } from '../../nodes/shared/customFields';
import { emailSchema, optionalUrlSchema, tagsSchema } from '../../nodes/shared/validation';
import { nextPagePosition } from '../../nodes/SendKit/transport/pagination';
import { NodeApiError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

describe('validation schemas', () => {
	it('trims and lowercases emails, and rejects what is not one', () => {
		expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
		expect(emailSchema.safeParse('ada@').success).toBe(false);
		expect(emailSchema.safeParse('').error?.issues[0].message).toBe('is required');
		expect(emailSchema.safeParse(42).error?.issues[0].message).toBe('must be text');
	});

	it('reads tags from comma-separated text or a list, dropping blanks', () => {
		expect(tagsSchema.parse('vip, enterprise,, ')).toEqual(['vip', 'enterprise']);
		expect(tagsSchema.parse(['a', ' b ', 3])).toEqual(['a', 'b', '3']);
		expect(tagsSchema.safeParse({ a: 1 }).success).toBe(false);
	});

	const customFields = (fields: Record<string, unknown>) =>
		z
			.object({ customFields: z.unknown().optional(), customFieldsJson: z.unknown().optional() })
			.transform((value, context) => readCustomFields(value, context))
			.safeParse(fields);

	it('reads custom fields from the name/value list and the JSON field, skipping empty values and blank rows', () => {
		expect(customFields({ customFields: { field: [{ name: 'industry', value: 'SaaS' }, { name: 'empty', value: '' }] } }).data).toEqual({
			industry: 'SaaS',
		});
		expect(customFields({ customFieldsJson: { revenue: 10, vip: true } }).data).toEqual({ revenue: '10', vip: 'true' });
		expect(customFields({ customFieldsJson: '{"plan": "pro"}' }).data).toEqual({ plan: 'pro' });
		expect(customFields({ customFields: { field: [{ name: '', value: '' }, { name: 'a', value: 'b' }] } }).data).toEqual({ a: 'b' });
		expect(customFields({ customFields: { field: [{ name: ' ', value: 'x' }] } }).error?.issues[0].message).toBe(
			'the row with value "x" needs a name',
		);
		expect(customFields({ customFields: { field: [{ name: 'a', value: '1' }] }, customFieldsJson: { A: '2' } }).error?.issues[0].message).toBe(
			'"A" is given twice',
		);
		expect(customFields({ customFieldsJson: '{not json' }).success).toBe(false);
		expect(customFields({ customFieldsJson: { nested: { a: 1 } } }).success).toBe(false);
	});

	it('accepts only http(s) URLs, and treats an empty one as not given', () => {
		expect(optionalUrlSchema.parse('https://linkedin.com/in/ada')).toBe('https://linkedin.com/in/ada');
		expect(optionalUrlSchema.parse('')).toBeUndefined();
		expect(optionalUrlSchema.safeParse('linkedin.com/in/ada').success).toBe(false);
		expect(optionalUrlSchema.safeParse('ftp://example.com').success).toBe(false);
		expect(z.object({ u: optionalUrlSchema }).parse({})).toEqual({});
	});
});

describe('parseApiError', () => {
	it('reads SendKit resource errors', () => {
		expect(
			parseApiError({ success: false, error: { code: 'CONFLICT', message: 'Lead with this email already exists' } }),
		).toEqual({ code: 'CONFLICT', message: 'Lead with this email already exists' });
	});

	it('reads generic HTTP errors', () => {
		expect(parseApiError({ error: 'Forbidden', message: "You don't have permission", code: 403 })).toEqual({
			code: '403',
			message: "You don't have permission",
		});
	});

	it('reads KickoffLabs {message} and {error} bodies, and raw text', () => {
		expect(parseApiError({ message: 'No lead found' })).toEqual({ message: 'No lead found', code: undefined });
		expect(parseApiError({ error: 'Invalid API key' })).toEqual({ message: 'Invalid API key', code: undefined });
		expect(parseApiError('<html>Bad gateway</html>')).toEqual({ message: '<html>Bad gateway</html>' });
		expect(parseApiError(undefined)).toEqual({});
	});
});

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

describe('outputs by operation', () => {
	const table = { lead: { create: ['Created', 'Already Exists'] } };
	const defaults = { resource: 'lead', operation: 'create' };

	it('names the outputs of branching operations and gives others a single output', () => {
		expect(outputsForParametersForTests({ resource: 'lead', operation: 'create' }, table, defaults)).toEqual([
			{ type: 'main', displayName: 'Created' },
			{ type: 'main', displayName: 'Already Exists' },
		]);
		expect(outputsForParametersForTests({}, table, defaults)).toHaveLength(2);
		expect(outputsForParametersForTests({ resource: 'campaign', operation: 'getAll' }, table, defaults)).toEqual([
			{ type: 'main' },
		]);
	});

	it('builds an expression with no "}}" inside, which would end it early', () => {
		const expression = outputsExpression({ a: { b: ['X'] } }, defaults);
		expect(expression.startsWith('={{')).toBe(true);
		expect(expression.slice(3, -2)).not.toContain('}}');
	});
});

describe('SendKit pagination', () => {
	const page = (pagination: Record<string, unknown> | undefined) => ({ success: true as const, data: [], pagination });

	it('follows the cursor while there is more', () => {
		expect(nextPagePosition(page({ hasMore: true, nextCursor: 'abc' }))).toEqual({ cursor: 'abc' });
		expect(nextPagePosition(page({ hasMore: false, nextCursor: 'abc' }))).toBeUndefined();
		expect(nextPagePosition(page({ hasMore: true, nextCursor: 'abc' }), { cursor: 'abc' })).toBeUndefined();
	});

	it('falls back to page numbers', () => {
		expect(nextPagePosition(page({ page: 1, pages: 3 }))).toEqual({ page: 2 });
		expect(nextPagePosition(page({ page: 3, pages: 3 }), { page: 3 })).toBeUndefined();
		expect(nextPagePosition(page(undefined))).toBeUndefined();
	});
});

describe('outputs as n8n computes them for the SendKit node', () => {
	// The editor and the engine both evaluate the node's outputs expression through n8n-workflow.
	const { Workflow, NodeHelpers } = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	const { SendKit } = jest.requireActual<typeof import('../../nodes/SendKit/SendKit.node')>('../../nodes/SendKit/SendKit.node');
	const nodeType = new SendKit();
	const outputsFor = (parameters: Record<string, string>) => {
		const node: INode = { id: '1', name: 'SendKit', type: 'sendKit', typeVersion: 1, position: [0, 0], parameters };
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
		});
		return NodeHelpers.getNodeOutputs(workflow, workflow.getNode('SendKit') as INode, nodeType.description);
	};

	it('gives Create the Created and Already Exists outputs', () => {
		expect(outputsFor({ resource: 'lead', operation: 'create' })).toEqual([
			{ type: 'main', displayName: 'Created' },
			{ type: 'main', displayName: 'Existing Lead' },
		]);
	});

	it('gives Get the Found and Not Found outputs, also when the saved workflow omits defaults', () => {
		expect(outputsFor({ resource: 'lead', operation: 'get' }).map((output) => (output as { displayName: string }).displayName)).toEqual([
			'Found',
			'Not Found',
		]);
		expect(outputsFor({})).toHaveLength(2);
	});
});
