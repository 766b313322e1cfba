/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * Driving the real n8n CLI from the cached runtime: a user folder with this package installed the
 * way n8n installs community packages, credential and workflow imports, and `n8n execute`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { n8nBaseEnv, cleanEnv, type Runtime } from './runtime';
import { isRecord, readJson, repoRoot, run, runOrThrow, writeJson, type RunResult } from './util';

export interface N8nContext {
	runtime: Runtime;
	userFolder: string;
	/** Environment for every n8n process of this context (base env plus ports). */
	env: NodeJS.ProcessEnv;
}

export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, string>;
}

/** The sandbox credentials the example workflows reference by id: one per sandbox service (sandbox/services.ts). */
export function sandboxCredentials(sandbox: { services: ReadonlyArray<{ credentials: CredentialImport }> }): CredentialImport[] {
	return sandbox.services.map((service) => ({ ...service.credentials, data: { ...service.credentials.data } }));
}

interface PackageJson {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

function readPackageJson(file: string): PackageJson {
	const pkg = readJson(file);
	if (!isRecord(pkg) || typeof pkg.name !== 'string' || typeof pkg.version !== 'string') {
		throw new Error(`${file} is not a package.json with a name and a version`);
	}
	return pkg as PackageJson;
}

/** The dist files package.json's `n8n` section lists, with the ones that do not exist yet. */
export function listedN8nFiles(): { listed: string[]; missing: string[] } {
	const root = repoRoot();
	const pkg = readPackageJson(path.join(root, 'package.json'));
	const listed = [...(pkg.n8n?.credentials ?? []), ...(pkg.n8n?.nodes ?? [])];
	return { listed, missing: listed.filter((file) => !fs.existsSync(path.join(root, file))) };
}

export interface InstalledPackage {
	name: string;
	version: string;
	folder: string;
	nodes: string[];
	credentials: string[];
}

/**
 * Installs this repository into `<userFolder>/.n8n/nodes` as n8n's Settings > Community Nodes does
 * (packages/cli/src/modules/community-packages/community-packages.service.ts): `npm pack`, unpack
 * into `node_modules/<name>`, delete dev/peer/optional dependencies from its package.json, then
 * `npm install --ignore-scripts` inside it. Run `npm run build` first.
 */
export async function installThisPackage(runtime: Runtime, userFolder: string): Promise<InstalledPackage> {
	const root = repoRoot();
	const { listed, missing } = listedN8nFiles();
	if (listed.length === 0) throw new Error('package.json lists no n8n nodes or credentials');
	if (missing.length > 0) {
		throw new Error(`package.json lists files that are not built: ${missing.join(', ')}. Run \`npm run build\`.`);
	}
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-pack-'));
	try {
		const packed = await runOrThrow('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
			cwd: root,
			env: cleanEnv(runtime),
		});
		const tarball = fs.readdirSync(packDir).find((file) => file.endsWith('.tgz'));
		if (!tarball) throw new Error(`npm pack wrote no tarball:\n${packed.stdout}`);
		return await installTarball(runtime, userFolder, path.join(packDir, tarball));
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/** Installs a package tarball (`npm run pack`'s, or this repository's `npm pack`) as Community Nodes does. */
export async function installTarball(runtime: Runtime, userFolder: string, tarball: string): Promise<InstalledPackage> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const env = cleanEnv(runtime);
	const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-unpacked-'));
	await runOrThrow('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
	const target = path.join(nodesDir, 'node_modules', readPackageJson(path.join(unpacked, 'package.json')).name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.cpSync(unpacked, target, { recursive: true });
	fs.rmSync(unpacked, { recursive: true, force: true });

	const installedPkgFile = path.join(target, 'package.json');
	const installed = readPackageJson(installedPkgFile);
	delete installed.devDependencies;
	delete installed.peerDependencies;
	delete installed.optionalDependencies;
	writeJson(installedPkgFile, installed);
	// The same flags as n8n's CommunityPackagesService.downloadPackage.
	await runOrThrow(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		{ cwd: target, env },
	);

	// n8n keeps the community packages it installed as dependencies of nodes/package.json.
	const nodesPkgFile = path.join(nodesDir, 'package.json');
	let nodesPkg: Record<string, unknown> = { name: 'installed-nodes', private: true };
	if (fs.existsSync(nodesPkgFile)) {
		const existing = readJson(nodesPkgFile);
		if (isRecord(existing)) nodesPkg = existing;
	}
	const deps = isRecord(nodesPkg.dependencies) ? nodesPkg.dependencies : {};
	nodesPkg.dependencies = { ...deps, [installed.name]: installed.version };
	writeJson(nodesPkgFile, nodesPkg);

	const nodes = installed.n8n?.nodes ?? [];
	const credentials = installed.n8n?.credentials ?? [];
	const notPacked = [...nodes, ...credentials].filter((file) => !fs.existsSync(path.join(target, file)));
	if (notPacked.length > 0) {
		throw new Error(`the npm pack tarball lacks files its package.json lists: ${notPacked.join(', ')} (check "files")`);
	}
	return { name: installed.name, version: installed.version, folder: target, nodes, credentials };
}

/** Runs one n8n CLI command (`import:workflow`, `execute`, ...) to completion. */
export function n8nCli(ctx: N8nContext, args: string[], timeoutMs = 180000): Promise<RunResult> {
	return run(ctx.runtime.nodeBin, [ctx.runtime.n8nBin, ...args], {
		cwd: ctx.userFolder,
		env: ctx.env,
		timeoutMs,
	});
}

async function n8nCliOrThrow(ctx: N8nContext, args: string[]): Promise<RunResult> {
	const result = await n8nCli(ctx, args);
	if (result.code !== 0) {
		const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-30).join('\n');
		throw new Error(`n8n ${args.join(' ')} failed (exit code ${result.code}):\n${tail}`);
	}
	return result;
}

export function makeContext(runtime: Runtime, userFolder: string, extraEnv: NodeJS.ProcessEnv): N8nContext {
	return { runtime, userFolder, env: { ...n8nBaseEnv(runtime, userFolder), ...extraEnv } };
}

export async function importCredentials(ctx: N8nContext, credentials: CredentialImport[]): Promise<void> {
	const file = path.join(ctx.userFolder, 'import', 'credentials.json');
	writeJson(file, credentials);
	await n8nCliOrThrow(ctx, ['import:credentials', `--input=${file}`]);
}

export interface WorkflowFile {
	/** Path relative to the repository root, for messages. */
	file: string;
	id: string;
	name: string;
	json: Record<string, unknown>;
}

/** A workflow id (n8n allows at most 21 characters) derived from a file name. */
export function workflowIdFromFile(file: string, prefix = ''): string {
	const base = path.basename(file, '.json').replace(/[^A-Za-z0-9]+/g, '');
	return (prefix + base).slice(0, 21);
}

/** Reads workflow JSON files, giving each an id (derived from the file name) when it lacks one. */
export function loadWorkflows(dir: string, idPrefix = ''): WorkflowFile[] {
	if (!fs.existsSync(dir)) return [];
	const root = repoRoot();
	const files = fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort();
	const seen = new Map<string, string>();
	return files.map((file) => {
		const full = path.join(dir, file);
		const json = readJson(full);
		if (!isRecord(json) || !Array.isArray(json.nodes) || !isRecord(json.connections)) {
			throw new Error(`${path.relative(root, full)} is not a workflow (needs "nodes" and "connections")`);
		}
		const id = typeof json.id === 'string' && json.id.length > 0 ? json.id : workflowIdFromFile(file, idPrefix);
		if (id.length > 21) throw new Error(`${path.relative(root, full)}: workflow id "${id}" is longer than 21 characters`);
		const clash = seen.get(id);
		if (clash) throw new Error(`${file} and ${clash} get the same workflow id "${id}"`);
		seen.set(id, file);
		const name = typeof json.name === 'string' && json.name.length > 0 ? json.name : path.basename(file, '.json');
		return { file: path.relative(root, full), id, name, json: { ...json, id, name } };
	});
}

/** Imports workflows in a single n8n process (each `n8n` start costs seconds). */
export async function importWorkflows(ctx: N8nContext, workflows: WorkflowFile[]): Promise<void> {
	if (workflows.length === 0) return;
	const file = path.join(ctx.userFolder, 'import', 'workflows.json');
	writeJson(
		file,
		workflows.map((workflow) => ({ active: false, settings: {}, pinData: {}, ...workflow.json })),
	);
	await n8nCliOrThrow(ctx, ['import:workflow', `--input=${file}`]);
}

/**
 * Cuts the run data out of `n8n execute --rawOutput`: log lines come first, then the result,
 * pretty-printed from a line that is exactly `{` to the matching line that is exactly `}`.
 */
export function extractRawOutput(stdout: string): unknown {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line.trimEnd() === '{');
	if (start === -1) return undefined;
	for (let end = start + 1; end < lines.length; end++) {
		if (lines[end].trimEnd() !== '}') continue;
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n')) as unknown;
		} catch {
			// a nested line that happens to be "}"; keep looking
		}
	}
	return undefined;
}

