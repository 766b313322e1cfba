import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { routeEachItem } from '../../../shared/branching';
import { sendUpsert, upsertProperties } from './upsert';

/** Branch keys and the output names users see, in output order. */
export const outputs = { newLead: 'New Lead', existingLead: 'Existing Lead' } as const;

export const description: INodeProperties[] = upsertProperties('create');

/**
 * POST /v2/{campaign_id} creates the lead or, when it exists, updates it. `counter` counts the lead's signups, so 1
 * means this call created it: New Lead; more means it was already there: Existing Lead.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeEachItem(this, Object.keys(outputs), async (itemIndex) => {
		const lead = await sendUpsert(this, 'create', itemIndex);
		return { branch: lead.counter === 1 ? 'newLead' : 'existingLead', json: lead };
	});
}
