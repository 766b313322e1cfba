import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputTable } from './outputs';

/** One operation: how it runs and, when it branches, its outputs (branch key → name users see). */
export interface OperationModule {
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
	outputs?: Readonly<Record<string, string>>;
}

export type OperationsByResource = Record<string, Record<string, OperationModule>>;

/** Runs the operation the node is set to. Resource and operation are not expressions, so item 0 decides. */
export async function runOperation(
	context: IExecuteFunctions,
	operations: OperationsByResource,
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
export function outputTableOf(operations: OperationsByResource): OutputTable {
	const table: OutputTable = {};
	for (const [resource, byOperation] of Object.entries(operations)) {
		table[resource] = {};
		for (const [operation, module] of Object.entries(byOperation)) {
			if (module.outputs) table[resource][operation] = Object.values(module.outputs);
		}
	}
	return table;
}