export interface ExecuteResult extends RunResult {
	/** The parsed run (`{ data: { resultData: ... }, ... }`) or undefined when n8n printed none. */
	run: unknown;
}

export async function executeWorkflow(ctx: N8nContext, id: string): Promise<ExecuteResult> {
	const result = await n8nCli(ctx, ['execute', `--id=${id}`, '--rawOutput']);
	return { ...result, run: extractRawOutput(result.stdout) };
}

/**
 * Runs in the runtime's Node (n8n's sqlite3 and n8n-workflow): loads each node file of the installed
 * package the way n8n does (its own modules on NODE_PATH) and records the package and its nodes in
 * n8n's database, the rows Settings > Community Nodes reads (installed_packages, installed_nodes),
 * with the values n8n's InstalledPackagesRepository.persistPackageWithNodes writes.
 */
const REGISTER_SCRIPT = `
const { createRequire } = require('module');
const path = require('path');
const input = JSON.parse(process.env.LEAD_CAPTURE_REGISTER);
const sqlite3 = createRequire(path.join(input.n8nDir, 'node_modules', 'n8n', 'package.json'))('sqlite3');
const nodes = input.nodeFiles.map((file) => {
	const exported = require(path.join(input.folder, file));
	const NodeClass = Object.values(exported).find((value) => typeof value === 'function');
	const node = new NodeClass();
	const description = node.description;
	const version = node.currentVersion !== undefined ? node.currentVersion
		: Array.isArray(description.version) ? description.version[description.version.length - 1] : description.version;
	return { name: description.displayName, type: input.name + '.' + description.name, version };
});
const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
const db = new sqlite3.Database(input.database);
const failed = (error) => { if (error) { console.error(error.message); process.exitCode = 1; } };
db.serialize(() => {
	db.run('PRAGMA foreign_keys = ON');
	db.run('BEGIN');
	db.run('DELETE FROM installed_nodes WHERE package = ?', [input.name], failed);
	db.run('INSERT INTO installed_packages (packageName, installedVersion, authorName, authorEmail, createdAt, updatedAt) ' +
		'VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(packageName) DO UPDATE SET installedVersion = excluded.installedVersion, ' +
		'authorName = excluded.authorName, authorEmail = excluded.authorEmail, updatedAt = excluded.updatedAt',
		[input.name, input.version, input.authorName, input.authorEmail, now, now], failed);
	for (const node of nodes) {
		db.run('INSERT INTO installed_nodes (name, type, latestVersion, package) VALUES (?, ?, ?, ?)',
			[node.name, node.type, node.version, input.name], failed);
	}
	// Decided once every insert has answered: as in n8n's own transaction, a package whose nodes cannot all be
	// recorded is not recorded at all.
	db.run('SELECT 1', () => db.run(process.exitCode ? 'ROLLBACK' : 'COMMIT', (error) => {
		failed(error);
		db.close((closeError) => { failed(closeError); if (!process.exitCode) console.log(JSON.stringify(nodes)); });
	}));
});
`;

