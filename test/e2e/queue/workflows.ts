/**
 * The workflows the queue-mode suite imports besides the examples: a lead sync per service, started by n8n's own
 * Webhook node (so each batch is one execution that the webhook processor queues), whose Code node turns the posted
 * batch into one item per lead for the service's Create operation: Created (or New Signup) and Existing Lead.
 */
import type { WorkflowFile } from '../../../dev/real-n8n/n8n';

export interface SyncWorkflow {
	service: 'sendKit' | 'kickoffLabs';
	workflow: WorkflowFile;
	/** The Webhook node's production path. */
	path: string;
	/** The Create node's name. */
	createNode: string;
}

function syncWorkflow(service: SyncWorkflow['service']): SyncWorkflow {
	const isSendKit = service === 'sendKit';
	const id = isSendKit ? 'queueSendKitSync' : 'queueKickoffLabsSync';
	const path = isSendKit ? 'queue-sendkit-sync' : 'queue-kickofflabs-sync';
	const createNode = isSendKit ? 'Create SendKit Lead' : 'Sign Up in KickoffLabs';
	const create = isSendKit
		? {
				type: 'n8n-nodes-lead-capture.sendKit',
				parameters: { resource: 'lead', operation: 'create', email: '={{ $json.email }}', updateExisting: false, additionalFields: {} },
				credentials: { sendKitApi: { id: 'sendKitSandbox01', name: 'SendKit sandbox' } },
			}
		: {
				type: 'n8n-nodes-lead-capture.kickoffLabs',
				parameters: { resource: 'lead', operation: 'create', campaign: { __rl: true, mode: 'list', value: '' }, email: '={{ $json.email }}', additionalFields: {} },
				credentials: { kickoffLabsApi: { id: 'kickoffLabsSbx01', name: 'KickoffLabs sandbox' } },
			};
	const json = {
		id,
		name: `Queue e2e: ${isSendKit ? 'SendKit' : 'KickoffLabs'} lead sync`,
		nodes: [
			{
				id: `${id}-hook`,
				name: 'Batch Received',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${path}-0000-4000-8000`,
				parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
			},
			{
				id: `${id}-split`,
				name: 'One Item per Lead',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: 'return $input.first().json.body.leads.map((lead) => ({ json: lead }));' },
			},
			{ id: `${id}-create`, name: createNode, typeVersion: 1, position: [440, 0], ...create },
		],
		connections: {
			'Batch Received': { main: [[{ node: 'One Item per Lead', type: 'main', index: 0 }]] },
			'One Item per Lead': { main: [[{ node: createNode, type: 'main', index: 0 }]] },
		},
		settings: {},
	};
	return { service, path, createNode, workflow: { file: `test/e2e/queue/workflows.ts (${id})`, id, name: json.name, json } };
}

export const syncWorkflows: SyncWorkflow[] = [syncWorkflow('sendKit'), syncWorkflow('kickoffLabs')];
