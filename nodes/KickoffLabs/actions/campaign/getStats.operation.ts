import { z } from 'zod';

import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { campaignIdFor, campaignLocator } from '../../fields/campaign.locator';
import { statsSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs } from '../../transport/service';

const properties = [
	toolDescriptionProperty('Reads the overview statistics of a KickoffLabs campaign. It changes nothing.', {
		success: 'one result: "campaign_id" and the campaign\'s figures, such as "leads.total" (number of signups).',
	}),
	campaignLocator,
];

/** GET /v2/{campaign_id}/stats, as returned, with the campaign's id added when the answer has none. */
export const getStats = defineOperation({
	option: { name: 'Get Stats', value: 'getStats', description: 'Get the overview stats of a campaign', action: 'Get stats of a campaign' },
	properties,
	input: z.object({}),
	prepare: async ({ run, itemIndex }) => await campaignIdFor(run, itemIndex),
	send: async ({ run, input: campaignId, itemIndex }) => {
		const stats = await kickoffLabs.request(run, { method: 'GET', path: campaignPath(campaignId, 'stats'), itemIndex }, statsSchema);
		return { campaign_id: Number(campaignId), ...stats };
	},
});
