import { resourceDescription } from '../../../shared/router';
import { getAll } from './getAll.operation';
import { getStats } from './getStats.operation';

export const operations = [getAll, getStats] as const;

export const description = resourceDescription('campaign', operations, 'getAll');
