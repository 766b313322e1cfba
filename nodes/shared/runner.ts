import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { Failure } from './failureKind';
import { withFailure } from './failureKind';
import { toolErrorJson } from './toolErrors';

import type { ItemPoolRun, Run } from './run';
import { standaloneRun, startItemPoolRun } from './run';
import { runPool } from './semaphore';

/** An operation's outputs: branch key → the output name users see, in output order. */
export type Outputs<Branch extends string = string> = Readonly<Record<Branch, string>>;

/** What one input item became: the branch (output) it goes to, and the JSON it carries (a list gives one item each). */
export interface Routed<Branch extends string = string> {
	branch: Branch;
	json: IDataObject | IDataObject[];
}

type ItemError = NodeApiError | NodeOperationError;

/** The one output of an operation that does not branch; `success` is the outcome an agent reads. */
export const SINGLE_OUTPUT = { success: 'Output' } as const;

/**
 * Collects the items of one execution onto the node's outputs, one array per branch, so that every input item comes
 * out exactly once: on its branch, or as an error item, always paired with its input item.
 *
 * In AI-tool mode only output 0 reaches the agent, so every item goes there and carries an `outcome` field naming its
 * branch instead, and a failed item becomes an answer the agent can read (`outcome: "error"`).
 */
class BranchCollector<Branch extends string> {
	private readonly branches: Branch[];

	private readonly outputs: INodeExecutionData[][];

	private readonly toolMode: boolean;

	constructor(
		private readonly context: IExecuteFunctions,
		outputs: Outputs<Branch>,
	) {
		this.branches = Object.keys(outputs) as Branch[];
		this.outputs = this.branches.map(() => []);
		this.toolMode = isToolCall(context);
	}

	private add(itemIndex: number, item: Routed<Branch>): void {
		const outputIndex = this.toolMode ? 0 : this.branches.indexOf(item.branch);
		for (const json of Array.isArray(item.json) ? item.json : [item.json]) {
			this.outputs[outputIndex].push({
				json: this.toolMode ? { outcome: item.branch, ...json } : json,
				pairedItem: { item: itemIndex },
			});
		}
	}

	/**
	 * With "Continue" error handling the failed item joins output 0 carrying `error`; n8n moves it to the Error output
	 * when that is enabled. Without it the error stops the node, as in every n8n node.
	 *
	 * As a tool, a thrown error never reaches the model intact (Agent 2 swallows it, Agent 3 rebuilds it as
	 * `{error: message}`), and neither does an item with `error` set (n8n-core's normalizeNodeErrors rebuilds its JSON
	 * the same way). So the failure is an ordinary item on output 0 that says what went wrong and what to do next.
	 */
	private addError(itemIndex: number, error: ItemError): void {
		if (!continuesOnItemError(this.context)) throw error;
		if (this.toolMode) {
			this.outputs[0].push({ json: toolErrorJson(error), pairedItem: { item: itemIndex } });
			return;
		}
		// In a workflow n8n rebuilds an error item's JSON as { error: message } (the description and HTTP code travel
		// on `error`).
		const json: IDataObject = { error: error.message };
		if (error.description) json.details = error.description;
		this.outputs[0].push({ json, error, pairedItem: { item: itemIndex } });
	}

	/** The node's outputs, once each item's outcome (by input index; none for an item never sent) is added. */
	result(outcomes: ReadonlyArray<Outcome<Branch> | undefined>): INodeExecutionData[][] {
		outcomes.forEach((outcome, itemIndex) => {
			if (!outcome) return;
			if ('item' in outcome) this.add(itemIndex, outcome.item);
			else this.addError(itemIndex, outcome.error);
		});
		return this.outputs;
	}
}

