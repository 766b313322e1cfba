import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../nodes/shared/items';

const TOOL_NODE: INode = {
	id: '1',
	name: 'SendKit',
	type: 'n8n-nodes-lead-capture.sendKitTool',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Just what the runner reads from an execution context: the input items, the node, its options and its error handling. */
function runContext(count: number, { node = TOOL_NODE, continueOnFail = false, concurrency = 1 } = {}): IExecuteFunctions {
	const input: INodeExecutionData[] = Array.from({ length: count }, (_, index) => ({ json: { index } }));
	const context: Partial<IExecuteFunctions> = {
		getInputData: () => input,
		getNode: () => node,
		continueOnFail: () => continueOnFail,
		getNodeParameter: ((name: string, _itemIndex: number, fallback: unknown) =>
			name === 'options.concurrency' ? concurrency : fallback) as IExecuteFunctions['getNodeParameter'],
	};
	return context as IExecuteFunctions;
}

const OUTPUTS = { done: 'Done' } as const;

/** Sends item `index`; the items listed in `failing` fail. */
function sendFailing(...failing: number[]) {
	return async (index: number) => {
		if (failing.includes(index)) throw new Error(`item ${index} failed`);
		return { branch: 'done' as const, json: { index } };
	};
}

describe('routeItems as an agent\'s tool', () => {
	it('without "Continue (using error output)", sends every item after a failed one and reports each item once', async () => {
		const context = runContext(3);

		const [output] = await routeItems(context, { outputs: OUTPUTS, prepare: (index) => index, send: sendFailing(0) });

		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => item.json.outcome)).toEqual(['error', 'done', 'done']);
	});

	it('set to "Stop Workflow", stops with the first failure', async () => {
		const context = runContext(3, { node: { ...TOOL_NODE, onError: 'stopWorkflow' } });

		await expect(routeItems(context, { outputs: OUTPUTS, prepare: (index) => index, send: sendFailing(0) })).rejects.toThrow('item 0 failed');
	});
});
