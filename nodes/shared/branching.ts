import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What one input item became: the branch (output) it goes to, and the JSON it carries. */
export interface BranchedItem {
	branch: string;
	json: IDataObject;
}

export type ItemError = NodeApiError | NodeOperationError;

/**
 * Collects the items of one execution onto the node's outputs, one array per branch, so that
 * every input item comes out exactly once: on its branch, or as an error item.
 *
 * In AI-tool mode only output 0 reaches the agent, so every item goes there and carries an
 * `outcome` field naming its branch instead.
 */
export class BranchCollector {
	private readonly outputs: INodeExecutionData[][];

	private readonly toolMode: boolean;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly branches: readonly string[],
	) {
		this.outputs = branches.map(() => []);
		this.toolMode = isToolExecution(context);
	}

	add(itemIndex: number, item: BranchedItem): void {
		const outputIndex = this.branches.indexOf(item.branch);
		if (outputIndex === -1) {
			throw new NodeOperationError(this.context.getNode(), `Unknown branch "${item.branch}"`, { itemIndex });
		}
		if (this.toolMode) {
			this.outputs[0].push({ json: { outcome: item.branch, ...item.json }, pairedItem: { item: itemIndex } });
			return;
		}
		this.outputs[outputIndex].push({ json: item.json, pairedItem: { item: itemIndex } });
	}

	/**
	 * With "Continue" error handling the failed item joins output 0 carrying `error`; n8n moves it to the
	 * Error output when that is enabled. Without it the error stops the node, as in every n8n node.
	 */
	addError(itemIndex: number, error: ItemError): void {
		if (!this.context.continueOnFail()) throw error;
		const json: IDataObject = { error: error.message };
		if (error.description) json.details = error.description;
		this.outputs[0].push({ json, error, pairedItem: { item: itemIndex } });
	}

	result(): INodeExecutionData[][] {
		return this.outputs;
	}
}

function isToolExecution(context: IExecuteFunctions): boolean {
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}

/** Anything thrown while handling an item, as an error n8n shows with the item it belongs to. */
export function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/**
 * Runs an operation item by item and routes each outcome to its branch. Items are handled in order,
 * one request at a time, so a workflow sees the same order it sent.
 */
export async function routeEachItem(
	context: IExecuteFunctions,
	branches: readonly string[],
	handleItem: (itemIndex: number) => Promise<BranchedItem>,
): Promise<INodeExecutionData[][]> {
	const collector = new BranchCollector(context, branches);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			collector.add(itemIndex, await handleItem(itemIndex));
		} catch (error) {
			collector.addError(itemIndex, toItemError(context, error, itemIndex));
		}
	}
	return collector.result();
}