/**
 * Whether an AI Agent is running this node as a tool. n8n does it in two ways, and `isToolExecution()` sees only one:
 * - Agent 2.x calls the tool in a SupplyDataContext: `isToolExecution()` is true.
 * - Agent 3.x asks the engine to run the node (n8n-core requests-response.js): an ordinary ExecuteContext, where
 *   `isToolExecution()` is false, but the engine marks the node `rewireOutputLogTo: 'ai_tool'`, the very mark by which
 *   it treats the run as a tool run itself (workflow-execute.js). Running a tool node alone in the editor sets it too
 *   (rewire-graph.js).
 * In both, the node's type is the `<type>Tool` n8n creates for a `usableAsTool` node (convertNodeToAiTool); that is
 * checked as well, in case a future engine path sets neither of the others.
 */
export function isToolCall(context: IExecuteFunctions): boolean {
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	const node = context.getNode();
	return node.rewireOutputLogTo === NodeConnectionTypes.AiTool || node.type.endsWith('Tool');
}

/**
 * Whether a failed item becomes an item instead of stopping the node: with "Continue" error handling, and for an agent
 * calling the node as a tool, unless the node is explicitly set to "Stop Workflow" (n8n's own rule for tools that
 * throw: workflow-execute.js `aiToolDefaultsToContinue`).
 */
function continuesOnItemError(context: IExecuteFunctions): boolean {
	if (context.continueOnFail()) return true;
	return isToolCall(context) && context.getNode().onError !== 'stopWorkflow';
}

/** What an error nobody foresaw means while an item's values are read: nothing was sent yet. */
const UNFORESEEN_BEFORE_SENDING: Failure = { kind: 'input' };

/** What an error nobody foresaw means once an item is being sent: its request may already have taken effect. */
const UNFORESEEN_WHILE_SENDING: Failure = { kind: 'uncertain', record: 'record' };

/**
 * Anything thrown while handling an item, as an error n8n shows with the item it belongs to. An error that is not
 * n8n's (an expression that cannot be evaluated, a bug) gets the failure kind of the phase it happened in.
 */
function toItemError(context: IExecuteFunctions, error: unknown, itemIndex: number, unforeseen: Failure): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return withFailure(new NodeOperationError(context.getNode(), message, { itemIndex }), unforeseen);
}

/**
 * A batch's one error as the error of one of its items: n8n names the item an error concerns from its context, so each
 * item gets its own copy (the same message and kind), or every item of a failed request would name the first.
 */
function asErrorOfItem(error: ItemError, itemIndex: number): ItemError {
	if (error.context.itemIndex === itemIndex) return error;
	const copy = Object.create(Object.getPrototypeOf(error) as object, Object.getOwnPropertyDescriptors(error)) as ItemError;
	copy.context = { ...error.context, itemIndex };
	return copy;
}

/**
 * The input item's JSON, unchanged: what Not Found carries, so that branch can feed a Create node directly. An agent
 * gets `lookedUp` (what was searched for) instead: its input item is the agent's own input plus the tool call's
 * arguments and id, which tell the model nothing.
 */
export function inputJson(context: IExecuteFunctions, itemIndex: number, lookedUp: IDataObject): IDataObject {
	return isToolCall(context) ? lookedUp : context.getInputData()[itemIndex].json;
}

type Prepared<Input> = { input: Input } | { error: ItemError };

/**
 * Reads and checks every item's parameters before anything is sent. Without "Continue" error handling the first
 * invalid item stops the node here, so a run that stops has sent nothing and a fixed input can be re-run as it is.
 */
async function prepareAll<Input, RunKind extends Run<IExecuteFunctions>>(
	run: RunKind,
	prepare: (itemIndex: number, run: RunKind) => Input | Promise<Input>,
): Promise<Array<Prepared<Input>>> {
	const { context } = run;
	const prepared: Array<Prepared<Input>> = [];
	const count = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			prepared.push({ input: await prepare(itemIndex, run) });
		} catch (error) {
			const itemError = toItemError(context, error, itemIndex, UNFORESEEN_BEFORE_SENDING);
			if (!continuesOnItemError(context)) throw itemError;
			prepared.push({ error: itemError });
		}
	}
	return prepared;
}

