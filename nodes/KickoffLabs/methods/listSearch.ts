import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isSuccess, parseResponseBody } from '../../shared/responses';
import { SERVICE_NAME, kickoffLabsError, kickoffLabsRequest } from '../transport';
import { campaignListSchema } from '../transport/responses';

/** The Campaign picker: GET /v2/campaigns, filtered by name or ID as the user types. */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = await kickoffLabsRequest(this, { method: 'GET', path: '/v2/campaigns' }, 0);
	if (!isSuccess(response)) throw kickoffLabsError(this, response, 0);
	const campaigns = parseResponseBody(this, SERVICE_NAME, campaignListSchema, response, 0);
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: campaigns
			.filter(
				(campaign) =>
					!needle || campaign.name.toLowerCase().includes(needle) || String(campaign.id).includes(needle),
			)
			.map((campaign) => ({ name: campaign.name, value: String(campaign.id) })),
	};
}
