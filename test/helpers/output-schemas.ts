/**
 * Checks output items against the output schemas n8n-core loads from dist/ (ajv): each item must match the schema as
 * shipped and must not carry a field the schema does not name.
 */
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { loadOutputSchema } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import type { WorkflowRun } from '../../dev/engine';
import { repoRoot } from './world';

export type NodeFolder = 'SendKit' | 'KickoffLabs';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

type JsonSchema = Record<string, unknown>;

/** The schema with `additionalProperties: false` wherever it lists properties, so an unnamed field fails too. */
function closed(schema: unknown): unknown {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
	const copy: JsonSchema = { ...(schema as JsonSchema) };
	if (copy.properties && typeof copy.properties === 'object') {
		copy.properties = Object.fromEntries(
			Object.entries(copy.properties as JsonSchema).map(([key, child]) => [key, closed(child)]),
		);
		copy.additionalProperties ??= false;
	}
	if (copy.items !== undefined) copy.items = closed(copy.items);
	return copy;
}

const validators = new Map<string, { shipped: ValidateFunction; closed: ValidateFunction }>();

function validatorsFor(folder: NodeFolder, resource: string, operation: string, version: number) {
	const key = `${folder} v${version} ${resource}/${operation}`;
	let found = validators.get(key);
	if (!found) {
		const schema = loadOutputSchema({ nodeDir: `${repoRoot}/dist/nodes/${folder}`, version, resource, operation });
		if (!schema) throw new Error(`No output schema for ${key} in dist/: run npm run build`);
		found = { shipped: ajv.compile(schema), closed: ajv.compile(closed(schema) as JsonSchema) };
		validators.set(key, found);
	}
	return found;
}

/** What is wrong with each item, as readable lines; empty when every item matches. */
function mismatches(folder: NodeFolder, resource: string, operation: string, outputItems: INodeExecutionData[], version: number): string[] {
	const { shipped, closed: closedValidator } = validatorsFor(folder, resource, operation, version);
	const problems: string[] = [];
	outputItems.forEach((item, index) => {
		for (const [variant, validate] of [
			['schema', shipped],
			['fields named by the schema', closedValidator],
		] as const) {
			if (validate(item.json)) continue;
			for (const error of validate.errors ?? []) {
				const extra = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
				problems.push(`item ${index} (${variant}) at "${error.instancePath || '/'}": ${error.message ?? error.keyword}${extra}`);
			}
		}
	});
	return problems;
}

/** Asserts there are items, and that every one matches the operation's schema of that node version. */
export function expectMatchingItems(folder: NodeFolder, resource: string, operation: string, outputItems: INodeExecutionData[], version = 1) {
	expect(outputItems.length).toBeGreaterThan(0);
	expect(mismatches(folder, resource, operation, outputItems, version)).toEqual([]);
}

/** The items of the named output, after checking the run went through without an error item. */
export function outputNamed(result: WorkflowRun, nodeName: string, outputName: string): INodeExecutionData[] {
	const names = result.outputNames(nodeName);
	expect(result.error).toBeUndefined();
	expect(result.output(nodeName, names.indexOf('Error')).map((item) => item.json)).toEqual([]);
	expect(names).toContain(outputName);
	return result.output(nodeName, names.indexOf(outputName));
}
