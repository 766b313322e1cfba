import type { INodeProperties } from 'n8n-workflow';

import { campaignProperty } from '../common';
import * as getMany from './getMany.operation';
import * as getStats from './getStats.operation';

export { getMany, getStats };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['campaign'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List the campaigns of the API key',
				action: 'Get many campaigns',
			},
			{
				name: 'Get Stats',
				value: 'getStats',
				description: 'Get the overview stats of a campaign',
				action: 'Get stats of a campaign',
			},
		],
		default: 'getMany',
	},
	campaignProperty({ resource: ['campaign'], operation: ['getStats'] }),
	...getMany.description,
	...getStats.description,
];
