import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { mapItems } from '../../../shared/items';
import { itemParameter } from '../../../shared/parameters';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { limitOf, returnAllLabels, returnAllProperties, returnAllSchema } from '../../../shared/returnAll';
import { parseItemInput } from '../../../shared/validation';
import { campaignListSchema } from '../../transport/schemas';
import { kickoffLabs } from '../../transport/service';

const properties: INodeProperties[] = [
	toolDescriptionProperty('Lists the KickoffLabs campaigns (waitlists and referral programs) of the account. It changes nothing.', {
		success: 'one result per campaign: "id", "name", "lead_count".',
	}),
	...returnAllProperties,
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getMany'] } }, properties);


/** GET /v2/campaigns lists every campaign of the API key at once (no paging); one item per campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapItems(this, {
		prepare: (itemIndex) => {
			const returnAll = itemParameter(this, 'returnAll', itemIndex, false);
			const limit = returnAll ? undefined : itemParameter(this, 'limit', itemIndex, 50);
			return limitOf(parseItemInput(this, returnAllSchema, { returnAll, limit }, returnAllLabels, itemIndex));
		},
		send: async (limit, itemIndex) => {
			const campaigns = await kickoffLabs.request(this, { method: 'GET', path: '/v2/campaigns', itemIndex }, campaignListSchema);
			return limit === undefined ? campaigns : campaigns.slice(0, limit);
		},
	});
}
