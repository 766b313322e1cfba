import type { INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { limitOf, returnAllProperties, returnAllSchema } from '../../../shared/returnAll';
import { campaignListSchema } from '../../transport/schemas';
import { kickoffLabs } from '../../transport/service';

const properties: INodeProperties[] = [
	toolDescriptionProperty('Lists the KickoffLabs campaigns (waitlists and referral programs) of the account. It changes nothing.', {
		success: 'one result per campaign: "id", "name", "lead_count".',
	}),
	...returnAllProperties,
];

/** GET /v2/campaigns lists every campaign of the API key at once (no paging); one item per campaign. */
export const getAll = defineOperation({
	option: {
		name: 'Get Many',
		value: 'getAll',
		description: 'List the campaigns of the API key',
		action: 'Get many campaigns',
		// n8n's own name for a Get Many, as in SendKit; workflows saved by version 1 store getMany.
		renamedFrom: { value: 'getMany', inVersion: 1.1 },
	},
	properties,
	input: returnAllSchema,
	send: async ({ run, input, itemIndex }) => {
		const campaigns = await kickoffLabs.request(run, { method: 'GET', path: '/v2/campaigns', itemIndex }, campaignListSchema);
		const limit = limitOf(input);
		return limit === undefined ? campaigns : campaigns.slice(0, limit);
	},
});
