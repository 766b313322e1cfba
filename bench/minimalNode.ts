/* eslint-disable @n8n/community-nodes/node-usable-as-tool -- benchmark: a baseline node run only by the bench, never shipped */
/**
 * The floor for any node in n8n: a node that does nothing but read one expression parameter per item and send one
 * request per item through n8n's authenticated HTTP helper, one at a time, and hand the answer on. No validation,
 * no retries, no branching. The bench runs it beside the package so that the package's own cost per item can be told
 * apart from what n8n's engine and HTTP helper cost every node.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { WorkflowJson } from '../dev/engine';
import type { PlainRequest, ServiceKey } from './targets';

export const MINIMAL_NODE_TYPE = 'bench.minimalNode';

const CREDENTIAL_TYPES: Record<ServiceKey, string> = {
	sendKit: 'sendKitApi',
	kickoffLabs: 'kickoffLabsApi',
};

export class MinimalNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Minimal Node',
		name: 'minimalNode',
		group: ['transform'],
		version: 1,
		description: 'Reads the email per item and sends it, nothing else',
		defaults: { name: 'Minimal Node' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'sendKitApi', required: false },
			{ name: 'kickoffLabsApi', required: false },
		],
		properties: [
			{
				displayName: 'Credential Type',
				name: 'credentialType',
				type: 'string',
				default: '',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Body', name: 'body', type: 'json', default: '{}' },
			{ displayName: 'Email', name: 'email', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const url = this.getNodeParameter('url', 0) as string;
		const body = JSON.parse(this.getNodeParameter('body', 0) as string) as IDataObject;
		const output: INodeExecutionData[] = [];
		const count = this.getInputData().length;
		for (let itemIndex = 0; itemIndex < count; itemIndex++) {
			const email = this.getNodeParameter('email', itemIndex) as string;
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				method: 'POST',
				url,
				body: { ...body, email },
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { body: IDataObject };
			output.push({ json: response.body, pairedItem: { item: itemIndex } });
		}
		return [output];
	}
}

/** The minimal node, sending the service's create request with the item's email. */
export function minimalNodeOf(
	service: ServiceKey,
	request: PlainRequest,
	type = MINIMAL_NODE_TYPE,
	credential = { id: 'bench', name: 'bench' },
) {
	return {
		id: 'node',
		name: 'Leads',
		type,
		typeVersion: 1,
		position: [200, 0] as [number, number],
		parameters: {
			credentialType: CREDENTIAL_TYPES[service],
			// The credential adds the key (header or query), as for the package's nodes.
			url: request.url,
			body: JSON.stringify(request.body('')),
			email: '={{ $json.email }}',
		},
		credentials: { [CREDENTIAL_TYPES[service]]: credential },
	};
}

/** Manual Trigger → the minimal node. */
export function minimalNodeWorkflow(service: ServiceKey, request: PlainRequest): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			minimalNodeOf(service, request),
		],
		connections: {
			Start: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}
