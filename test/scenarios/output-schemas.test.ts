/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
/**
 * The output schemas n8n shows before a node has run (and hands to AI tools): one per resource and operation, under
 * nodes/<Node>/__schema__/v<version>/<resource>/<operation>.json, copied into dist/ by the build. These tests read them
 * from dist/ with n8n-core's own loader, as n8n does. test/<service>/output-schemas.test.ts check them against real outputs.
 */
import fs from 'node:fs';
import path from 'node:path';

import Ajv from 'ajv';
import { loadOutputSchema } from 'n8n-core';
import type { INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { NodeOperations } from '../../nodes/shared/router';
import { actionNodes } from '../helpers/nodes';

const repoRoot = path.resolve(__dirname, '..', '..');

interface OperationRef {
	folder: string;
	version: number;
	resource: string;
	operation: string;
}

/** Every version, resource and operation the node description offers in the editor: the selectors shown for that version. */
function operationsOf(folder: string, description: INodeTypeDescription): OperationRef[] {
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	const resourceProperty = description.properties.find((property) => property.name === 'resource');
	const resources = (resourceProperty?.options ?? []).map((option) => String((option as { value: unknown }).value));
	const refs: OperationRef[] = [];
	for (const version of versions) {
		for (const resource of resources) {
			const node: INode = { id: folder, name: folder, type: folder, typeVersion: version, position: [0, 0], parameters: { resource } };
			const operationProperties = description.properties.filter(
				(property) => property.name === 'operation' && NodeHelpers.displayParameter({ resource }, property, node, description),
			);
			for (const property of operationProperties) {
				for (const option of property.options ?? []) {
					refs.push({ folder, version, resource, operation: String((option as { value: unknown }).value) });
				}
			}
		}
	}
	return refs;
}

/** The same list, from the operations each resource file lists: a value a version stored before a rename is offered there. */
function listedOperations(folder: string, description: INodeTypeDescription, operations: NodeOperations): string[] {
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return versions.flatMap((version) =>
		Object.keys(operations)
			.sort()
			.flatMap((resource) =>
				operations[resource]
					.map(({ option }) => (option.renamedFrom && version < option.renamedFrom.inVersion ? option.renamedFrom.value : option.value))
					.sort()
					.map((operation) => `${folder} v${version} ${resource}/${operation}`),
			),
	);
}

const allOperations = actionNodes.flatMap(({ folder, node: { description } }) => operationsOf(folder, description));
const label = ({ folder, resource, operation }: OperationRef) => `${folder} ${resource}/${operation}`;
const nodeDir = (folder: string) => path.join(repoRoot, 'dist', 'nodes', folder);
const versionDir = (version: number) => `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;

function schemaOf(ref: OperationRef): Record<string, unknown> {
	const schema = loadOutputSchema({ nodeDir: nodeDir(ref.folder), version: ref.version, resource: ref.resource, operation: ref.operation });
	if (!schema) throw new Error(`No output schema for ${label(ref)} in dist/nodes/${ref.folder}/__schema__`);
	return schema;
}

/** Files below a folder, as paths relative to it with '/' separators. */
function filesBelow(directory: string): string[] {
	if (!fs.existsSync(directory)) return [];
	return fs
		.readdirSync(directory, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
		.sort();
}

describe('output schemas', () => {
	it('are looked up for every operation of both nodes, in every version: those their resources list', () => {
		const offered = allOperations.map((ref) => `${ref.folder} v${ref.version} ${ref.resource}/${ref.operation}`);
		const listed = actionNodes.flatMap(({ folder, node: { description }, operations }) => listedOperations(folder, description, operations));

		expect(offered.sort()).toEqual(listed.sort());
		expect(offered).toHaveLength(10 + 10 + 8 + 8);
	});

	it.each(allOperations.map((ref) => [label(ref), ref] as const))(
		'%s: n8n-core finds its schema in dist/, an object schema that ajv compiles',
		(_label, ref) => {
			const schema = schemaOf(ref);

			expect(schema.type).toBe('object');
			expect(schema).not.toHaveProperty('$id');
			// Strict mode catches misspelt keywords; union types such as ["string", "null"] are intended.
			const ajv = new Ajv({ strict: true, allowUnionTypes: true });
			expect(() => ajv.compile(schema)).not.toThrow();
		},
	);

	it('exist only for operations the nodes offer, and dist/ holds the sources as they are', () => {
		for (const { folder } of actionNodes) {
			const expected = allOperations
				.filter((ref) => ref.folder === folder)
				.map((ref) => `${versionDir(ref.version)}/${ref.resource}/${ref.operation}.json`)
				.sort();
			const sourceDir = path.join(repoRoot, 'nodes', folder, '__schema__');
			const builtDir = path.join(nodeDir(folder), '__schema__');

			expect(filesBelow(sourceDir)).toEqual(expected);
			expect(filesBelow(builtDir)).toEqual(expected);
			for (const file of expected) {
				expect(fs.readFileSync(path.join(builtDir, file), 'utf8')).toBe(fs.readFileSync(path.join(sourceDir, file), 'utf8'));
			}
		}
	});

	it('are shaped the way the n8n editor reads them: objects and arrays single-typed, a union type led by its main type', () => {
		// The editor expands a field only when its type is exactly "object" or "array", and shows the first type of a union.
		const problems: string[] = [];
		const visit = (node: unknown, at: string): void => {
			if (!node || typeof node !== 'object') return;
			const schema = node as { type?: unknown; properties?: Record<string, unknown>; items?: unknown };
			if (Array.isArray(schema.type)) {
				if (schema.type.includes('object') || schema.type.includes('array')) problems.push(`${at}: object or array in a union type`);
				if (schema.type[0] === 'null') problems.push(`${at}: union type led by "null"`);
			}
			if (schema.properties && schema.type !== 'object') problems.push(`${at}: properties without "type": "object"`);
			if (schema.items !== undefined && schema.type !== 'array') problems.push(`${at}: items without "type": "array"`);
			for (const [key, child] of Object.entries(schema.properties ?? {})) visit(child, `${at}.${key}`);
			visit(schema.items, `${at}[]`);
		};
		for (const ref of allOperations) visit(schemaOf(ref), label(ref));

		expect(problems).toEqual([]);
	});
});
