import { resourceDescription } from '../../../shared/router';
import { getMany } from './getMany.operation';
import { getStats } from './getStats.operation';

export const operations = [getMany, getStats] as const;

export const description = resourceDescription('campaign', operations, 'getMany');
