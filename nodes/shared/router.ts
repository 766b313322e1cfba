import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Outputs } from './items';
import type { OutputTable } from './outputs';

/** One operation, in its own file: its parameters, how it runs and, when it branches, its outputs. */
export interface OperationModule {
	description: INodeProperties[];
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
	outputs?: Outputs;
}

/** Every operation of a node, by resource, typed from the node's `node.type.ts` so none can be left out. */
export type Operations<Resources extends Record<string, string>> = {
	[Resource in keyof Resources]: Record<Resources[Resource], OperationModule>;
};

/** Runs the operation the node is set to. Resource and operation are not expressions, so item 0 decides. */
export async function runOperation(
	context: IExecuteFunctions,
	operations: Record<string, Record<string, OperationModule>>,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const module = operations[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return await module.execute.call(context);
}

/** The node's output names for every branching operation, read from the operation modules. */
export function outputTableOf(operations: Record<string, Record<string, OperationModule>>): OutputTable {
	const table: OutputTable = {};
	for (const [resource, byOperation] of Object.entries(operations)) {
		table[resource] = {};
		for (const [operation, module] of Object.entries(byOperation)) {
			if (module.outputs) table[resource][operation] = Object.values(module.outputs);
		}
	}
	return table;
}

/** The Operation selector of one resource, followed by the parameters of each of its operations. */
export function resourceDescription(
	resource: string,
	options: Array<INodePropertyOptions & { action: string }>,
	defaultOperation: string,
	operations: Record<string, Pick<OperationModule, 'description'>>,
	shared: INodeProperties[] = [],
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...shared,
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
