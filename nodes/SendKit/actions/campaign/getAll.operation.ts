import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { optionalTextSchema, withoutUndefined } from '../../../shared/validation';
import { limitOf, returnAllProperties, returnAllSchema } from '../../../shared/returnAll';
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

const inputSchema = z.intersection(
	returnAllSchema,
	z.object({
		filters: z
			.object({ search: optionalTextSchema, status: z.enum(CAMPAIGN_STATUSES).optional() })
			.transform((filters) => withoutUndefined(filters)),
	}),
);

/** GET /v1/campaigns, every page or up to Limit: one output item per campaign. */
export const getAll = defineOperation({
	option: { name: 'Get Many', value: 'getAll', description: 'List campaigns, filtered by status and name', action: 'Get many campaigns' },
	properties,
	input: inputSchema,
	send: async ({ run, input, itemIndex }): Promise<IDataObject[]> =>
		await collectPages(run, { method: 'GET', path: '/v1/campaigns', qs: input.filters, itemIndex }, campaignListEnvelopeSchema, limitOf(input)),
});
