import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readmeSection } from '../shared/documentation';
import { outputsExpression } from '../shared/outputs';
import { olderOutputTablesOf, outputTableOf } from '../shared/router';
import * as campaign from './actions/campaign/Campaign.resource';
import * as lead from './actions/lead/Lead.resource';
import { operations, router } from './actions/router';
import { searchCampaigns } from './fields/campaign.locator';

export class SendKit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit',
		documentationUrl: readmeSection('sendkit-node'),
		name: 'sendKit',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['output'],
		// 1.1: Delete says false or "unknown" where version 1 said null, and Verify Email takes an email or a lead ID and
		// has a Not Found output; version 1's workflows keep what they were built on.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Create, find, update, delete, import and verify leads in SendKit and add them to campaigns, branching on duplicates and missing leads',
		defaults: { name: 'SendKit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression(outputTableOf(operations), { resource: 'lead', operation: 'create' }, olderOutputTablesOf(operations)),
		credentials: [{ name: 'sendKitApi', required: true }],
		hints: [
			{
				message:
					'Existing Lead carries what SendKit tells about the lead it already has (_id, email, firstName, lastName) plus conflict, unless Return Full Existing Lead is on. The field preview shows Created\'s fields.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "lead" && $parameter["operation"] === "create" }}',
			},
			{
				message: 'Not Found carries the input item unchanged. The field preview shows the first output\'s fields.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "lead" && ["get", "update"].includes($parameter["operation"]) }}',
			},
			{
				message:
					'Skip Duplicates is on: a lead whose email already exists is left unchanged and reported as skipped. Turn it off to update existing leads with these fields.',
				type: 'info',
				location: 'ndv',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "lead" && $parameter["operation"] === "import" && $parameter["skipDuplicates"] !== false }}',
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
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
