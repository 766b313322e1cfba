import type { INodeOutputConfiguration } from 'n8n-workflow';

/** Output names of every operation, by resource and operation. An operation that is absent has one plain output. */
export type OutputTable = Record<string, Record<string, readonly string[]>>;

/** The outputs of node versions below `below`, where an operation had other outputs then; `[]` is one plain output. */
export type OlderOutputTables = ReadonlyArray<{ below: number; table: OutputTable }>;

/**
 * Picks the outputs for the node's current resource and operation, in the node's version.
 * n8n serialises this function into the node description and evaluates it in the editor and the engine,
 * so it must be self-contained: no imports, no outer variables, the literal 'main'.
 */
function outputsForParameters(
	parameters: { resource?: unknown; operation?: unknown },
	table: OutputTable,
	defaults: { resource: string; operation: string },
	nodeVersion?: unknown,
	older: OlderOutputTables = [],
): INodeOutputConfiguration[] {
	const resource = typeof parameters.resource === 'string' ? parameters.resource : defaults.resource;
	const operation = typeof parameters.operation === 'string' ? parameters.operation : defaults.operation;
	const version = typeof nodeVersion === 'number' ? nodeVersion : Infinity;
	const then = older.find((entry) => version < entry.below && (entry.table[resource] || {})[operation] !== undefined);
	const names = ((then ? then.table : table)[resource] || {})[operation];
	if (!names || names.length === 0) return [{ type: 'main' }];
	return names.map((displayName) => ({ type: 'main', displayName }));
}

/**
 * The `outputs` expression of a node whose outputs depend on resource, operation and node version
 * (the pattern of n8n's Switch and Respond to Webhook nodes).
 */
export function outputsExpression(
	table: OutputTable,
	defaults: { resource: string; operation: string },
	older: OlderOutputTables = [],
): `={{${string}}}` {
	return `={{(${outputsForParameters.toString()})($parameter, ${inlineJson(table)}, ${inlineJson(defaults)}, $nodeVersion, ${inlineJson(older)})}}`;
}

/** JSON for use inside `{{ }}`: a literal `}}` in it would end the expression early. */
function inlineJson(value: unknown): string {
	return JSON.stringify(value).replace(/\}/g, '} ');
}

/** Exported for unit tests, which check the expression against the same function. */
export const outputsForParametersForTests = outputsForParameters;
