import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputsExpression } from '../shared/outputs';
import { outputTableOf } from '../shared/router';
import * as lead from './actions/lead/Lead.resource';
import { operations, router } from './actions/router';

export class SendKit implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit',
		name: 'sendKit',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create and find leads in SendKit, branching on duplicates and missing leads',
		defaults: { name: 'SendKit' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: outputsExpression(outputTableOf(operations), { resource: 'lead', operation: 'create' }),
		credentials: [{ name: 'sendKitApi', required: true }],
		hints: [
			{
				message:
					'Existing Lead carries what SendKit\'s 409 answer holds (_id, email, firstName, lastName) plus conflict, unless Return Full Existing Lead is on. The field preview shows Created\'s fields.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "lead" && $parameter["operation"] === "create" }}',
			},
			{
				message: 'Not Found carries the input item unchanged. The field preview shows Found\'s fields.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'always',
				displayCondition: '={{ $parameter["resource"] === "lead" && $parameter["operation"] === "get" }}',
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Lead', value: 'lead' }],
				default: 'lead',
			},
			...lead.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
