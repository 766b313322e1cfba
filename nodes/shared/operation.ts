import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';

import type { BatchEntry, Outputs, Routed } from './runner';
import { SINGLE_OUTPUT, mapItems, routeInBatches, routeItems } from './runner';
import { itemParameter } from './parameters';
import type { Run } from './run';
import type { ToolAnswer } from './toolAnswer';
import { compactToolAnswer, wholeRecordsProperty } from './toolAnswer';
import type { FieldLabels } from './validation';
import { parseItemInput } from './validation';

/** How an operation appears in the node's Operation selector. */
interface OperationOption<Value extends string = string> {
	name: string;
	value: Value;
	description: string;
	action: string;
	/**
	 * The value workflows stored before the operation was renamed in node version `inVersion`: older node versions still
	 * offer and run it, so saved workflows keep opening and running (see resourceDescription).
	 */
	renamedFrom?: { value: string; inVersion: number };
}

/**
 * What `send` gets for one item: a single object, so that what every operation receives can grow (a run's state)
 * without touching each one.
 */
interface ItemArgs<Input> {
	context: IExecuteFunctions;
	/** The execution's shared state: what the service's requests are sent with (run.ts). */
	run: Run<IExecuteFunctions>;
	input: Input;
	itemIndex: number;
}

/** What `sendBatch` gets: the items of one request, all of one group. */
interface BatchArgs<Input> {
	context: IExecuteFunctions;
	run: Run<IExecuteFunctions>;
	group: string;
	batch: ReadonlyArray<BatchEntry<Input>>;
}

