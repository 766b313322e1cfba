import { resourceDescription } from '../../../shared/router';
import * as create from './create.operation';
import * as deleteLead from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as importLeads from './import.operation';
import * as update from './update.operation';
import * as verifyEmail from './verifyEmail.operation';

export { create, deleteLead as delete, get, getAll, importLeads as import, update, verifyEmail };

export const description = resourceDescription(
	'lead',
	[
		{
			name: 'Create',
			value: 'create',
			description: 'Create a lead; a lead whose email exists goes to the Existing Lead output',
			action: 'Create a lead',
		},
		{
			name: 'Delete',
			value: 'delete',
			description: 'Delete leads by ID, many per request',
			action: 'Delete leads',
		},
		{
			name: 'Get',
			value: 'get',
			description: 'Get a lead by email or ID; a missing lead goes to the Not Found output',
			action: 'Get a lead',
		},
		{
			name: 'Get Many',
			value: 'getAll',
			description: 'List leads, filtered by search, tags and email verification',
			action: 'Get many leads',
		},
		{
			name: 'Import (Bulk)',
			value: 'import',
			description: 'Create or update thousands of leads, up to 5,000 per request, with an outcome per item',
			action: 'Import leads in bulk',
		},
		{
			name: 'Update',
			value: 'update',
			description: 'Update a lead by ID; a missing lead goes to the Not Found output',
			action: 'Update a lead',
		},
		{
			name: 'Verify Email',
			value: 'verifyEmail',
			description: 'Verify leads\' emails (one credit each) and return each lead with its result',
			action: 'Verify lead emails',
		},
	],
	'create',
	{ create, get, getAll, update, delete: deleteLead, import: importLeads, verifyEmail },
);
