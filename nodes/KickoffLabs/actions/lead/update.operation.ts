import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { BranchedItem } from '../../../shared/branching';
import { routeEachItem } from '../../../shared/branching';
import { sendUpsert, upsertProperties } from './upsert';

export const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

export const description: INodeProperties[] = upsertProperties('update');

/**
 * The create request with `must_exist=true`, so no lead is created. A lead that does not exist goes to Not Found
 * with the input item unchanged, ready for a Create node.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	return await routeEachItem(this, Object.keys(outputs), async (itemIndex): Promise<BranchedItem> => {
		const lead = await sendUpsert(this, 'update', itemIndex);
		return lead ? { branch: 'updated', json: lead } : { branch: 'notFound', json: items[itemIndex].json };
	});
}
