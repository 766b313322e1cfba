import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { Routed } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import type { ApiRequest } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { isSuccess } from '../../../shared/request';
import { concurrencyOption, timeoutOption } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { emailProperty, emailSchema } from '../../../shared/validation';
import type { LeadFields } from '../../fields/lead.fields';
import { leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import { isLeadId, leadPath } from '../../fields/leadId.field';
import type { TagsMode } from '../../fields/tagsMode.field';
import { tagsModeProperty, tagsModeSchema } from '../../fields/tagsMode.field';
import type { SendKitLead } from '../../transport/schemas';
import { conflictEnvelopeSchema, leadEnvelopeSchema, leadSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';
import { findLeadByEmail, getLeadById } from './lookup';
import { recoverCreate } from './recover';
import { withTagsApplied } from './tags';
import { leadToolAnswer } from './toolAnswer';

/** Branch keys and the output names users see, in output order. */
const outputs = { created: 'Created', existingLead: 'Existing Lead' } as const;

type Branch = keyof typeof outputs;

const toolAnswer = leadToolAnswer('created', 'existingLead');

const properties: INodeProperties[] = [
	toolDescriptionProperty('Adds a person to SendKit (cold outreach) as a lead, identified by email. Other details (name, company, job title, phone, LinkedIn URL, location, tags) are stored with the lead when given.', {
		created: 'the lead is new; its SendKit record is returned.',
		existingLead:
			'the lead was not created: a lead with this email was already in SendKit. Its existing record is returned (updated with the given details if this tool is set to update existing leads), with "conflict" holding SendKit\'s message. Do not call again for this email.',
	}, toolAnswer),
	emailProperty('Email of the new lead. Spaces are trimmed and it is lowercased, as SendKit stores it.'),
	{
		displayName: 'Update Existing Lead',
		name: 'updateExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether to update the lead with the fields below when one with this email already exists. Either way it goes to the Existing Lead output.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: leadFieldOptions,
	},
	{ ...tagsModeProperty, displayOptions: { show: { updateExisting: [true] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			concurrencyOption,
			{
				displayName: 'Return Full Existing Lead',
				name: 'fetchExisting',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the whole existing lead (one more request per duplicate) for the Existing Lead output. Without it, that output carries what SendKit says about the existing lead when it refuses the duplicate: _id, email, firstName, lastName.',
			},
			timeoutOption,
		],
	},
];

const inputSchema = z.object({
	email: emailSchema,
	additionalFields: leadFieldsSchema,
	updateExisting: z.boolean({ invalid_type_error: 'must be true or false' }),
	tagsMode: tagsModeSchema,
	options: z.object({ fetchExisting: z.boolean({ invalid_type_error: 'must be true or false' }).optional() }),
});

type CreateInput = z.infer<typeof inputSchema>;

export const create = defineOperation({
	option: {
		name: 'Create',
		value: 'create',
		description: 'Create a lead; a lead whose email exists goes to the Existing Lead output',
		action: 'Create a lead',
	},
	properties,
	outputs,
	input: inputSchema,
	toolAnswer,
	keyOf: (input) => input.email,
	send: async ({ run, input, itemIndex }) => await createLead(run, input, itemIndex),
});

async function createLead(run: Run<IExecuteFunctions>, input: CreateInput, itemIndex: number): Promise<Routed<Branch>> {
	const { context } = run;
	const request: ApiRequest = {
		method: 'POST',
		path: '/v1/leads',
		body: { email: input.email, ...input.additionalFields },
		itemIndex,
		// A lost answer is never answered by sending the create again blindly: look the email up first.
		recover: async (lost) => await recoverCreate(run, input.email, lost, itemIndex),
	};
	const response = await sendKit.send(run, request);
	if (isSuccess(response)) return { branch: 'created', json: sendKit.parse(context, response, leadEnvelopeSchema, request).data };
	if (response.statusCode !== 409 || !sendKit.isApiAnswer(response)) throw sendKit.error(context, response, request);

	// The conflict is SendKit's word: the lead exists. The seed's 409 carries it; when it does not, look it up.
	const conflict = sendKit.parse(context, response, conflictEnvelopeSchema, request);
	const fromConflict = leadSchema.safeParse(conflict.data);
	let existing: IDataObject | undefined =
		fromConflict.success && isLeadId(fromConflict.data._id) ? fromConflict.data : await findLeadByEmail(run, input.email, itemIndex);
	if (existing && input.updateExisting) existing = await updateLead(run, existing as SendKitLead, input.additionalFields, input.tagsMode, itemIndex);
	else if (existing && input.options.fetchExisting) existing = (await getLeadById(run, String(existing._id), itemIndex)) ?? existing;
	return { branch: 'existingLead', json: { ...(existing ?? { email: input.email }), conflict: conflict.error } };
}

/**
 * PATCH merges custom fields into the lead's own and replaces its tags (so Tags Mode decides the list); the email
 * cannot change, so it is not sent. A lead gone between the 409 and the read is left as the 409 described it.
 */
async function updateLead(
	run: Run<IExecuteFunctions>,
	lead: SendKitLead,
	given: LeadFields,
	tagsMode: TagsMode,
	itemIndex: number,
): Promise<IDataObject> {
	if (Object.keys(given).length === 0) return lead;
	const fields = await withTagsApplied(run, lead._id, given, tagsMode, itemIndex);
	if (!fields) return lead;
	return (
		await sendKit.request(
			run,
			// Setting the same fields twice changes nothing more: safe to send again when its answer is lost.
			{ method: 'PATCH', path: leadPath(run.context, lead._id, itemIndex), body: { ...fields }, itemIndex, idempotent: true },
			leadEnvelopeSchema,
		)
	).data;
}
