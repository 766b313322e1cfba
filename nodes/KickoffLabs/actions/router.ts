import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operations } from '../../shared/router';
import { runOperation } from '../../shared/router';
import * as campaign from './campaign/Campaign.resource';
import * as lead from './lead/Lead.resource';
import type { KickoffLabsResources } from './node.type';

export const operations: Operations<KickoffLabsResources> = {
	lead: {
		create: lead.create,
		get: lead.get,
		update: lead.update,
		delete: lead.deleteLeads,
		addPoints: lead.addPoints,
		completeAction: lead.completeAction,
	},
	campaign: { getMany: campaign.getMany, getStats: campaign.getStats },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, operations);
}
