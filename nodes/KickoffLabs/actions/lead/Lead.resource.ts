import { updateDisplayOptions } from 'n8n-workflow';

import { resourceDescription } from '../../../shared/router';
import { campaignLocator } from '../../fields/campaign.locator';
import { addPoints } from './addPoints.operation';
import { completeAction } from './completeAction.operation';
import { create } from './create.operation';
import { deleteLeads } from './delete.operation';
import { get } from './get.operation';
import { update } from './update.operation';

export const operations = [addPoints, completeAction, create, deleteLeads, get, update] as const;

export const description = resourceDescription(
	'lead',
	operations,
	'create',
	// Every lead operation works in a campaign.
	updateDisplayOptions({ show: { resource: ['lead'] } }, [campaignLocator]),
);
