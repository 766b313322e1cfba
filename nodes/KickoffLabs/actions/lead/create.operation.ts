import { NodeOperationError } from 'n8n-workflow';

import { withFailure } from '../../../shared/failureKind';
import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { signupInputSchema, signupProperties } from '../../fields/lead.fields';
import { prepareSignup, sendSignup, signupKey } from './signup';
import { leadToolAnswer } from './toolAnswer';

/** Branch keys and the output names users see, in output order. */
const outputs = { newLead: 'New Lead', existingLead: 'Existing Lead' } as const;

const toolAnswer = leadToolAnswer('newLead', 'existingLead');

const toolDescription = toolDescriptionProperty(
	'Signs a person up to a KickoffLabs waitlist or referral campaign, by email (or phone number). Someone already signed up is not added twice: their record is updated with the given details instead. Its result is the lead: "rank" (place in line), "social_url" (the referral link to share), "referrals", "contest_score" (points).',
	{
		newLead: 'the person was not on the list and has just been added.',
		existingLead: 'the person was already on the list: nothing new was created; their record (with any given details updated) is returned.',
	},
	toolAnswer,
);

/**
 * POST /v2/{campaign_id} creates the lead or, when it exists, updates it. `counter` counts the lead's signups, so 1
 * means this call created it: New Lead; more means it was already there: Existing Lead.
 */
export const create = defineOperation({
	option: {
		name: 'Create or Update',
		value: 'create',
		description: 'Add a lead to a campaign; a lead that already exists is updated and goes to the Existing Lead output',
		action: 'Create or update a lead',
	},
	properties: [toolDescription, ...signupProperties('create')],
	outputs,
	input: signupInputSchema,
	toolAnswer,
	prepare: async ({ run, input, itemIndex }) => await prepareSignup(run, 'create', input, itemIndex),
	keyOf: signupKey,
	send: async ({ context, run, input: signup, itemIndex }) => {
		const lead = await sendSignup(run, signup, itemIndex);
		// Create never reads an answer as "no lead" (only Update does); should it happen, the signup was sent.
		if (!lead) {
			const error = new NodeOperationError(context.getNode(), 'KickoffLabs: the signup returned no lead', { itemIndex });
			throw withFailure(error, { kind: 'uncertain', record: 'lead' });
		}
		return { branch: lead.counter === 1 ? 'newLead' : 'existingLead', json: lead };
	},
});
