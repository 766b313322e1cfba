import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import type { Routed } from '../../../shared/items';
import { itemParameter } from '../../../shared/parameters';
import { routeItems } from '../../../shared/items';
import type { ApiRequest } from '../../../shared/request';
import { isSuccess } from '../../../shared/request';
import { concurrencyOption, timeoutOption } from '../../../shared/sendOptions';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { emailProperty, emailSchema, parseItemInput } from '../../../shared/validation';
import type { LeadFields } from '../../fields/lead.fields';
import { leadFieldLabels, leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import { isLeadId, leadPath } from '../../fields/leadId.field';
import type { SendKitLead } from '../../transport/schemas';
import { conflictEnvelopeSchema, leadEnvelopeSchema, leadSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';
import { findLeadByEmail, getLeadById } from './lookup';
import { recoverCreate } from './recover';

/** Branch keys and the output names users see, in output order. */
export const outputs = { created: 'Created', alreadyExists: 'Existing Lead' } as const;

type Branch = keyof typeof outputs;

const properties: INodeProperties[] = [
	toolDescriptionProperty('Adds a person to SendKit (cold outreach) as a lead, identified by email. Other details (name, company, job title, phone, LinkedIn URL, location, tags) are stored with the lead when given.', {
		created: 'the lead is new; its SendKit record is returned.',
		alreadyExists:
			'the lead was not created: a lead with this email was already in SendKit. Its existing record is returned (updated with the given details if this tool is set to update existing leads), with "conflict" holding SendKit\'s message. Do not call again for this email.',
	}),
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
					'Whether to fetch the whole existing lead (one more request per duplicate) for the Existing Lead output. Without it, that output carries what SendKit\'s 409 answer holds: _id, email, firstName, lastName.',
			},
			timeoutOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['create'] } }, properties);

const inputSchema = z.object({
	email: emailSchema,
	fields: leadFieldsSchema,
	updateExisting: z.boolean({ invalid_type_error: 'must be true or false' }),
	options: z.object({ fetchExisting: z.boolean({ invalid_type_error: 'must be true or false' }).optional() }),
});

type CreateInput = z.infer<typeof inputSchema>;

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		outputs,
		prepare: (itemIndex) =>
			parseItemInput(
				this,
				inputSchema,
				{
					email: itemParameter(this, 'email', itemIndex),
					fields: itemParameter(this, 'additionalFields', itemIndex, {}),
					updateExisting: itemParameter(this, 'updateExisting', itemIndex, false),
					options: itemParameter(this, 'options', itemIndex, {}),
				},
				{ ...leadFieldLabels, updateExisting: 'Update Existing Lead', fetchExisting: 'Return Full Existing Lead' },
				itemIndex,
			),
		send: async (input, itemIndex) => await createLead(this, input, itemIndex),
		keyOf: (input) => input.email,
	});
}

async function createLead(context: IExecuteFunctions, input: CreateInput, itemIndex: number): Promise<Routed<Branch>> {
	const request: ApiRequest = {
		method: 'POST',
		path: '/v1/leads',
		body: { email: input.email, ...input.fields },
		itemIndex,
		// A lost answer is never answered by sending the create again blindly: look the email up first.
		recover: async (lost) => await recoverCreate(context, input.email, lost, itemIndex),
	};
	const response = await sendKit.send(context, request);
	if (isSuccess(response)) return { branch: 'created', json: sendKit.parse(context, response, leadEnvelopeSchema, request).data };
	if (response.statusCode !== 409 || !sendKit.isApiAnswer(response)) throw sendKit.error(context, response, request);

	// The conflict is SendKit's word: the lead exists. The seed's 409 carries it; when it does not, look it up.
	const conflict = sendKit.parse(context, response, conflictEnvelopeSchema, request);
	const fromConflict = leadSchema.safeParse(conflict.data);
	let existing: IDataObject | undefined =
		fromConflict.success && isLeadId(fromConflict.data._id) ? fromConflict.data : await findLeadByEmail(context, input.email, itemIndex);
	if (existing && input.updateExisting) existing = await updateLead(context, existing as SendKitLead, input.fields, itemIndex);
	else if (existing && input.options.fetchExisting) existing = (await getLeadById(context, String(existing._id), itemIndex)) ?? existing;
	return { branch: 'alreadyExists', json: { ...(existing ?? { email: input.email }), conflict: conflict.error } };
}

/** PATCH merges custom fields into the lead's own; the email cannot change, so it is not sent. */
async function updateLead(
	context: IExecuteFunctions,
	lead: SendKitLead,
	fields: LeadFields,
	itemIndex: number,
): Promise<IDataObject> {
	if (Object.keys(fields).length === 0) return lead;
	return (
		await sendKit.request(
			context,
			// Setting the same fields twice changes nothing more: safe to send again when its answer is lost.
			{ method: 'PATCH', path: leadPath(context, lead._id, itemIndex), body: { ...fields }, itemIndex, idempotent: true },
			leadEnvelopeSchema,
		)
	).data;
}
