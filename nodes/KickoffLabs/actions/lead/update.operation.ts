import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputJson, routeItems } from '../../../shared/items';
import { signupProperties } from '../../fields/lead.fields';
import { prepareSignup, sendSignup } from './signup';

export const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, signupProperties('update'));

/**
 * The create request with `must_exist=true`, so no lead is created. A lead that does not exist goes to Not Found with
 * the input item unchanged, ready for a Create node.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		outputs,
		prepare: async (itemIndex) => await prepareSignup(this, 'update', itemIndex),
		send: async (signup, itemIndex) => {
			const lead = await sendSignup(this, signup, itemIndex);
			return lead ? { branch: 'updated', json: lead } : { branch: 'notFound', json: inputJson(this, itemIndex) };
		},
	});
}
