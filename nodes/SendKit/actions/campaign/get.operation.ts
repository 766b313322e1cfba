import { z } from 'zod';

import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { campaignIdFor, campaignPath } from '../../fields/campaign.locator';
import { campaignEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

/**
 * Only the tool's description: the Campaign locator is shown once, by Campaign.resource.ts, for every operation that
 * needs it.
 */
const properties = [
	toolDescriptionProperty(
		'Gets one SendKit outreach campaign with its lead counts. It changes nothing.',
		{
			success: 'the campaign: "_id", "name", "status" and "leadCounts".',
		},
	),
];

/** GET /v1/campaigns/{id}: the campaign with its lead counts. A campaign that does not exist is an error. */
export const get = defineOperation({
	option: { name: 'Get', value: 'get', description: 'Get a campaign with its lead counts', action: 'Get a campaign' },
	properties,
	input: z.object({}),
	prepare: ({ run, itemIndex }) => campaignIdFor(run, itemIndex),
	send: async ({ context, run, input: campaignId, itemIndex }) =>
		(await sendKit.request(run, { method: 'GET', path: campaignPath(context, campaignId, itemIndex), itemIndex }, campaignEnvelopeSchema)).data,
});
