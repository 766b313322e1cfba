import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputsExpression } from '../shared/outputs';
import { outputTableOf } from '../shared/router';
import * as campaign from './actions/campaign';
import * as lead from './actions/lead';
import { operations, router } from './actions/router';
import { getActions } from './methods/loadOptions';
import { searchCampaigns } from './methods/listSearch';

export class KickoffLabs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KickoffLabs',
		name: 'kickoffLabs',
		icon: { light: 'file:kickoffLabs.svg', dark: 'file:kickoffLabs.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, find, update and delete waitlist and referral leads in KickoffLabs, branching on new, existing and missing leads',
		defaults: { name: 'KickoffLabs' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression(outputTableOf(operations), { resource: 'lead', operation: 'create' }),
		credentials: [{ name: 'kickoffLabsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Campaign', value: 'campaign' },
					{ name: 'Lead', value: 'lead' },
				],
				default: 'lead',
			},
			...lead.description,
			...campaign.description,
		],
	};

	methods = {
		listSearch: { searchCampaigns },
		loadOptions: { getActions },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