/**
 * Registers the installed package in n8n's database as Settings > Community Nodes > Install does
 * after downloading it, so n8n lists it there (name, version, nodes, and Update / Uninstall).
 * n8n's own install cannot run here: it fetches the package from registry.npmjs.org, and another
 * registry needs an enterprise licence. Needs the database to exist: run after an import.
 */
export async function registerCommunityPackage(
	ctx: N8nContext,
	installed: InstalledPackage,
): Promise<Array<{ name: string; type: string; version: number }>> {
	const pkg = readJson(path.join(installed.folder, 'package.json'));
	const author = isRecord(pkg) && isRecord(pkg.author) ? pkg.author : {};
	const database = path.join(ctx.userFolder, '.n8n', 'database.sqlite');
	if (!fs.existsSync(database)) throw new Error(`no n8n database at ${database}: import something first`);
	const result = await runOrThrow(ctx.runtime.nodeBin, ['-e', REGISTER_SCRIPT], {
		cwd: ctx.userFolder,
		env: {
			...cleanEnv(ctx.runtime),
			NODE_PATH: path.join(ctx.runtime.n8nDir, 'node_modules'),
			LEAD_CAPTURE_REGISTER: JSON.stringify({
				n8nDir: ctx.runtime.n8nDir,
				folder: installed.folder,
				nodeFiles: installed.nodes,
				name: installed.name,
				version: installed.version,
				authorName: typeof author.name === 'string' ? author.name : null,
				authorEmail: typeof author.email === 'string' ? author.email : null,
				database,
			}),
		},
	});
	return JSON.parse(result.stdout.trim().split('\n').pop() ?? '[]') as Array<{ name: string; type: string; version: number }>;
}
