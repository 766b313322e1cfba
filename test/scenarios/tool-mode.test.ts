import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { campaignPath } from '../../nodes/SendKit/fields/campaign.locator';
import { leadPath } from '../../nodes/SendKit/fields/leadId.field';
import type { ErrorSite } from '../../nodes/shared/errors';
import { apiResponseError, networkError } from '../../nodes/shared/errors';
import { isToolCall } from '../../nodes/shared/runner';
import { toolErrorJson } from '../../nodes/shared/toolErrors';
import { failInput } from '../../nodes/shared/validation';
import { fakeNode } from '../shared/fakeNode';

/** Just what isToolCall reads from an execution context. */
function contextOf(toolExecution: boolean | undefined, fields: Partial<INode> = {}): IExecuteFunctions {
	const context: Partial<IExecuteFunctions> = { getNode: () => fakeNode(fields) };
	if (toolExecution !== undefined) context.isToolExecution = () => toolExecution;
	return context as IExecuteFunctions;
}

/** What a check throws. */
function thrown(check: () => unknown): Error {
	try {
		check();
	} catch (error) {
		return error as Error;
	}
	throw new Error('the check passed');
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
	const site: ErrorSite = { context: contextOf(true), service: { name: 'SendKit', record: 'lead', baseUrlField: 'Base URL' }, itemIndex: 0 };
	const apiError = (status: number, message?: string) =>
		apiResponseError(site, { statusCode: status, body: message ? { message } : undefined, headers: {} });

	it('tells the model what to do next, by kind of failure', () => {
		const invalidEmail = thrown(() => failInput(contextOf(true), 'Email', 'must be a valid email address', 0));
		expect(invalidEmail.message).toBe('Invalid "Email" in item 0: must be a valid email address');
		expect(toolErrorJson(invalidEmail).nextStep).toMatch(/^Correct the value named in the error/);
		expect(toolErrorJson(new NodeOperationError(fakeNode(), 'SendKit: the search was cut short')).nextStep).toMatch(/^Read the details/);
		expect(toolErrorJson(apiError(401)).nextStep).toMatch(/^Calling again will not help/);
		expect(toolErrorJson(apiError(403)).nextStep).toMatch(/^Calling again will not help/);
		expect(toolErrorJson(apiError(429)).nextStep).toMatch(/^The service is unavailable or busy/);
		expect(toolErrorJson(apiError(503)).nextStep).toMatch(/^The service is unavailable or busy/);
		expect(toolErrorJson(apiError(400)).nextStep).toMatch(/^The service refused this request/);
		expect(toolErrorJson(networkError(site, 'ECONNREFUSED', true)).nextStep).toMatch(/^The service is unavailable/);
		expect(toolErrorJson(networkError(site, 'ECONNRESET', false)).nextStep).toMatch(/^The service is unavailable/);
		expect(toolErrorJson(networkError(site, 'ECONNRESET', true)).nextStep).toBe(
			'It is unknown whether the request took effect. Look the lead up before trying again.',
		);
	});

	it('carries the outcome, the message, the details and the status', () => {
		expect(toolErrorJson(apiError(401, 'Invalid or missing API key'))).toEqual({
			outcome: 'error',
			error: 'SendKit: Invalid or missing API key',
			details: 'Authorization failed: check the API key in the credential (HTTP 401)',
			httpCode: '401',
			nextStep: expect.any(String),
		});
	});
});

describe('local checks of an id', () => {
	it('a lead or campaign id that is not one is an input error: the agent is told to correct it, as nothing was sent', () => {
		const context = contextOf(true);
		const errors = [thrown(() => leadPath(context, '..', 0)), thrown(() => campaignPath(context, '..', 0))];

		expect(errors.map((error) => error.message)).toEqual([
			'SendKit: ".." is not a SendKit lead ID, so no request was sent for it',
			'SendKit: ".." is not a SendKit campaign ID, so no request was sent for it',
		]);
		for (const error of errors) {
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(toolErrorJson(error).nextStep).toMatch(/^Correct the value named in the error/);
		}
	});
});
