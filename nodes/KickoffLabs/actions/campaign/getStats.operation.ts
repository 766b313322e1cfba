import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapItems } from '../../../shared/items';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { campaignIdFor, campaignLocator } from '../../fields/campaign.locator';
import { statsSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs } from '../../transport/service';

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getStats'] } }, [
	toolDescriptionProperty('Reads the overview statistics of a KickoffLabs campaign. It changes nothing.', {
		success: 'one result: "campaign_id" and the campaign\'s figures, such as "leads.total" (number of signups).',
	}),
	campaignLocator,
]);

/** GET /v2/{campaign_id}/stats, as returned, with the campaign's id added when the answer has none. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapItems(this, {
		prepare: async (itemIndex) => await campaignIdFor(this, itemIndex),
		send: async (campaignId, itemIndex) => {
			const stats = await kickoffLabs.request(this, { method: 'GET', path: campaignPath(campaignId, 'stats'), itemIndex }, statsSchema);
			return { campaign_id: Number(campaignId), ...stats };
		},
	});
}
