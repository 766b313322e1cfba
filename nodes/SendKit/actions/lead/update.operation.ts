import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { find } from '../../../shared/find';
import { inputJson } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { sendOptionsCollection } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest } from '../../../shared/request';
import { leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import { leadIdProperty, leadIdSchema, leadPath } from '../../fields/leadId.field';
import { tagsModeProperty, tagsModeSchema } from '../../fields/tagsMode.field';
import { leadEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';
import { withTagsApplied } from './tags';

const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

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
		description: 'The fields to change. The email cannot be changed; custom fields are merged into the lead\'s own; Tags Mode says what Tags do.',
		options: leadFieldOptions,
	},
	tagsModeProperty,
	sendOptionsCollection,
];

const inputSchema = z.object({
	leadId: leadIdSchema,
	updateFields: leadFieldsSchema.refine((fields) => Object.keys(fields).length > 0, 'add at least one field to change'),
	tagsMode: tagsModeSchema,
});

/**
 * PATCH /v1/leads/{id} with the fields set (docs/api-notes.md#sendkit-leads: custom fields merge, the email cannot
 * change; tags are replaced, so Tags Mode decides the whole list). A lead SendKit does not know (its 404) goes to Not
 * Found with the input item unchanged.
 */
export const update = defineOperation({
	option: {
		name: 'Update',
		value: 'update',
		description: 'Update a lead by ID; a missing lead goes to the Not Found output',
		action: 'Update a lead',
	},
	properties,
	outputs,
	input: inputSchema,
	keyOf: (input) => input.leadId,
	send: async ({ context, run, input, itemIndex }) => {
		const notFound = { branch: 'notFound', json: inputJson(context, itemIndex, { leadId: input.leadId }) } as const;
		const fields = await withTagsApplied(run, input.leadId, input.updateFields, input.tagsMode, itemIndex);
		if (!fields) return notFound;
		const request: ApiRequest = { method: 'PATCH', path: leadPath(context, input.leadId, itemIndex), body: { ...fields }, itemIndex };
		const updated = await find(sendKit, run, request, leadEnvelopeSchema);
		return updated ? { branch: 'updated', json: updated.data } : notFound;
	},
});
