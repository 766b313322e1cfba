import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { z } from 'zod';

import { mapItems } from '../../../shared/items';
import { itemParameter } from '../../../shared/parameters';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { optionalTextSchema, parseItemInput, withoutUndefined } from '../../../shared/validation';
import { limitOf, returnAllLabels, returnAllProperties, returnAllSchema } from '../../../shared/returnAll';
import { collectPages } from '../../transport/pagination';
import { campaignListEnvelopeSchema } from '../../transport/schemas';

/** Campaign statuses (docs/api-notes.md#sendkit-campaigns). */
const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'completed', 'archived'] as const;

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Lists SendKit outreach campaigns, optionally filtered by status or name. It changes nothing.',
		{
			success: 'one result per campaign: "_id", "name", "status" (draft, active, paused, completed, archived).',
		},
	),
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Part of the campaign name, ignoring case',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				default: 'active',
				options: CAMPAIGN_STATUSES.map((status) => ({ name: status[0].toUpperCase() + status.slice(1), value: status })),
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['campaign'], operation: ['getAll'] } }, properties);

const inputSchema = z.intersection(
	returnAllSchema,
	z.object({
		filters: z
			.object({ search: optionalTextSchema, status: z.enum(CAMPAIGN_STATUSES).optional() })
			.transform((filters) => withoutUndefined(filters)),
	}),
);

/** GET /v1/campaigns, every page or up to Limit: one output item per campaign. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await mapItems(this, {
		prepare: (itemIndex) => {
			const returnAll = itemParameter(this, 'returnAll', itemIndex, false);
			const raw = {
				returnAll,
				limit: returnAll ? undefined : itemParameter(this, 'limit', itemIndex, 50),
				filters: itemParameter(this, 'filters', itemIndex, {}),
			};
			return parseItemInput(this, inputSchema, raw, { ...returnAllLabels, search: 'Name', status: 'Status' }, itemIndex);
		},
		send: async (input, itemIndex): Promise<IDataObject[]> =>
			await collectPages(this, { method: 'GET', path: '/v1/campaigns', qs: input.filters, itemIndex }, campaignListEnvelopeSchema, limitOf(input)),
	});
}
