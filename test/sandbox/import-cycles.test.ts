/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const repoRoot = path.resolve(__dirname, '..', '..');

/** The folders whose modules import each other at run time: the package, the sandbox and the harnesses around them. */
const CODE_FOLDERS = ['nodes', 'credentials', 'sandbox', 'dev', 'bench'];

function typeScriptFiles(folder: string): string[] {
	return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(folder, entry.name);
		if (entry.isDirectory()) return typeScriptFiles(full);
		return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
	});
}

/** The repository files a module imports (type-only imports too: they tangle the code as much), by relative path. */
function localImportsOf(file: string): string[] {
	const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
	return importedFiles
		.map((imported) => imported.fileName)
		.filter((specifier) => specifier.startsWith('.'))
		.map((specifier) => path.resolve(path.dirname(file), specifier))
		.map((target) => [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => fs.existsSync(candidate)))
		.filter((target): target is string => target !== undefined);
}

/** One import cycle per strongly connected group of modules (Tarjan), each as the list of its modules. */
function importCycles(graph: Map<string, string[]>): string[][] {
	const index = new Map<string, number>();
	const lowLink = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];

	function visit(module: string): void {
		index.set(module, index.size);
		lowLink.set(module, index.get(module) as number);
		stack.push(module);
		onStack.add(module);
		for (const imported of graph.get(module) ?? []) {
			if (!index.has(imported)) {
				visit(imported);
				lowLink.set(module, Math.min(lowLink.get(module) as number, lowLink.get(imported) as number));
			} else if (onStack.has(imported)) {
				lowLink.set(module, Math.min(lowLink.get(module) as number, index.get(imported) as number));
			}
		}
		if (lowLink.get(module) !== index.get(module)) return;
		const group: string[] = [];
		let member: string;
		do {
			member = stack.pop() as string;
			onStack.delete(member);
			group.push(member);
		} while (member !== module);
		const importsItself = (graph.get(module) ?? []).includes(module);
		if (group.length > 1 || importsItself) cycles.push(group.map((file) => path.relative(repoRoot, file)).sort());
	}

	for (const module of graph.keys()) if (!index.has(module)) visit(module);
	return cycles;
}

describe('import graph', () => {
	it('has no import cycle among the modules of nodes/, credentials/, sandbox/, dev/ and bench/', () => {
		const files = CODE_FOLDERS.flatMap((folder) => typeScriptFiles(path.join(repoRoot, folder)));
		const graph = new Map(files.map((file) => [file, localImportsOf(file)]));

		expect(importCycles(graph)).toEqual([]);
	});

	it('finds a cycle when two modules import each other (the check itself can fail)', () => {
		const graph = new Map([
			['/a.ts', ['/b.ts']],
			['/b.ts', ['/a.ts']],
			['/c.ts', ['/a.ts']],
		]);

		expect(importCycles(graph)).toHaveLength(1);
	});
});