/** One operation, declared in its own file and listed by its resource. */
export interface Operation<Value extends string = string> {
	option: OperationOption<Value>;
	/** Its parameters, without display options: its resource shows them for this operation only. */
	properties: INodeProperties[];
	/** Branch key → output name, in output order; one entry for an operation that does not branch. */
	outputs: Outputs;
	/** The outputs node versions before `inVersion` have: the operation gained outputs then, and old workflows keep theirs. */
	outputsBefore?: OutputsBefore;
	execute: (context: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

interface OutputsBefore {
	inVersion: number;
	/** Some of today's branches: in those versions the operation routes to these only. */
	outputs: Outputs;
}

interface Declared<Value extends string, Schema extends z.ZodTypeAny, Input> {
	option: OperationOption<Value>;
	properties: INodeProperties[];
	/** Checks one item's parameters, read under their names in `properties`; errors name the field by its label. */
	input: Schema;
	/** Completes a checked item with what other fields give (a campaign from its locator). Sends nothing. */
	prepare?: (args: ItemArgs<z.infer<Schema>>) => Input | Promise<Input>;
	/** The fields an AI Agent gets of the operation's records; they should be named in its tool description. */
	toolAnswer?: ToolAnswer;
}

/** An operation that sends each item on its own and routes it to one of its outputs. */
interface RoutingDeclaration<Value extends string, Schema extends z.ZodTypeAny, Input, Branch extends string>
	extends Declared<Value, Schema, Input> {
	outputs: Outputs<Branch>;
	/** What the item acts on: items with the same key are sent one after another, in input order. */
	keyOf?: (input: Input) => string | undefined;
	send: (args: ItemArgs<Input>) => Promise<Routed<Branch>>;
}

/** An operation with one output: each item gives one output item, or a list of them. */
interface MappingDeclaration<Value extends string, Schema extends z.ZodTypeAny, Input> extends Declared<Value, Schema, Input> {
	send: (args: ItemArgs<Input>) => Promise<IDataObject | IDataObject[]>;
}

/** An operation whose API answers for many items in one request. */
interface BatchDeclaration<Value extends string, Schema extends z.ZodTypeAny, Input, Branch extends string>
	extends Declared<Value, Schema, Input> {
	outputs: Outputs<Branch>;
	outputsBefore?: OutputsBefore;
	/** The most items one request may carry. */
	maxBatchSize: number;
	/** Items of one group can share a request (one campaign, one kind of identifier). */
	groupOf: (input: Input) => string;
	/** Sends one batch and returns one outcome per entry, in the batch's order. */
	sendBatch: (args: BatchArgs<Input>) => Promise<Array<Routed<Branch>>>;
}

/** The label of every parameter and collection option, by name: what validation errors call a field. */
function labelsOf(properties: readonly INodeProperties[], labels: FieldLabels = {}): FieldLabels {
	for (const property of properties) {
		labels[property.name] ??= property.displayName;
		if (property.type === 'collection') labelsOf((property.options ?? []) as INodeProperties[], labels);
	}
	return labels;
}

/** Parameters that are shown but not part of an item's input: the tool form's description, notices. */
function isInputParameter(property: INodeProperties): boolean {
	return property.type !== 'notice' && property.name !== 'toolDescription';
}

/** Reads one item's parameters, each under its own name and with its default, and checks them with the schema. */
function reader<Schema extends z.ZodTypeAny, Input>(declared: Declared<string, Schema, Input>) {
	const parameters = declared.properties.filter(isInputParameter);
	const labels = labelsOf(parameters);
	return async (run: Run<IExecuteFunctions>, itemIndex: number): Promise<Input> => {
		const { context } = run;
		const raw = Object.fromEntries(parameters.map((property) => [property.name, itemParameter(run, property.name, itemIndex, property.default)]));
		const input = parseItemInput(context, declared.input, raw, labels, itemIndex);
		// Without `prepare` the checked parameters are the input (the overloads below make Input the schema's type).
		return declared.prepare ? await declared.prepare({ context, run, input, itemIndex }) : (input as Input);
	};
}

export function defineOperation<Value extends string, Schema extends z.ZodTypeAny, Branch extends string, Input = z.infer<Schema>>(
	declaration: BatchDeclaration<Value, Schema, Input, Branch>,
): Operation<Value>;
export function defineOperation<Value extends string, Schema extends z.ZodTypeAny, Branch extends string, Input = z.infer<Schema>>(
	declaration: RoutingDeclaration<Value, Schema, Input, Branch>,
): Operation<Value>;
export function defineOperation<Value extends string, Schema extends z.ZodTypeAny, Input = z.infer<Schema>>(
	declaration: MappingDeclaration<Value, Schema, Input>,
): Operation<Value>;
/** Turns an operation's declaration into what its resource lists and the router runs. */
export function defineOperation<Value extends string, Schema extends z.ZodTypeAny, Input>(
	declaration:
		| BatchDeclaration<Value, Schema, Input, string>
		| RoutingDeclaration<Value, Schema, Input, string>
		| MappingDeclaration<Value, Schema, Input>,
): Operation<Value> {
	const { option, toolAnswer } = declaration;
	const properties = toolAnswer ? [...declaration.properties, wholeRecordsProperty] : declaration.properties;
	// The tool form's Return Whole Records is read once per run, by compactToolAnswer: it is no item's input.
	const read = reader(declaration);
	const answered = (context: IExecuteFunctions, outputs: INodeExecutionData[][]) =>
		toolAnswer ? compactToolAnswer(context, outputs, toolAnswer) : outputs;
	if ('sendBatch' in declaration) {
		const { outputs, outputsBefore, maxBatchSize, groupOf, sendBatch } = declaration;
		return {
			option,
			properties,
			outputs,
			outputsBefore,
			execute: async (context) =>
				answered(context, await routeInBatches(context, {
					outputs: outputsBefore && context.getNode().typeVersion < outputsBefore.inVersion ? outputsBefore.outputs : outputs,
					maxBatchSize,
					prepare: async (itemIndex, run) => {
						const value = await read(run, itemIndex);
						return { group: groupOf(value), value };
					},
					sendBatch: async (group, batch, run) => await sendBatch({ context, run, group, batch }),
				})),
		};
	}
	if ('outputs' in declaration) {
		const { outputs, keyOf, send } = declaration;
		return {
			option,
			properties,
			outputs,
			execute: async (context) =>
				answered(context, await routeItems(context, {
					outputs,
					prepare: async (itemIndex, run) => await read(run, itemIndex),
					send: async (input, itemIndex, run) => await send({ context, run, input, itemIndex }),
					keyOf,
				})),
		};
	}
	const { send } = declaration;
	return {
		option,
		properties,
		outputs: SINGLE_OUTPUT,
		execute: async (context) =>
			answered(context, await mapItems(context, {
				prepare: async (itemIndex, run) => await read(run, itemIndex),
				send: async (input, itemIndex, run) => await send({ context, run, input, itemIndex }),
			})),
	};
}
