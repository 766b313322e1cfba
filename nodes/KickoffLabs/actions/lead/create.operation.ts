import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { routeItems } from '../../../shared/items';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { signupProperties } from '../../fields/lead.fields';
import { prepareSignup, sendSignup, signupKey } from './signup';

/** Branch keys and the output names users see, in output order. */
export const outputs = { newLead: 'New Lead', existingLead: 'Existing Lead' } as const;

const toolDescription = toolDescriptionProperty(
	'Signs a person up to a KickoffLabs waitlist or referral campaign, by email (or phone number). Someone already signed up is not added twice: their record is updated with the given details instead. Its result is the lead: "rank" (place in line), "social_url" (the referral link to share), "referrals", "contest_score" (points).',
	{
		newLead: 'the person was not on the list and has just been added.',
		existingLead: 'the person was already on the list: nothing new was created; their record (with any given details updated) is returned.',
	},
);

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['create'] } }, [
	toolDescription,
	...signupProperties('create'),
]);

/**
 * POST /v2/{campaign_id} creates the lead or, when it exists, updates it. `counter` counts the lead's signups, so 1
 * means this call created it: New Lead; more means it was already there: Existing Lead.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		outputs,
		prepare: async (itemIndex) => await prepareSignup(this, 'create', itemIndex),
		keyOf: signupKey,
		send: async (signup, itemIndex) => {
			const lead = await sendSignup(this, signup, itemIndex);
			if (!lead) throw new NodeOperationError(this.getNode(), 'KickoffLabs: the signup returned no lead', { itemIndex });
			return { branch: lead.counter === 1 ? 'newLead' : 'existingLead', json: lead };
		},
	});
}
