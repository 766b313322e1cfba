import { resourceDescription } from '../../../shared/router';
import { campaignLocator } from '../../fields/campaign.locator';
import { addLeads } from './addLeads.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const operations = [addLeads, get, getAll] as const;

export const description = resourceDescription('campaign', operations, 'getAll', [
	// One Campaign locator for the operations that work on a campaign, so the choice stays when the operation changes.
	{ ...campaignLocator, displayOptions: { show: { resource: ['campaign'], operation: [get.option.value, addLeads.option.value] } } },
]);
