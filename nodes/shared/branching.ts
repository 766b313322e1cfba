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
		// A single-output operation has only one outcome: there is nothing for an `outcome` field to tell apart.
		this.toolMode = branches.length > 1 && isToolExecution(context);
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
		// In a workflow n8n rebuilds an error item's JSON as { error: message } (the description and HTTP code travel
		// on `error`); an agent calling the node as a tool reads this JSON as it is, so `details` is for the agent.
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

/** The one branch of an operation with a single output. */
const SINGLE_OUTPUT = 'output';

/**
 * Runs a single-output operation item by item. Each input item gives one output item, or several (a Get Many
 * lists one item per record), all paired with it; a failed item comes out once as an error item.
 */
export async function mapEachItem(
	context: IExecuteFunctions,
	handleItem: (itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[][]> {
	const collector = new BranchCollector(context, [SINGLE_OUTPUT]);
	const items = context.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let result: IDataObject | IDataObject[];
		try {
			result = await handleItem(itemIndex);
		} catch (error) {
			collector.addError(itemIndex, toItemError(context, error, itemIndex));
			continue;
		}
		for (const json of Array.isArray(result) ? result : [result]) collector.add(itemIndex, { branch: SINGLE_OUTPUT, json });
	}
	return collector.result();
}

/** One item's place in a batch request. */
export interface BatchEntry<Value> {
	itemIndex: number;
	value: Value;
}

export interface BatchRouting<Value> {
	/** The most items one request may carry. */
	maxBatchSize: number;
	/**
	 * Validates one item before anything is sent and says which batch group it joins (items of one group can
	 * share a request, e.g. one identifier kind per bulk call) with the value it contributes.
	 */
	prepareItem: (itemIndex: number) => Promise<{ group: string; value: Value }>;
	/** Sends one batch of one group and returns one outcome per entry, in the batch's order. */
	sendBatch: (group: string, batch: ReadonlyArray<BatchEntry<Value>>) => Promise<BranchedItem[]>;
}

type BatchOutcome = { item: BranchedItem } | { error: ItemError };

/**
 * Runs an operation whose API answers for many items in one request (bulk endpoints). Every item is validated
 * first, so an invalid item stops the node before any request when errors are not continued. Valid items are sent
 * in batches of at most `maxBatchSize` per group, in input order. A failed batch fails each of its items. Every input
 * item still comes out exactly once, in input order: on its branch, or as an error item.
 */
export async function routeInBatches<Value>(
	context: IExecuteFunctions,
	branches: readonly string[],
	routing: BatchRouting<Value>,
): Promise<INodeExecutionData[][]> {
	const collector = new BranchCollector(context, branches);
	const items = context.getInputData();
	const outcomes: Array<BatchOutcome | undefined> = new Array<BatchOutcome | undefined>(items.length);
	const failItem = (error: unknown, itemIndex: number): void => {
		const itemError = toItemError(context, error, itemIndex);
		if (!context.continueOnFail()) throw itemError;
		outcomes[itemIndex] = { error: itemError };
	};

	const groups = new Map<string, Array<BatchEntry<Value>>>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { group, value } = await routing.prepareItem(itemIndex);
			const entries = groups.get(group) ?? [];
			entries.push({ itemIndex, value });
			groups.set(group, entries);
		} catch (error) {
			failItem(error, itemIndex);
		}
	}

	const batchSize = Math.max(1, Math.floor(routing.maxBatchSize));
	for (const [group, entries] of groups) {
		for (let start = 0; start < entries.length; start += batchSize) {
			const batch = entries.slice(start, start + batchSize);
			let results: BranchedItem[];
			try {
				results = await routing.sendBatch(group, batch);
				if (results.length !== batch.length) {
					throw new NodeOperationError(
						context.getNode(),
						`Internal error: a batch of ${batch.length} items gave ${results.length} results`,
					);
				}
			} catch (error) {
				for (const entry of batch) failItem(error, entry.itemIndex);
				continue;
			}
			batch.forEach((entry, position) => {
				outcomes[entry.itemIndex] = { item: results[position] };
			});
		}
	}

	outcomes.forEach((outcome, itemIndex) => {
		if (!outcome) return;
		if ('item' in outcome) collector.add(itemIndex, outcome.item);
		else collector.addError(itemIndex, outcome.error);
	});
	return collector.result();
}
