import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * What each item of a node's run already became, kept for n8n's "Retry On Fail". n8n runs the whole node again
 * when its run threw, or when the first item of its first output is an error item (n8n-core WorkflowExecute, PRs
 * #9395 and #16516), with the very same input items. Without this, every lead sent in the first try would be sent
 * again. Keyed by the input items array (the same object across those retries, and unreachable once the execution
 * is over, so nothing outlives it) and the node's name. Not by the context or the run: each try gets a new context
 * and a new run, and this record is the one thing that must outlive a try.
 */
const outcomesByInput = new WeakMap<INodeExecutionData[], Map<string, Map<number, unknown>>>();

/** The outcomes this node's earlier tries on the same input recorded, by item index; record new ones into it. */
export function earlierOutcomes<Outcome>(context: IExecuteFunctions): Map<number, Outcome> {
	const input = context.getInputData();
	let byNode = outcomesByInput.get(input);
	if (!byNode) {
		byNode = new Map();
		outcomesByInput.set(input, byNode);
	}
	const nodeName = context.getNode().name;
	let outcomes = byNode.get(nodeName);
	if (!outcomes) {
		outcomes = new Map();
		byNode.set(nodeName, outcomes);
	}
	return outcomes as Map<number, Outcome>;
}
