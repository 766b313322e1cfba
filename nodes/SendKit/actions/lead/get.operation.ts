import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { inputJson } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { sendOptionsCollection } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { emailProperty, emailSchema } from '../../../shared/validation';
import { leadIdProperty, leadIdSchema } from '../../fields/leadId.field';
import { findLeadByEmail, getLeadById } from './lookup';
import { leadToolAnswer } from './toolAnswer';

const outputs = { found: 'Found', notFound: 'Not Found' } as const;

const toolAnswer = leadToolAnswer('found');

const properties: INodeProperties[] = [
	toolDescriptionProperty('Looks a lead up in SendKit by email (exact match, case ignored) or by lead ID. It changes nothing.', {
		found: 'the lead exists; its SendKit record is returned.',
		notFound: 'there is no such lead; only what was looked for (email or leadId) is returned. A create tool can add it.',
	}, toolAnswer),
	{
		displayName: 'Get By',
		name: 'getBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		options: [
			{ name: 'Email', value: 'email', description: 'Search the workspace for this exact email' },
			{ name: 'Lead ID', value: 'id', description: 'The lead\'s _id' },
		],
	},
	{ ...emailProperty('Matched exactly, ignoring case'), displayOptions: { show: { getBy: ['email'] } } },
	{ ...leadIdProperty, displayOptions: { show: { getBy: ['id'] } } },
	sendOptionsCollection,
];

const inputSchema = z.discriminatedUnion('getBy', [
	z.object({ getBy: z.literal('email'), email: emailSchema }),
	z.object({ getBy: z.literal('id'), leadId: leadIdSchema }),
]);

/** What an agent is told it looked for when the lead is not there. */
function lookedUp(input: z.infer<typeof inputSchema>): IDataObject {
	return input.getBy === 'id' ? { leadId: input.leadId } : { email: input.email };
}

export const get = defineOperation({
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get a lead by email or ID; a missing lead goes to the Not Found output',
		action: 'Get a lead',
	},
	properties,
	outputs,
	input: inputSchema,
	toolAnswer,
	send: async ({ context, run, input, itemIndex }) => {
		const lead =
			input.getBy === 'id' ? await getLeadById(run, input.leadId, itemIndex) : await findLeadByEmail(run, input.email, itemIndex);
		// Not Found carries the input unchanged, so that branch can feed a Create node directly.
		return lead ? { branch: 'found', json: lead } : { branch: 'notFound', json: inputJson(context, itemIndex, lookedUp(input)) };
	},
});
