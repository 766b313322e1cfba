/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * The README's "Output fields" lines, generated from the output schemas (nodes/<Service>/__schema__/…), so the manual
 * names every field an operation's items carry and cannot drift from what the nodes put out (the schema tests check
 * real outputs against the same schemas). `npm run docs` rewrites them; a test fails when they are stale.
 */
import fs from 'node:fs';
import path from 'node:path';


interface JsonSchema {
	type?: string;
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
}

/** A node's newest schema folder (`v1.1.0` over `v1.0.0`): the fields of the version the editor adds by default. */
function newestSchemaDir(serviceDir: string): string | undefined {
	const root = path.join(serviceDir, '__schema__');
	if (!fs.existsSync(root)) return undefined;
	const versions = fs.readdirSync(root).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
	return versions.length > 0 ? path.join(root, versions[versions.length - 1]) : undefined;
}

/** Every output schema of each node's default version: `SendKit lead/create` → its file. */
export function outputSchemas(repoRoot: string): Map<string, string> {
	const found = new Map<string, string>();
	const nodesDir = path.join(repoRoot, 'nodes');
	for (const service of fs.readdirSync(nodesDir)) {
		const schemaDir = newestSchemaDir(path.join(nodesDir, service));
		if (!schemaDir) continue;
		for (const resource of fs.readdirSync(schemaDir)) {
			for (const file of fs.readdirSync(path.join(schemaDir, resource))) {
				if (file.endsWith('.json')) found.set(`${service} ${resource}/${file.replace(/\.json$/, '')}`, path.join(schemaDir, resource, file));
			}
		}
	}
	return found;
}

/** `a`, `b` (`b.c`, `b.d`), … : top-level fields, with the fields of objects one level down. */
function fieldList(schema: JsonSchema): string {
	return Object.entries(schema.properties ?? {})
		.map(([name, property]) => {
			const inner = property.type === 'object' ? Object.keys(property.properties ?? {}) : [];
			return inner.length > 0 ? `\`${name}\` (${inner.map((key) => `\`${key}\``).join(', ')})` : `\`${name}\``;
		})
		.join(', ');
}

export function renderBlock(schemaFile: string): string {
	const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as JsonSchema;
	return `Output fields (from the output schema; an item carries those the API returned): ${fieldList(schema)}.`;
}

const BLOCK = /<!-- output-fields: ([^>]+?) -->\n[\s\S]*?<!-- \/output-fields -->/g;

/** The README with every output-fields block regenerated, and the schemas that have no block. */
export function regenerate(repoRoot: string, readme: string): { readme: string; missing: string[] } {
	const schemas = outputSchemas(repoRoot);
	const seen = new Set<string>();
	const updated = readme.replace(BLOCK, (whole, key: string) => {
		const file = schemas.get(key.trim());
		if (!file) return whole;
		seen.add(key.trim());
		return `<!-- output-fields: ${key.trim()} -->\n${renderBlock(file)}\n<!-- /output-fields -->`;
	});
	return { readme: updated, missing: [...schemas.keys()].filter((key) => !seen.has(key)) };
}

if (require.main === module) {
	const repoRoot = path.resolve(__dirname, '..', '..', '..');
	const readmePath = path.join(repoRoot, 'README.md');
	const { readme, missing } = regenerate(repoRoot, fs.readFileSync(readmePath, 'utf8'));
	fs.writeFileSync(readmePath, readme);
	if (missing.length > 0) {
		console.error(`No output-fields block in README.md for: ${missing.join(', ')}`);
		process.exitCode = 1;
	}
}