/** An operation that handles each item on its own and routes it to one of several outputs. */
interface PerItemRouting<Input, Branch extends string> {
	outputs: Outputs<Branch>;
	/** Reads and validates one item's parameters. Sends nothing. */
	prepare: (itemIndex: number, run: ItemPoolRun) => Input | Promise<Input>;
	/** Sends one prepared item and says where it goes. */
	send: (input: Input, itemIndex: number, run: ItemPoolRun) => Promise<Routed<Branch>>;
	/**
	 * What the item acts on (a lead's email, a lead ID). Items with the same key are sent one after another, in input
	 * order, even when others go in parallel: the first of two signups with one email is the one that creates the lead,
	 * as when items were sent one at a time.
	 */
	keyOf?: (input: Input) => string | undefined;
}

/**
 * Runs an operation item by item: every item is checked first, then each valid one is sent and routed to its branch.
 * Output order follows input order. The execution's run (its pool, limit, caches) is made here, once.
 */
export async function routeItems<Input, Branch extends string>(
	context: IExecuteFunctions,
	operation: PerItemRouting<Input, Branch>,
): Promise<INodeExecutionData[][]> {
	const run = startItemPoolRun(context);
	const collector = new BranchCollector<Branch>(context, operation.outputs);
	const prepared = await prepareAll(run, operation.prepare);
	const outcomes = await sendPrepared(run, prepared, operation.send, operation.keyOf);
	return collector.result(outcomes);
}

type Outcome<Branch extends string> = { item: Routed<Branch> } | { error: ItemError };

/**
 * The send phase: valid items go out through a pool of Options > Concurrency places (an item waiting to retry lends its
 * place; requests take their turns from their API account's pace, shared by the process's executions, paces.ts), and
 * each item's outcome lands at its own index, so output order is input order. When a failed item stops the node (continuesOnItemError), no item starts after
 * one has failed. An item that an earlier try of this node on the same input already sent (n8n's Retry On Fail) is not
 * sent again: its recorded outcome is used.
 */
async function sendPrepared<Input, Branch extends string>(
	run: ItemPoolRun,
	prepared: Array<Prepared<Input>>,
	send: PerItemRouting<Input, Branch>['send'],
	keyOf?: (input: Input) => string | undefined,
): Promise<Array<Outcome<Branch> | undefined>> {
	const { context, semaphore } = run;
	const outcomes = new Array<Outcome<Branch> | undefined>(prepared.length);
	/** The last item started for each key: a later item with that key waits for it. */
	const lastOfKey = new Map<string, Promise<unknown>>();
	// The record holds only what this runner put there for this node's operation: its routed outcomes.
	const earlier = run.replay as Map<number, Routed<Branch>>;
	const stopOnError = !continuesOnItemError(context);
	let failed = false;
	await runPool(
		prepared.length,
		semaphore,
		async (itemIndex) => {
			const item = prepared[itemIndex];
			if ('error' in item) {
				outcomes[itemIndex] = item;
				return;
			}
			const sentBefore = earlier.get(itemIndex);
			if (sentBefore) {
				outcomes[itemIndex] = { item: sentBefore };
				return;
			}
			const key = keyOf?.(item.input);
			const before = key === undefined ? undefined : lastOfKey.get(key);
			const sending = (async () => {
				// Waiting for the earlier item of this key sends nothing: its place goes to another item meanwhile.
				if (before) await semaphore.stepAside(async () => await before);
				return await send(item.input, itemIndex, run);
			})();
			if (key !== undefined) lastOfKey.set(key, sending.catch(() => undefined));
			try {
				const routed = await sending;
				earlier.set(itemIndex, routed);
				outcomes[itemIndex] = { item: routed };
			} catch (error) {
				outcomes[itemIndex] = { error: toItemError(context, error, itemIndex, UNFORESEEN_WHILE_SENDING) };
				failed = true;
			}
		},
		() => (stopOnError && failed) || isCancelled(context),
	);
	return outcomes;
}

