import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { mapItems } from '../../../shared/items';
import { itemParameter } from '../../../shared/parameters';
import { sendOptionsCollection } from '../../../shared/sendOptions';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { parseItemInput } from '../../../shared/validation';
import { actionIdSchema, actionProperty } from '../../fields/action.field';
import { campaignIdFor } from '../../fields/campaign.locator';
import { identifierProperties, readIdentifier } from '../../fields/identifier.fields';
import { messageSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs } from '../../transport/service';

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['completeAction'] } }, [
	toolDescriptionProperty(
		'Marks a campaign action (such as following on social media) as completed by a lead, which earns the lead that action\'s points. The lead is found by email or social ID.',
		{ success: 'the action was recorded; "actionId" and KickoffLabs\'s "message" are returned. An unknown lead or action is an error.' },
	),
	actionProperty,
	...identifierProperties('identifyBy', ['email', 'socialId'], 'How to find the lead'),
	sendOptionsCollection,
]);

/** POST /v2/{campaign_id}/actions/{action_id} with the lead's email or social id. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapItems(this, {
		prepare: async (itemIndex) => ({
			...parseItemInput(
				this,
				z.object({ actionId: actionIdSchema }),
				{ actionId: itemParameter(this, 'actionId', itemIndex, '') },
				{ actionId: 'Action' },
				itemIndex,
			),
			identifier: readIdentifier(this, 'identifyBy', itemIndex),
			campaignId: await campaignIdFor(this, itemIndex),
		}),
		send: async ({ actionId, identifier, campaignId }, itemIndex) => {
			const answer = await kickoffLabs.request(
				this,
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
}
