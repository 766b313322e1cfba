import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineOperation } from '../../../shared/operation';
import { sendOptionsCollection } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { optionalTextSchema, withoutUndefined } from '../../../shared/validation';
import { campaignIdFor } from '../../fields/campaign.locator';
import { identifierProperties, readIdentifier } from '../../fields/identifier.fields';
import { MAX_POINTS, pointsSchema } from '../../fields/lead.fields';
import { messageSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs } from '../../transport/service';

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Adds points to a lead\'s contest score in the KickoffLabs campaign (a negative number subtracts; the score never goes below 0). The lead is found by email or social ID.',
		{ success: 'the points were added; "points" and KickoffLabs\'s "message" are returned. An unknown lead is an error.' },
	),
	...identifierProperties('identifyBy', ['email', 'socialId'], 'How to find the lead'),
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		typeOptions: { minValue: -MAX_POINTS, maxValue: MAX_POINTS, numberPrecision: 0 },
		required: true,
		default: 1,
		description: 'Points to add, -99999 to 99999. A negative number subtracts; the score never goes below 0.',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		placeholder: 'Bonus for attending the webinar',
		description: 'Optional note sent with the points',
	},
	sendOptionsCollection,
];

const inputSchema = z.object({
	points: pointsSchema(-MAX_POINTS, MAX_POINTS).refine((points) => points !== 0, 'must not be 0'),
	message: optionalTextSchema,
});

/** POST /v2/{campaign_id}/points. Points are checked before sending, so KickoffLabs' 409s cannot happen. */
export const addPoints = defineOperation({
	option: { name: 'Add Points', value: 'addPoints', description: 'Add points to a lead, or subtract them', action: 'Add points to a lead' },
	properties,
	input: inputSchema,
	prepare: async ({ run, input, itemIndex }) => ({
		...input,
		identifier: readIdentifier(run, 'identifyBy', itemIndex),
		campaignId: await campaignIdFor(run, itemIndex),
	}),
	send: async ({ run, input: { identifier, points, message, campaignId }, itemIndex }) => {
		const answer = await kickoffLabs.request(
			run,
			{
				method: 'POST',
				path: campaignPath(campaignId, 'points'),
				body: withoutUndefined({ [identifier.apiName]: identifier.value, points, message }),
				itemIndex,
			},
			messageSchema,
		);
		return { [identifier.apiName]: identifier.value, points, success: true, message: answer.message };
	},
});
