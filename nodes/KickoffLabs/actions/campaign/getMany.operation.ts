import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { mapEachItem } from '../../../shared/branching';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { parseItemInput } from '../../../shared/validation';
import { SERVICE_NAME, kickoffLabsError, kickoffLabsRequest } from '../../transport';
import { campaignListSchema } from '../../transport/responses';
import { fieldLabels } from '../common';

const show = { resource: ['campaign'], operation: ['getMany'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
];

const limitSchema = z.object({
	limit: z
		.number({ invalid_type_error: 'must be a number' })
		.int('must be a whole number')
		.min(1, 'must be at least 1'),
});

/** GET /v2/campaigns lists every campaign of the API key at once (no paging); one item per campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapEachItem(this, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? undefined
			: parseItemInput(this, limitSchema, { limit: this.getNodeParameter('limit', itemIndex, 50) }, fieldLabels, itemIndex)
					.limit;
		const response = await kickoffLabsRequest(this, { method: 'GET', path: '/v2/campaigns' }, itemIndex);
		if (!isSuccess(response)) throw kickoffLabsError(this, response, itemIndex);
		const campaigns = parseResponseBody(this, SERVICE_NAME, campaignListSchema, response, itemIndex);
		return limit === undefined ? campaigns : campaigns.slice(0, limit);
	});
}
