import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { isToolCall } from '../../nodes/shared/items';
import { toolErrorJson } from '../../nodes/shared/toolErrors';

const node = (fields: Partial<INode>): INode => ({
	id: '1',
	name: 'SendKit',
	type: 'n8n-nodes-lead-capture.sendKit',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	...fields,
});

/** Just what isToolCall reads from an execution context. */
function contextOf(toolExecution: boolean | undefined, fields: Partial<INode> = {}): IExecuteFunctions {
	const context: Partial<IExecuteFunctions> = { getNode: () => node(fields) };
	if (toolExecution !== undefined) context.isToolExecution = () => toolExecution;
	return context as IExecuteFunctions;
}

describe('isToolCall', () => {
	it('sees each of the signals n8n gives for a tool run', () => {
		expect(isToolCall(contextOf(true))).toBe(true); // Agent 2: SupplyDataContext
		expect(isToolCall(contextOf(false, { rewireOutputLogTo: 'ai_tool' }))).toBe(true); // Agent 3: the engine's mark
		expect(isToolCall(contextOf(false, { type: 'n8n-nodes-lead-capture.sendKitTool' }))).toBe(true); // the <type>Tool node
		expect(isToolCall(contextOf(undefined, { type: 'n8n-nodes-lead-capture.kickoffLabsTool' }))).toBe(true);
	});

	it('is false in a workflow', () => {
		expect(isToolCall(contextOf(false))).toBe(false);
		expect(isToolCall(contextOf(undefined))).toBe(false);
		expect(isToolCall(contextOf(false, { rewireOutputLogTo: 'main' }))).toBe(false);
	});
});

describe('toolErrorJson', () => {
	// As errors.ts builds them: the code is set afterwards, or n8n replaces the message of a network code with its own.
	const apiError = (httpCode: string, message = 'SendKit: Something') => {
		const error = new NodeApiError(node({}), { message: 'x' }, { message, description: `HTTP ${httpCode}` });
		error.httpCode = httpCode;
		return error;
	};

	it('tells the model what to do next, by kind of failure', () => {
		expect(toolErrorJson(new NodeOperationError(node({}), 'Invalid "Email" in item 0: must be a valid email address')).nextStep).toMatch(
			/^Correct the value named in the error/,
		);
		expect(toolErrorJson(new NodeOperationError(node({}), 'SendKit: the search was cut short')).nextStep).toMatch(/^Read the details/);
		expect(toolErrorJson(apiError('401')).nextStep).toMatch(/^Calling again will not help/);
		expect(toolErrorJson(apiError('403')).nextStep).toMatch(/^Calling again will not help/);
		expect(toolErrorJson(apiError('429')).nextStep).toMatch(/^The service is unavailable or busy/);
		expect(toolErrorJson(apiError('503')).nextStep).toMatch(/^The service is unavailable or busy/);
		expect(toolErrorJson(apiError('400')).nextStep).toMatch(/^The service refused this request/);
		expect(toolErrorJson(apiError('ECONNREFUSED', 'SendKit: the service could not be reached')).nextStep).toMatch(/^The service is unavailable/);
		expect(toolErrorJson(apiError('ECONNRESET', 'SendKit: reset; the request may have been carried out')).nextStep).toMatch(
			/^It is unknown whether the request took effect/,
		);
	});

	it('carries the outcome, the message, the details and the status', () => {
		expect(toolErrorJson(apiError('401', 'SendKit: Invalid or missing API key'))).toEqual({
			outcome: 'error',
			error: 'SendKit: Invalid or missing API key',
			details: 'HTTP 401',
			httpCode: '401',
			nextStep: expect.any(String),
		});
	});
});
