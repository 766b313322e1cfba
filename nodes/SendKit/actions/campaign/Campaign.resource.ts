import { resourceDescription } from '../../../shared/router';
import { campaignLocator } from '../../fields/campaign.locator';
import * as addLeads from './addLeads.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export { addLeads, get, getAll };

export const description = resourceDescription(
	'campaign',
	[
		{
			name: 'Add Leads',
			value: 'addLeads',
			description: 'Add leads to a campaign by email or lead ID, up to 5,000 per request',
			action: 'Add leads to a campaign',
		},
		{ name: 'Get', value: 'get', description: 'Get a campaign with its lead counts', action: 'Get a campaign' },
		{ name: 'Get Many', value: 'getAll', description: 'List campaigns, filtered by status and name', action: 'Get many campaigns' },
	],
	'getAll',
	{ getAll, get, addLeads },
	// One Campaign locator for the operations that work on a campaign, so the choice stays when the operation changes.
	[{ ...campaignLocator, displayOptions: { show: { resource: ['campaign'], operation: ['get', 'addLeads'] } } }],
);
