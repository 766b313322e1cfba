import { resourceDescription } from '../../../shared/router';
import * as getMany from './getMany.operation';
import * as getStats from './getStats.operation';

export { getMany, getStats };

export const description = resourceDescription(
	'campaign',
	[
		{ name: 'Get Many', value: 'getMany', description: 'List the campaigns of the API key', action: 'Get many campaigns' },
		{ name: 'Get Stats', value: 'getStats', description: 'Get the overview stats of a campaign', action: 'Get stats of a campaign' },
	],
	'getMany',
	{ getMany, getStats },
);