function isCancelled(context: IExecuteFunctions): boolean {
	return context.getExecutionCancelSignal?.()?.aborted === true;
}

/** An operation with one output: each item gives one output item, or several (a list), all paired with it. */
interface PerItemMapping<Input> {
	prepare: PerItemRouting<Input, 'success'>['prepare'];
	send: (input: Input, itemIndex: number, run: ItemPoolRun) => Promise<IDataObject | IDataObject[]>;
}

export async function mapItems<Input>(
	context: IExecuteFunctions,
	operation: PerItemMapping<Input>,
): Promise<INodeExecutionData[][]> {
	return await routeItems(context, {
		outputs: SINGLE_OUTPUT,
		prepare: operation.prepare,
		send: async (input, itemIndex, run) => ({ branch: 'success', json: await operation.send(input, itemIndex, run) }),
	});
}

/** One item's place in a batch request. */
export interface BatchEntry<Value> {
	itemIndex: number;
	value: Value;
}

interface BatchRouting<Value, Branch extends string> {
	outputs: Outputs<Branch>;
	/** The most items one request may carry. */
	maxBatchSize: number;
	/**
	 * Validates one item before anything is sent and says which batch group it joins (items of one group can share a
	 * request, e.g. one identifier kind per bulk call) with the value it contributes.
	 */
	prepare: (itemIndex: number, run: Run<IExecuteFunctions>) => Promise<{ group: string; value: Value }>;
	/** Sends one batch of one group and returns one outcome per entry, in the batch's order. */
	sendBatch: (group: string, batch: ReadonlyArray<BatchEntry<Value>>, run: Run<IExecuteFunctions>) => Promise<Array<Routed<Branch>>>;
}

/**
 * Runs an operation whose API answers for many items in one request (bulk endpoints). Every item is validated first;
 * valid items are sent in batches of at most `maxBatchSize` per group, in input order. A failed batch fails each of
 * its items. Every input item still comes out exactly once, in input order: on its branch, or as an error item.
 */
export async function routeInBatches<Value, Branch extends string>(
	context: IExecuteFunctions,
	routing: BatchRouting<Value, Branch>,
): Promise<INodeExecutionData[][]> {
	// Batches go out one after another, so the run has no item pool: one request at a time, the default timeout.
	const run = standaloneRun(context);
	const collector = new BranchCollector<Branch>(context, routing.outputs);
	const prepared = await prepareAll(run, routing.prepare);
	const outcomes = new Array<Outcome<Branch> | undefined>(prepared.length);

	const groups = new Map<string, Array<BatchEntry<Value>>>();
	prepared.forEach((item, itemIndex) => {
		if ('error' in item) {
			outcomes[itemIndex] = item;
			return;
		}
		const entries = groups.get(item.input.group) ?? [];
		entries.push({ itemIndex, value: item.input.value });
		groups.set(item.input.group, entries);
	});

	const batchSize = Math.max(1, Math.floor(routing.maxBatchSize));
	for (const [group, entries] of groups) {
		for (let start = 0; start < entries.length; start += batchSize) {
			const batch = entries.slice(start, start + batchSize);
			try {
				const results = await routing.sendBatch(group, batch, run);
				if (results.length !== batch.length) {
					const error = new NodeOperationError(context.getNode(), `Internal error: a batch of ${batch.length} items gave ${results.length} results`);
					throw withFailure(error, UNFORESEEN_WHILE_SENDING);
				}
				batch.forEach((entry, position) => {
					outcomes[entry.itemIndex] = { item: results[position] };
				});
			} catch (error) {
				for (const entry of batch) {
					const itemError = asErrorOfItem(toItemError(context, error, entry.itemIndex, UNFORESEEN_WHILE_SENDING), entry.itemIndex);
					if (!continuesOnItemError(context)) throw itemError;
					outcomes[entry.itemIndex] = { error: itemError };
				}
			}
		}
	}

	return collector.result(outcomes);
}
