import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { inputJson, routeItems } from '../../../shared/items';
import { itemParameter } from '../../../shared/parameters';
import { sendOptionsCollection } from '../../../shared/sendOptions';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest } from '../../../shared/request';
import { isSuccess } from '../../../shared/request';
import { parseItemInput } from '../../../shared/validation';
import { leadFieldLabels, leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import { leadIdProperty, leadIdSchema, leadPath } from '../../fields/leadId.field';
import { leadEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

export const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Changes details of an existing SendKit lead, found by its lead ID (the "_id" of a lead). The email cannot be changed.',
		{
			updated: 'the lead was changed; its updated record is returned.',
			notFound: 'there is no lead with this ID; nothing was changed. Find the lead (for example by email) to get its ID.',
		},
	),
	leadIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change. The email cannot be changed; custom fields are merged into the lead\'s own.',
		options: leadFieldOptions,
	},
	sendOptionsCollection,
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, properties);

const inputSchema = z.object({
	leadId: leadIdSchema,
	fields: leadFieldsSchema.refine((fields) => Object.keys(fields).length > 0, 'add at least one field to change'),
});

/**
 * PATCH /v1/leads/{id} with the fields set (docs/api-notes.md#sendkit-leads: custom fields merge, the email cannot change). A lead SendKit
 * does not know (its 404) goes to Not Found with the input item unchanged.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		outputs,
		prepare: (itemIndex) =>
			parseItemInput(
				this,
				inputSchema,
				{ leadId: itemParameter(this, 'leadId', itemIndex), fields: itemParameter(this, 'updateFields', itemIndex, {}) },
				{ ...leadFieldLabels, fields: 'Update Fields' },
				itemIndex,
			),
		keyOf: (input) => input.leadId,
		send: async (input, itemIndex) => {
			const request: ApiRequest = { method: 'PATCH', path: leadPath(this, input.leadId, itemIndex), body: { ...input.fields }, itemIndex };
			const response = await sendKit.send(this, request);
			if (sendKit.saysNotFound(this, response, request)) return { branch: 'notFound', json: inputJson(this, itemIndex, { leadId: input.leadId }) };
			if (!isSuccess(response)) throw sendKit.error(this, response, request);
			return { branch: 'updated', json: sendKit.parse(this, response, leadEnvelopeSchema, request).data };
		},
	});
}
