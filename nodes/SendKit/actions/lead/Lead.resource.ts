import { resourceDescription } from '../../../shared/router';
import * as create from './create.operation';
import * as get from './get.operation';

export { create, get };

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
			name: 'Get',
			value: 'get',
			description: 'Get a lead by email or ID; a missing lead goes to the Not Found output',
			action: 'Get a lead',
		},
	],
	'create',
	{ create, get },
);
