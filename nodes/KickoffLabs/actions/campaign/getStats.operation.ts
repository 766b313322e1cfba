import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { mapEachItem } from '../../../shared/branching';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { SERVICE_NAME, campaignPath, kickoffLabsError, kickoffLabsRequest } from '../../transport';
import { statsSchema } from '../../transport/responses';
import { campaignIdFor } from '../common';

/** Its only parameter, Campaign, is declared in ./index.ts. */
export const description: INodeProperties[] = [];

/** GET /v2/{campaign_id}/stats, as returned, with the campaign's id added when the answer has none. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapEachItem(this, async (itemIndex) => {
		const campaignId = await campaignIdFor(this, itemIndex);
		const response = await kickoffLabsRequest(this, { method: 'GET', path: campaignPath(campaignId, 'stats') }, itemIndex);
		if (!isSuccess(response)) throw kickoffLabsError(this, response, itemIndex);
		const stats = parseResponseBody(this, SERVICE_NAME, statsSchema, response, itemIndex);
		return { campaign_id: Number(campaignId), ...stats };
	});
}
