import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputJson, routeItems } from '../../../shared/items';
import { sendOptionsCollection } from '../../../shared/sendOptions';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest } from '../../../shared/request';
import { isSuccess } from '../../../shared/request';
import { campaignIdFor } from '../../fields/campaign.locator';
import { identifierProperties, readIdentifier } from '../../fields/identifier.fields';
import { leadSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs, saysLeadNotFound } from '../../transport/service';

export const outputs = { found: 'Found', notFound: 'Not Found' } as const;

export const description = updateDisplayOptions(
	{ show: { resource: ['lead'], operation: ['get'] } },
	[
		toolDescriptionProperty(
			'Looks a lead up in the KickoffLabs campaign by email, social ID (the kid of a referral link) or phone number. It changes nothing.',
			{
				found: 'the lead is in the campaign; its record is returned: "rank" (place in line), "social_url" (referral link), "referrals", "contest_score" (points).',
				notFound: 'no such lead in the campaign; only what was looked for is returned. A sign-up tool can add the person.',
			},
		),
		...identifierProperties('getBy', ['email', 'socialId', 'phoneNumber'], 'How to find the lead'),
		sendOptionsCollection,
	],
);

/** GET /v2/{campaign_id}?email=… (or social_id, phone_number). KickoffLabs's 404 goes to Not Found with the input item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		outputs,
		prepare: async (itemIndex) => ({
			identifier: readIdentifier(this, 'getBy', itemIndex),
			campaignId: await campaignIdFor(this, itemIndex),
		}),
		send: async ({ identifier, campaignId }, itemIndex) => {
			const request: ApiRequest = {
				method: 'GET',
				path: campaignPath(campaignId),
				qs: { [identifier.apiName]: identifier.value },
				itemIndex,
			};
			const response = await kickoffLabs.send(this, request);
			if (saysLeadNotFound(this, response, request)) return { branch: 'notFound', json: inputJson(this, itemIndex, { [identifier.apiName]: identifier.value }) };
			if (!isSuccess(response)) throw kickoffLabs.error(this, response, request);
			return { branch: 'found', json: kickoffLabs.parse(this, response, leadSchema, request) };
		},
	});
}
