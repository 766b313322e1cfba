import { z } from 'zod';

import { defineOperation } from '../../../shared/operation';
import { sendOptionsCollection } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { actionIdSchema, actionProperty } from '../../fields/action.field';
import { campaignIdFor } from '../../fields/campaign.locator';
import { identifierProperties, readIdentifier } from '../../fields/identifier.fields';
import { messageSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs } from '../../transport/service';

const properties = [
	toolDescriptionProperty(
		'Marks a campaign action (such as following on social media) as completed by a lead, which earns the lead that action\'s points. The lead is found by email or social ID.',
		{ success: 'the action was recorded; "actionId" and KickoffLabs\'s "message" are returned. An unknown lead or action is an error.' },
	),
	actionProperty,
	...identifierProperties('identifyBy', ['email', 'socialId'], 'How to find the lead'),
	sendOptionsCollection,
];

/** POST /v2/{campaign_id}/actions/{action_id} with the lead's email or social id. */
export const completeAction = defineOperation({
	option: {
		name: 'Complete Action',
		value: 'completeAction',
		description: 'Mark a campaign action as completed by a lead',
		action: 'Complete an action for a lead',
	},
	properties,
	input: z.object({ actionId: actionIdSchema }),
	prepare: async ({ run, input, itemIndex }) => ({
		...input,
		identifier: readIdentifier(run, 'identifyBy', itemIndex),
		campaignId: await campaignIdFor(run, itemIndex),
	}),
	send: async ({ run, input: { actionId, identifier, campaignId }, itemIndex }) => {
		const answer = await kickoffLabs.request(
			run,
			{
				method: 'POST',
				path: campaignPath(campaignId, 'actions', actionId),
				body: { [identifier.apiName]: identifier.value },
				itemIndex,
			},
			messageSchema,
		);
		return { [identifier.apiName]: identifier.value, actionId, success: true, message: answer.message };
	},
});
