import type { ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { campaignIdOf } from '../../nodes/KickoffLabs/fields/campaign.locator';
import { kickoffLabs, saysLeadNotFound } from '../../nodes/KickoffLabs/transport/service';
import type { ApiResponse } from '../../nodes/shared/request';
import { kickoffLabsNode as NODE } from '../helpers/kickofflabs';

describe('KickoffLabs error mapping', () => {
	const context = { getNode: () => NODE } as unknown as ILoadOptionsFunctions;
	const answer = (statusCode: number, body: unknown): ApiResponse => ({ statusCode, body, headers: {} });

	it('maps the documented 409 validation errors to a clear error that says what 409 means here', () => {
		const error = kickoffLabs.error(context, answer(409, { message: 'Please include a lead id or email' }), { method: 'GET', path: '/v2/1', itemIndex: 3 }) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('KickoffLabs: Please include a lead id or email');
		expect(error.description).toBe(
			'KickoffLabs found the request incomplete or invalid (its status for validation errors) (HTTP 409)',
		);
		expect(error.httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(3);
	});

	it('maps 413, 404, 401, an {error} body and a body without a message', () => {
		expect(kickoffLabs.error(context, answer(413, { message: 'Too many items to update or delete' }), { method: 'GET', path: '/v2/1', itemIndex: 0 }) as NodeApiError).toMatchObject({
			message: 'KickoffLabs: Too many items to update or delete',
			description: 'Too many leads in one request (at most 250) (HTTP 413)',
		});
		expect(kickoffLabs.error(context, answer(404, { message: 'No lead found' }), { method: 'GET', path: '/v2/1', itemIndex: 0 }).message).toBe('KickoffLabs: No lead found');
		expect(kickoffLabs.error(context, answer(401, { error: 'Invalid API key' }), { method: 'GET', path: '/v2/1', itemIndex: 0 }) as NodeApiError).toMatchObject({
			message: 'KickoffLabs: Invalid API key',
			description: 'Authorization failed: check the API Key in the KickoffLabs credential (HTTP 401)',
		});
		expect(kickoffLabs.error(context, answer(413, ''), { method: 'GET', path: '/v2/1', itemIndex: 0 }) as NodeApiError).toMatchObject({
			message: 'KickoffLabs: Too many leads in one request (at most 250)',
			description: 'HTTP 413',
		});
	});

	const notFound = (response: ApiResponse) => saysLeadNotFound(context, response, { method: 'GET', path: '/v2/1' });

	it('tells a missing lead (Not Found branch) from an unknown campaign (an error)', () => {
		expect(notFound(answer(404, { message: 'No lead found' }))).toBe(true);
		expect(() => notFound(answer(404, ''))).toThrow('did not come from the KickoffLabs API');
		expect(notFound(answer(404, { message: 'Campaign not found' }))).toBe(false);
		expect(notFound(answer(409, { message: 'No lead found' }))).toBe(false);
		expect(notFound(answer(200, {}))).toBe(false);
	});

	it('takes the campaign from the node first, then from the credential', () => {
		expect(campaignIdOf(' 135545 ', '135544')).toEqual({ id: '135545', from: 'node' });
		expect(campaignIdOf('', 135544)).toEqual({ id: '135544', from: 'credential' });
		expect(campaignIdOf(undefined, '  ')).toBeUndefined();
	});
});
