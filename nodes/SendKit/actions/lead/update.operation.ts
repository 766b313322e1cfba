import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { find } from '../../../shared/find';
import { inputJson } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { concurrencyOption, sendOptionsCollection, timeoutOption } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest } from '../../../shared/request';
import { leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import { leadIdProperty, leadIdSchema, leadPath } from '../../fields/leadId.field';
import { tagsModeProperty, tagsModeSchema } from '../../fields/tagsMode.field';
import { leadEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';
import { emptyFieldLabels, nothingToChangeMessage } from './emptyFields';
import { getLeadById } from './lookup';
import { withTagsApplied } from './tags';
import { leadToolAnswer } from './toolAnswer';

const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

const toolAnswer = leadToolAnswer('updated');

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Changes details of an existing SendKit lead, found by its lead ID (the "_id" of a lead). The email cannot be changed.',
		{
			updated: 'the lead was changed; its updated record is returned.',
			notFound: 'there is no lead with this ID; nothing was changed. Find the lead (for example by email) to get its ID.',
		},
		toolAnswer,
	),
	leadIdProperty,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'The fields to change. The email cannot be changed; custom fields are merged into the lead\'s own; Tags Mode says what Tags do. A field left empty is not sent, so it never clears a value.',
		options: leadFieldOptions,
	},
	tagsModeProperty,
	{
		...sendOptionsCollection,
		options: [
			concurrencyOption,
			{
				displayName: 'If Nothing to Change',
				name: 'ifNothingToChange',
				type: 'options',
				default: 'fail',
				description: 'What happens to an item whose Update Fields all came out empty, as an expression over a missing input field does',
				options: [
					{ name: 'Fail the Item', value: 'fail', description: 'The item fails with an error that names its empty fields; nothing is sent' },
					{
						name: 'Pass the Lead On',
						value: 'passOn',
						description: 'Nothing is written: the lead is read (one request) and goes to Updated as it is, or to Not Found',
					},
				],
			},
			timeoutOption,
		],
	},
];

const inputSchema = z.preprocess(
	// The fields schema drops empty values; which ones were empty is noted first, for the error that names them.
	(raw) => (typeof raw === 'object' && raw !== null ? { ...raw, emptyFields: emptyFieldLabels((raw as { updateFields?: unknown }).updateFields) } : raw),
	z
		.object({
			leadId: leadIdSchema,
			updateFields: leadFieldsSchema,
			tagsMode: tagsModeSchema,
			options: z.object({ ifNothingToChange: z.enum(['fail', 'passOn'], { message: 'must be Fail the Item or Pass the Lead On' }).default('fail') }),
			emptyFields: z.array(z.string()),
		})
		.superRefine((input, context) => {
			if (Object.keys(input.updateFields).length > 0 || input.options.ifNothingToChange === 'passOn') return;
			context.addIssue({ code: z.ZodIssueCode.custom, path: ['updateFields'], message: nothingToChangeMessage(input.emptyFields) });
		}),
);

/**
 * PATCH /v1/leads/{id} with the fields set (docs/api-notes.md#sendkit-leads: custom fields merge, the email cannot
 * change; tags are replaced, so Tags Mode decides the whole list). A lead SendKit does not know (its 404) goes to Not
 * Found with the input item unchanged. An item left with nothing to change is only read, when the user chose so.
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
	toolAnswer,
	keyOf: (input) => input.leadId,
	send: async ({ context, run, input, itemIndex }) => {
		const notFound = { branch: 'notFound', json: inputJson(context, itemIndex, { leadId: input.leadId }) } as const;
		if (Object.keys(input.updateFields).length === 0) {
			const lead = await getLeadById(run, input.leadId, itemIndex);
			return lead ? { branch: 'updated', json: lead } : notFound;
		}
		const fields = await withTagsApplied(run, input.leadId, input.updateFields, input.tagsMode, itemIndex);
		if (!fields) return notFound;
		const request: ApiRequest = { method: 'PATCH', path: leadPath(context, input.leadId, itemIndex), body: { ...fields }, itemIndex };
		const updated = await find(sendKit, run, request, leadEnvelopeSchema);
		return updated ? { branch: 'updated', json: updated.data } : notFound;
	},
});
