import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputsExpression } from '../shared/outputs';
import { outputTableOf } from '../shared/router';
import * as lead from './actions/lead';
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
