import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { withFailure } from '../../shared/failureKind';
import type { RequestContext } from '../../shared/request';

const LEAD_ID_PROBLEM = 'must be a SendKit lead ID: 24 hexadecimal characters, like 665d4e5f6a7b8c9d0e1f2a3b';

/** A SendKit lead `_id`, from a user or from the API: checked the same way before it goes into a path. */
export const leadIdSchema = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.regex(/^[a-f0-9]{24}$/i, LEAD_ID_PROBLEM);

export function isLeadId(value: unknown): value is string {
	return leadIdSchema.safeParse(value).success;
}

/** The Lead ID field. */
export const leadIdProperty: INodeProperties = {
	displayName: 'Lead ID',
	name: 'leadId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '665d4e5f6a7b8c9d0e1f2a3b',
	description: 'The lead\'s _id, as SendKit returns it',
};

/**
 * The path of one lead. Ids from users are validated with their item's input; this checks every id again before it
 * goes into a path, so an id the API sent back (say `..`) can never turn `PATCH /v1/leads/{id}` into another request.
 */
export function leadPath(context: RequestContext, leadId: string, itemIndex: number | undefined): string {
	if (!isLeadId(leadId)) {
		const error = new NodeOperationError(context.getNode(), `SendKit: "${String(leadId).slice(0, 40)}" is not a SendKit lead ID, so no request was sent for it`, {
			description: 'A lead ID is 24 hexadecimal characters. An ID that came back from SendKit in another shape is not used in a request.',
			itemIndex,
		});
		throw withFailure(error, { kind: 'input' });
	}
	return `/v1/leads/${encodeURIComponent(leadId.trim())}`;
}
