import { updateDisplayOptions } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/router';
import { campaignLocator } from '../../fields/campaign.locator';
import * as addPoints from './addPoints.operation';
import * as completeAction from './completeAction.operation';
import * as create from './create.operation';
import * as deleteLeads from './delete.operation';
import * as get from './get.operation';
import * as update from './update.operation';

export { addPoints, completeAction, create, deleteLeads, get, update };

export const description = resourceDescription(
	'lead',
	[
		{ name: 'Add Points', value: 'addPoints', description: 'Add points to a lead, or subtract them', action: 'Add points to a lead' },
		{
			name: 'Complete Action',
			value: 'completeAction',
			description: 'Mark a campaign action as completed by a lead',
			action: 'Complete an action for a lead',
		},
		{
			name: 'Create or Update',
			value: 'create',
			description: 'Add a lead to a campaign; a lead that already exists is updated and goes to the Existing Lead output',
			action: 'Create or update a lead',
		},
		{ name: 'Delete', value: 'delete', description: 'Remove leads from a campaign, up to 250 per request', action: 'Delete a lead' },
		{
			name: 'Get',
			value: 'get',
			description: 'Get a lead by email, social ID or phone number; a missing lead goes to the Not Found output',
			action: 'Get a lead',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Update an existing lead only; a missing lead goes to the Not Found output',
			action: 'Update a lead',
		},
	],
	'create',
	{ create, update, get, deleteLeads, addPoints, completeAction },
	// Every lead operation works in a campaign.
	updateDisplayOptions({ show: { resource: ['lead'] } }, [campaignLocator]),
);
