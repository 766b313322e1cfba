import { z } from 'zod';

import { find } from '../../../shared/find';
import { inputJson } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { sendOptionsCollection } from '../../../shared/sendSettings';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest } from '../../../shared/request';
import { campaignIdFor } from '../../fields/campaign.locator';
import { identifierProperties, readIdentifier } from '../../fields/identifier.fields';
import { leadSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs, lookupSaysNotFound } from '../../transport/service';
import { leadToolAnswer } from './toolAnswer';

const outputs = { found: 'Found', notFound: 'Not Found' } as const;

const toolAnswer = leadToolAnswer('found');

const properties = [
	toolDescriptionProperty(
		'Looks a lead up in the KickoffLabs campaign by email, social ID (the kid of a referral link) or phone number. It changes nothing.',
		{
			found: 'the lead is in the campaign; its record is returned: "rank" (place in line), "social_url" (referral link), "referrals", "contest_score" (points).',
			notFound: 'no such lead in the campaign; only what was looked for is returned. A sign-up tool can add the person.',
		},
		toolAnswer,
	),
	...identifierProperties('getBy', ['email', 'socialId', 'phoneNumber'], 'How to find the lead'),
	sendOptionsCollection,
];

/**
 * GET /v2/{campaign_id}?email=… (or social_id, phone_number). KickoffLabs's answer for no such lead (a 404, or an empty
 * 200) goes to Not Found with the input item.
 */
export const get = defineOperation({
	option: {
		name: 'Get',
		value: 'get',
		description: 'Get a lead by email, social ID or phone number; a missing lead goes to the Not Found output',
		action: 'Get a lead',
	},
	properties,
	outputs,
	input: z.object({}),
	toolAnswer,
	prepare: async ({ run, itemIndex }) => ({
		identifier: readIdentifier(run, 'getBy', itemIndex),
		campaignId: await campaignIdFor(run, itemIndex),
	}),
	send: async ({ context, run, input: { identifier, campaignId }, itemIndex }) => {
		const request: ApiRequest = {
			method: 'GET',
			path: campaignPath(campaignId),
			qs: { [identifier.apiName]: identifier.value },
			itemIndex,
		};
		const lead = await find(kickoffLabs, run, request, leadSchema, { notFound: lookupSaysNotFound });
		return lead ? { branch: 'found', json: lead } : { branch: 'notFound', json: inputJson(context, itemIndex, { [identifier.apiName]: identifier.value }) };
	},
});
