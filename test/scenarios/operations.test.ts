/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import { actionNodes, shippedNodeFiles } from '../helpers/nodes';
import { repoRoot } from '../helpers/world';

describe('the nodes with operations', () => {
	it('are every node the package ships except its triggers', () => {
		const listed = actionNodes.map(({ folder, node }) => `nodes/${folder}/${node.constructor.name}.node`);

		expect(listed.sort()).toEqual(shippedNodeFiles.filter((file) => !file.endsWith('Trigger.node')).sort());
	});
});

/** The files of a node's folder and of nodes/shared that import a module (a path without extension), relative to the repository. */
function importersOf(folder: string, modulePath: string): string[] {
	return ['shared', folder]
		.flatMap((dir) => fs.readdirSync(path.join(repoRoot, 'nodes', dir), { recursive: true, withFileTypes: true }))
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.join(entry.parentPath, entry.name))
		.filter((file) =>
			[...fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)].some((match) => path.resolve(path.dirname(file), match[1]) === modulePath),
		)
		.map((file) => path.relative(repoRoot, file).split(path.sep).join('/'));
}

describe.each(actionNodes)('$folder operations', ({ folder, operations }) => {
	it('are each one <operation>.operation.ts, listed by its resource file and named nowhere else', () => {
		for (const [resource, list] of Object.entries(operations)) {
			const resourceDir = path.join(repoRoot, 'nodes', folder, 'actions', resource);
			const files = fs.readdirSync(resourceDir).filter((file) => file.endsWith('.operation.ts'));
			const resourceFile = fs.readdirSync(resourceDir).find((file) => file.endsWith('.resource.ts'));

			expect(list).toHaveLength(files.length);
			for (const file of files) {
				const modulePath = path.join(resourceDir, file.replace(/\.ts$/, ''));
				expect({ file, importers: importersOf(folder, modulePath) }).toEqual({ file, importers: [`nodes/${folder}/actions/${resource}/${resourceFile}`] });
			}
		}
	});

	it('have one value each within a resource, and no value another operation had before a rename', () => {
		for (const list of Object.values(operations)) {
			const values = list.flatMap(({ option }) => (option.renamedFrom ? [option.value, option.renamedFrom.value] : [option.value]));
			expect(new Set(values).size).toBe(values.length);
		}
	});
});
