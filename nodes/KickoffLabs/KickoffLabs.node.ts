import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readmeSection } from '../shared/documentation';
import { outputsExpression } from '../shared/outputs';
import { outputTableOf } from '../shared/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as lead from './actions/lead/Lead.resource';
import { operations, router } from './actions/router';
import { getActions } from './fields/action.field';
import { searchCampaigns } from './fields/campaign.locator';

export class KickoffLabs implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KickoffLabs',
		documentationUrl: readmeSection('kickofflabs-node'),
		name: 'kickoffLabs',
		icon: { light: 'file:kickoffLabs.svg', dark: 'file:kickoffLabs.dark.svg' },
		group: ['output'],
		// 1.1: the campaign list is Get Many `getAll`, as in SendKit (version 1's `getMany` still opens and runs).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Add, find, update and delete waitlist and referral leads in KickoffLabs, branching on new, existing and missing leads',
		defaults: { name: 'KickoffLabs' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression(outputTableOf(operations), { resource: 'lead', operation: 'create' }),
		credentials: [{ name: 'kickoffLabsApi', required: true }],
		hints: [
			{
				message: 'Not Found carries the input item unchanged. The field preview shows the fields of the first output.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "lead" && ["get", "update"].includes($parameter["operation"]) }}',
			},
		],
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
