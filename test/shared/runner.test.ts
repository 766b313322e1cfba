import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeInBatches, routeItems } from '../../nodes/shared/runner';
import { fakeNode } from './fakeNode';

const WORKFLOW_NODE = fakeNode();

const TOOL_NODE = fakeNode({ type: 'n8n-nodes-lead-capture.sendKitTool' });

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

describe('routeItems in a workflow', () => {
	const BRANCHES = { even: 'Even', odd: 'Odd' } as const;
	const byParity = async (index: number) => ({ branch: index % 2 === 0 ? ('even' as const) : ('odd' as const), json: { index } });

	it('puts each item on its branch, in input order, paired with its input item', async () => {
		const [even, odd] = await routeItems(runContext(4, { node: WORKFLOW_NODE, concurrency: 3 }), { outputs: BRANCHES, prepare: (index) => index, send: byParity });

		expect(even.map((item) => [item.json.index, item.pairedItem])).toEqual([[0, { item: 0 }], [2, { item: 2 }]]);
		expect(odd.map((item) => [item.json.index, item.pairedItem])).toEqual([[1, { item: 1 }], [3, { item: 3 }]]);
	});

	it('with Continue, sends on after a failure and puts the failed item on output 0 carrying its error', async () => {
		const [output] = await routeItems(runContext(3, { node: WORKFLOW_NODE, continueOnFail: true }), { outputs: OUTPUTS, prepare: (index) => index, send: sendFailing(1) });

		expect(output.map((item) => item.json)).toEqual([{ index: 0 }, { error: 'item 1 failed' }, { index: 2 }]);
		expect(output[1].error?.message).toBe('item 1 failed');
	});

	it('without Continue, stops with the first failure and sends no item after it', async () => {
		const sent: number[] = [];
		const send = async (index: number) => {
			sent.push(index);
			return await sendFailing(0)(index);
		};

		await expect(routeItems(runContext(3, { node: WORKFLOW_NODE }), { outputs: OUTPUTS, prepare: (index) => index, send })).rejects.toThrow('item 0 failed');
		expect(sent).toEqual([0]);
	});

	it('checks every item before sending any: an invalid item stops the run with nothing sent', async () => {
		const sent: number[] = [];
		const prepare = (index: number) => {
			if (index === 2) throw new Error('Invalid "Email" in item 2');
			return index;
		};

		await expect(
			routeItems(runContext(3, { node: WORKFLOW_NODE }), { outputs: OUTPUTS, prepare, send: async (index) => ({ branch: 'done', json: { index: sent.push(index) } }) }),
		).rejects.toThrow('Invalid "Email" in item 2');
		expect(sent).toEqual([]);
	});

	it('does not send again, on n8n\'s Retry On Fail, an item the earlier try already sent', async () => {
		const context = runContext(2, { node: WORKFLOW_NODE });
		const sent: number[] = [];
		const send = async (index: number) => {
			sent.push(index);
			if (index === 1 && sent.filter((entry) => entry === 1).length === 1) throw new Error('item 1 failed');
			return { branch: 'done' as const, json: { index } };
		};

		await expect(routeItems(context, { outputs: OUTPUTS, prepare: (index) => index, send })).rejects.toThrow('item 1 failed');
		const [output] = await routeItems(context, { outputs: OUTPUTS, prepare: (index) => index, send });

		expect(sent).toEqual([0, 1, 1]);
		expect(output.map((item) => item.json.index)).toEqual([0, 1]);
	});

	it('sends items about the same thing one after another, in input order, while others go in parallel', async () => {
		const events: string[] = [];
		const send = async (index: number) => {
			events.push(`start ${index}`);
			for (let turn = 0; turn < 5; turn++) await Promise.resolve();
			events.push(`end ${index}`);
			return { branch: 'done' as const, json: { index } };
		};

		await routeItems(runContext(3, { node: WORKFLOW_NODE, concurrency: 3 }), {
			outputs: OUTPUTS,
			prepare: (index) => index,
			send,
			keyOf: (index) => (index === 1 ? 'other' : 'same'),
		});

		expect(events.indexOf('start 2')).toBeGreaterThan(events.indexOf('end 0'));
		expect(events.indexOf('start 1')).toBeLessThan(events.indexOf('end 0'));
	});
});

describe('routeInBatches', () => {
	it('sends valid items in batches of at most the batch size per group, and fails each item of a failed batch', async () => {
		const batches: number[][] = [];
		const [output] = await routeInBatches(runContext(5, { node: WORKFLOW_NODE, continueOnFail: true }), {
			outputs: OUTPUTS,
			maxBatchSize: 2,
			prepare: async (index) => ({ group: 'all', value: index }),
			sendBatch: async (_group, batch) => {
				batches.push(batch.map((entry) => entry.value));
				if (batch.some((entry) => entry.value === 2)) throw new Error('batch failed');
				return batch.map((entry) => ({ branch: 'done' as const, json: { index: entry.value } }));
			},
		});

		expect(batches).toEqual([[0, 1], [2, 3], [4]]);
		expect(output.map((item) => item.json)).toEqual([{ index: 0 }, { index: 1 }, { error: 'batch failed' }, { error: 'batch failed' }, { index: 4 }]);
	});
});

describe('an unforeseen error while handling an item, as an agent reads it', () => {
	it('while reading the item\'s values is an input error: nothing was sent, so the agent corrects the value', async () => {
		const [output] = await routeItems(runContext(1), {
			outputs: OUTPUTS,
			prepare: () => {
				throw new Error('cannot read the expression of Email');
			},
			send: sendFailing(),
		});

		expect(output[0].json).toMatchObject({ outcome: 'error', nextStep: expect.stringMatching(/^Correct the value named in the error/) });
	});

	it('while sending is uncertain: the request may have taken effect, so the agent looks before calling again', async () => {
		const [output] = await routeItems(runContext(1), { outputs: OUTPUTS, prepare: (index) => index, send: sendFailing(0) });

		expect(output[0].json).toMatchObject({ outcome: 'error', nextStep: expect.stringMatching(/^It is unknown whether the request took effect/) });
	});

	it('in a batch is uncertain too: the batch may have taken effect', async () => {
		const [output] = await routeInBatches(runContext(1), {
			outputs: OUTPUTS,
			maxBatchSize: 10,
			prepare: async (index) => ({ group: 'all', value: index }),
			sendBatch: async () => {
				throw new Error('the batch failed');
			},
		});

		expect(output[0].json).toMatchObject({ outcome: 'error', nextStep: expect.stringMatching(/^It is unknown whether the request took effect/) });
	});
});
