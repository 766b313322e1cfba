import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { mapItems } from '../../../shared/items';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { parseItemInput } from '../../../shared/validation';
import { campaignListSchema } from '../../transport/schemas';
import { kickoffLabs } from '../../transport/service';

const properties: INodeProperties[] = [
	toolDescriptionProperty('Lists the KickoffLabs campaigns (waitlists and referral programs) of the account. It changes nothing.', {
		success: 'one result per campaign: "id", "name", "lead_count".',
	}),
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getMany'] } }, properties);

const limitSchema = z.object({
	limit: z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').min(1, 'must be at least 1'),
});

/** GET /v2/campaigns lists every campaign of the API key at once (no paging); one item per campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapItems(this, {
		prepare: (itemIndex) =>
			this.getNodeParameter('returnAll', itemIndex, false)
				? undefined
				: parseItemInput(this, limitSchema, { limit: this.getNodeParameter('limit', itemIndex, 50) }, { limit: 'Limit' }, itemIndex)
						.limit,
		send: async (limit, itemIndex) => {
			const campaigns = await kickoffLabs.request(this, { method: 'GET', path: '/v2/campaigns', itemIndex }, campaignListSchema);
			return limit === undefined ? campaigns : campaigns.slice(0, limit);
		},
	});
}
