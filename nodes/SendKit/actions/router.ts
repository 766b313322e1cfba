import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operations } from '../../shared/router';
import { runOperation } from '../../shared/router';
import * as lead from './lead/Lead.resource';
import type { SendKitResources } from './node.type';

export const operations: Operations<SendKitResources> = {
	lead: { create: lead.create, get: lead.get },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, operations);
}
