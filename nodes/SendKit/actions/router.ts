import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runOperation } from '../../shared/router';
import * as campaign from './campaign/Campaign.resource';
import * as lead from './lead/Lead.resource';

export const operations = { lead: lead.operations, campaign: campaign.operations };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, operations);
}
