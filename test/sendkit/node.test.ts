/** The node as a whole: the outputs n8n computes for it and an unreachable service (as an AI Agent tool: test/scenarios/agent-tools.test.ts). */
import type { INode } from 'n8n-workflow';

import { ERROR_OUTPUT, createWorkflow, useSendKit } from '../helpers/sendkit';

const { sendKit, runWith } = useSendKit();

describe('SendKit › unreachable service', () => {
	it('names the service and the failure, keeps the network code, and shows no key', async () => {
		const result = await runWith({ baseUrl: 'http://127.0.0.1:9' }, createWorkflow, { email: 'offline@example.com' });

		const [failed] = result.output('SendKit', ERROR_OUTPUT);
		expect(failed.json.error).toBe('SendKit: the service could not be reached (the connection was refused)');
		expect(failed.error).toMatchObject({ httpCode: 'ECONNREFUSED' });
		expect(JSON.stringify(result.run)).not.toContain(sendKit().workspaceKey);
	});
});

describe('outputs as n8n computes them for the SendKit node', () => {
	// The editor and the engine both evaluate the node's outputs expression through n8n-workflow.
	const { Workflow, NodeHelpers } = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
	const { SendKit } = jest.requireActual<typeof import('../../nodes/SendKit/SendKit.node')>('../../nodes/SendKit/SendKit.node');
	const nodeType = new SendKit();
	const outputsFor = (parameters: Record<string, string>, typeVersion = 1.1) => {
		const node: INode = { id: '1', name: 'SendKit', type: 'sendKit', typeVersion, position: [0, 0], parameters };
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
		});
		return NodeHelpers.getNodeOutputs(workflow, workflow.getNode('SendKit') as INode, nodeType.description);
	};

	it('gives Create the Created and Existing Lead outputs', () => {
		expect(outputsFor({ resource: 'lead', operation: 'create' })).toEqual([
			{ type: 'main', displayName: 'Created' },
			{ type: 'main', displayName: 'Existing Lead' },
		]);
	});

	it('gives Get the Found and Not Found outputs, also when the saved workflow omits defaults', () => {
		expect(outputsFor({ resource: 'lead', operation: 'get' }).map((output) => (output as { displayName: string }).displayName)).toEqual([
			'Found',
			'Not Found',
		]);
		expect(outputsFor({})).toHaveLength(2);
	});

	it('gives Verify Email the Success and Not Found outputs from version 1.1, and version 1 its one output', () => {
		const verify = { resource: 'lead', operation: 'verifyEmail' };
		expect(outputsFor(verify)).toEqual([
			{ type: 'main', displayName: 'Success' },
			{ type: 'main', displayName: 'Not Found' },
		]);
		expect(outputsFor(verify, 1)).toEqual([{ type: 'main' }]);
		expect(outputsFor({ resource: 'lead', operation: 'get' }, 1)).toHaveLength(2);
	});
});
