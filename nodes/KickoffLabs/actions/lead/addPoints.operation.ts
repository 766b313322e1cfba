import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { mapEachItem } from '../../../shared/branching';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { optionalTextSchema, parseItemInput, withoutUndefined } from '../../../shared/validation';
import { SERVICE_NAME, campaignPath, kickoffLabsError, kickoffLabsRequest } from '../../transport';
import { messageSchema } from '../../transport/responses';
import { campaignIdFor, fieldLabels, identifierProperties, readIdentifier } from '../common';
import { pointsSchema } from './upsert';

/** KickoffLabs refuses more than 99999 points in one call ("Max Points Exceeded"); negative values subtract. */
const MAX_POINTS = 99999;

const show = { resource: ['lead'], operation: ['addPoints'] };

export const description: INodeProperties[] = [
	...identifierProperties('addPoints', 'identifyBy', ['email', 'socialId'], 'How to find the lead'),
	{
		displayName: 'Points',
		name: 'points',
		type: 'number',
		typeOptions: { minValue: -MAX_POINTS, maxValue: MAX_POINTS, numberPrecision: 0 },
		required: true,
		default: 1,
		description: 'Points to add, -99999 to 99999. A negative number subtracts; the score never goes below 0.',
		displayOptions: { show },
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		default: '',
		placeholder: 'Bonus for attending the webinar',
		description: 'Optional note sent with the points',
		displayOptions: { show },
	},
];

const inputSchema = z.object({
	points: pointsSchema(-MAX_POINTS, MAX_POINTS).refine((points) => points !== 0, 'must not be 0'),
	message: optionalTextSchema,
});

/** POST /v2/{campaign_id}/points. Points are checked before sending, so KickoffLabs' 409s cannot happen. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapEachItem(this, async (itemIndex) => {
		const identifier = readIdentifier(this, 'identifyBy', itemIndex);
		const { points, message } = parseItemInput(
			this,
			inputSchema,
			{ points: this.getNodeParameter('points', itemIndex), message: this.getNodeParameter('message', itemIndex, '') },
			fieldLabels,
			itemIndex,
		);
		const campaignId = await campaignIdFor(this, itemIndex);
		const response = await kickoffLabsRequest(
			this,
			{
				method: 'POST',
				path: campaignPath(campaignId, 'points'),
				body: withoutUndefined({ [identifier.apiName]: identifier.value, points, message }),
			},
			itemIndex,
		);
		if (!isSuccess(response)) throw kickoffLabsError(this, response, itemIndex);
		const answer = parseResponseBody(this, SERVICE_NAME, messageSchema, response, itemIndex);
		return { [identifier.apiName]: identifier.value, points: points ?? 0, success: true, message: answer.message };
	});
}
