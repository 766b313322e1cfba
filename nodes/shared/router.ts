import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { withFailure } from './failureKind';
import type { Operation } from './operation';
import type { OlderOutputTables, OutputTable } from './outputs';

/** Every operation of a node, by resource: each resource file's list. */
export type NodeOperations = Record<string, readonly Operation[]>;

/** Whether a stored operation value names this operation: its value, or the one it had before a rename. */
function answersTo(operation: Operation, value: string): boolean {
	return operation.option.value === value || operation.option.renamedFrom?.value === value;
}

/** Runs the operation the node is set to. Resource and operation are not expressions, so item 0 decides. */
export async function runOperation(context: IExecuteFunctions, operations: NodeOperations): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const value = context.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.find((candidate) => answersTo(candidate, value));
	if (!operation) {
		const error = new NodeOperationError(context.getNode(), `The operation "${value}" of "${resource}" is not supported`);
		throw withFailure(error, { kind: 'input' });
	}
	return await operation.execute(context);
}

/** The node's output names for every branching operation. */
export function outputTableOf(operations: NodeOperations): OutputTable {
	const table: OutputTable = {};
	for (const [resource, list] of Object.entries(operations)) {
		table[resource] = {};
		for (const operation of list) {
			const names = Object.values(operation.outputs);
			if (names.length > 1) table[resource][operation.option.value] = names;
		}
	}
	return table;
}

/** The outputs operations had in node versions before they changed (an operation's `outputsBefore`). */
export function olderOutputTablesOf(operations: NodeOperations): OlderOutputTables {
	const older = new Map<number, OutputTable>();
	for (const [resource, list] of Object.entries(operations)) {
		for (const { option, outputsBefore } of list) {
			if (!outputsBefore) continue;
			const table = older.get(outputsBefore.inVersion) ?? {};
			const names = Object.values(outputsBefore.outputs);
			(table[resource] ??= {})[option.value] = names.length > 1 ? names : [];
			older.set(outputsBefore.inVersion, table);
		}
	}
	return [...older].sort(([a], [b]) => a - b).map(([below, table]) => ({ below, table }));
}

type SelectorOption = INodePropertyOptions & { action: string };

function selector(resource: string, options: SelectorOption[], defaultValue: string, versions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource], ...versions?.show } },
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
		default: defaultValue,
	};
}

/**
 * The Operation selector of one resource, then the parameters of each of its operations, shown for that operation only.
 * When an operation was renamed, node versions before the rename offer (and so keep opening) its old value: n8n picks
 * the selector by the node's version (`@version`), as its own versioned nodes do.
 */
export function resourceDescription(
	resource: string,
	operations: readonly Operation[],
	defaultValue: string,
	shared: INodeProperties[] = [],
): INodeProperties[] {
	const current = operations.map(({ option }) => ({ name: option.name, value: option.value, description: option.description, action: option.action }));
	const renamedIn = operations.map(({ option }) => option.renamedFrom?.inVersion).find((version) => version !== undefined);
	const selectors =
		renamedIn === undefined
			? [selector(resource, current, defaultValue)]
			: [
					selector(resource, current, defaultValue, { show: { '@version': [{ _cnd: { gte: renamedIn } }] } }),
					selector(
						resource,
						operations.map(({ option }, index) => ({ ...current[index], value: option.renamedFrom?.value ?? option.value })),
						operations.find(({ option }) => option.value === defaultValue)?.option.renamedFrom?.value ?? defaultValue,
						{ show: { '@version': [{ _cnd: { lt: renamedIn } }] } },
					),
				];
	return [
		...selectors,
		...shared,
		...operations.flatMap(({ option, properties }) =>
			updateDisplayOptions(
				{ show: { resource: [resource], operation: option.renamedFrom ? [option.value, option.renamedFrom.value] : [option.value] } },
				properties,
			),
		),
	];
}
