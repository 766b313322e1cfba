import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapItems } from '../../../shared/items';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { campaignIdFor, campaignPath } from '../../fields/campaign.locator';
import { campaignEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

/** Only the Campaign locator, which Campaign.resource.ts shows once for every operation that needs it. */
export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['get'] } }, [
	toolDescriptionProperty(
		'Gets one SendKit outreach campaign with its lead counts. It changes nothing.',
		{
			success: 'the campaign: "_id", "name", "status" and "leadCounts".',
		},
	),
]);

/** GET /v1/campaigns/{id}: the campaign with its lead counts. A campaign that does not exist is an error. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapItems(this, {
		prepare: (itemIndex) => campaignIdFor(this, itemIndex),
		send: async (campaignId, itemIndex) =>
			(await sendKit.request(this, { method: 'GET', path: campaignPath(this, campaignId, itemIndex), itemIndex }, campaignEnvelopeSchema)).data,
	});
}
