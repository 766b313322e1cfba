import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { BranchedItem } from '../../../shared/branching';
import { routeEachItem } from '../../../shared/branching';
import { apiResponseError } from '../../../shared/errors';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { emailProperty, emailSchema, parseItemInput } from '../../../shared/validation';
import { sendKitRequest } from '../../transport';
import type { SendKitLead } from '../../transport/responses';
import { conflictEnvelopeSchema, leadEnvelopeSchema } from '../../transport/responses';
import type { LeadFields } from './fields';
import { leadFieldLabels, leadFieldOptions, leadFieldsSchema } from './fields';

/** Branch keys and the output names users see, in output order. */
export const outputs = { created: 'Created', alreadyExists: 'Already Exists' } as const;

const showFor = { show: { resource: ['lead'], operation: ['create'] } };

export const description: INodeProperties[] = [
	emailProperty('Email of the new lead. Spaces are trimmed and it is lowercased, as SendKit stores it.', showFor),
	{
		displayName: 'Update Existing Lead',
		name: 'updateExisting',
		type: 'boolean',
		default: false,
		description:
			'Whether to update the lead with the fields below when one with this email already exists. Either way it goes to the Already Exists output.',
		displayOptions: showFor,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: showFor,
		options: leadFieldOptions,
	},
];

const createInputSchema = z.object({ email: emailSchema, fields: leadFieldsSchema });

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeEachItem(this, Object.keys(outputs), async (itemIndex) => await createLead(this, itemIndex));
}

async function createLead(context: IExecuteFunctions, itemIndex: number): Promise<BranchedItem> {
	const { email, fields } = parseItemInput(
		context,
		createInputSchema,
		{
			email: context.getNodeParameter('email', itemIndex),
			fields: context.getNodeParameter('additionalFields', itemIndex, {}),
		},
		leadFieldLabels,
		itemIndex,
	);
	const updateExisting = context.getNodeParameter('updateExisting', itemIndex, false) as boolean;

	const response = await sendKitRequest(
		context,
		{ method: 'POST', path: '/v1/leads', body: { email, ...fields } },
		itemIndex,
	);
	if (isSuccess(response)) {
		const { data } = parseResponseBody(context, 'SendKit', leadEnvelopeSchema, response, itemIndex);
		return { branch: 'created', json: data };
	}
	if (response.statusCode !== 409) throw apiResponseError(context, 'SendKit', response, itemIndex);

	const conflict = parseResponseBody(context, 'SendKit', conflictEnvelopeSchema, response, itemIndex);
	const existing = updateExisting ? await updateLead(context, conflict.data, fields, itemIndex) : conflict.data;
	return { branch: 'alreadyExists', json: { ...existing, conflict: conflict.error } };
}

/** PATCH merges custom fields into the lead's own; the email cannot change, so it is not sent. */
async function updateLead(
	context: IExecuteFunctions,
	lead: SendKitLead,
	fields: LeadFields,
	itemIndex: number,
): Promise<IDataObject> {
	if (Object.keys(fields).length === 0) return lead;
	const response = await sendKitRequest(
		context,
		{ method: 'PATCH', path: `/v1/leads/${encodeURIComponent(lead._id)}`, body: { ...fields } },
		itemIndex,
	);
	if (!isSuccess(response)) throw apiResponseError(context, 'SendKit', response, itemIndex);
	return parseResponseBody(context, 'SendKit', leadEnvelopeSchema, response, itemIndex).data;
}
