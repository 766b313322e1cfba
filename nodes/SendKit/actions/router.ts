import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operations } from '../../shared/router';
import { runOperation } from '../../shared/router';
import * as campaign from './campaign/Campaign.resource';
import * as lead from './lead/Lead.resource';
import type { SendKitResources } from './node.type';

export const operations: Operations<SendKitResources> = {
	lead: {
		create: lead.create,
		get: lead.get,
		getAll: lead.getAll,
		update: lead.update,
		delete: lead.delete,
		import: lead.import,
		verifyEmail: lead.verifyEmail,
	},
	campaign: { getAll: campaign.getAll, get: campaign.get, addLeads: campaign.addLeads },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runOperation(this, operations);
}
