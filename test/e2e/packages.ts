/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run test:e2e:packages` (`-- --n8n=1` for n8n 1.123.81): the tarballs of `npm run pack` in the real n8n, each
 * installed as Settings > Community Nodes installs it, alone and all three side by side, with one shipped example per
 * package run end to end by `n8n execute` against the sandbox (the example as the package ships it, node types renamed
 * to the package's own), and n8n-nodes-sendkit's trigger activated in `n8n start`. Side by side, the SendKit example
 * runs once with each package's node types.
 */
import * as fs from 'fs';
import * as path from 'path';

import { makeContext, importCredentials, importWorkflows, installTarball, executeWorkflow, sandboxCredentials, type WorkflowFile } from '../../dev/real-n8n/n8n';
import { CURRENT_N8N, ensureRuntime, N8N_1, statePath } from '../../dev/real-n8n/runtime';
import { elapsedSince, freePort, log, readJson, repoRoot } from '../../dev/real-n8n/util';
import { exampleForPackage } from '../../packaging/contents';
import { COMBINED, PACKAGES, type PackageSpec } from '../../packaging/packages';
import { readRootPackageJson } from '../../packaging/tarballs';
import { startSandbox } from '../../sandbox';
import { exampleExpectations } from './examples';
import { check } from './expect';
import { feedPinnedTriggers, requestLog, resetSandbox } from './run';
import { runTriggerSuite } from './triggers/suite';

interface ExampleRun {
	example: string;
	/** The installed package whose copy of the example runs. */
	from: string;
}

interface Layout {
	title: string;
	packages: string[];
	runs: ExampleRun[];
	/** Trigger workflows of test/e2e/trigger-workflows/, activated in `n8n start` with the first package's node types. */
	triggers?: string[];
}

const SENDKIT_EXAMPLE = 'sendkit-create-leads.json';
const KICKOFFLABS_EXAMPLE = 'kickofflabs-waitlist-signup.json';

const LAYOUTS: Layout[] = [
	{
		title: 'n8n-nodes-sendkit alone',
		packages: ['n8n-nodes-sendkit'],
		runs: [{ example: SENDKIT_EXAMPLE, from: 'n8n-nodes-sendkit' }],
		triggers: ['sendkit-trigger.json'],
	},
	{ title: 'n8n-nodes-kickofflabs alone', packages: ['n8n-nodes-kickofflabs'], runs: [{ example: KICKOFFLABS_EXAMPLE, from: 'n8n-nodes-kickofflabs' }] },
	{
		title: 'n8n-nodes-lead-capture alone',
		packages: [COMBINED],
		runs: [{ example: SENDKIT_EXAMPLE, from: COMBINED }, { example: KICKOFFLABS_EXAMPLE, from: COMBINED }],
	},
	{
		title: 'all three side by side',
		packages: PACKAGES.map((spec) => spec.name),
		runs: [
			{ example: SENDKIT_EXAMPLE, from: 'n8n-nodes-sendkit' },
			{ example: SENDKIT_EXAMPLE, from: COMBINED },
			{ example: KICKOFFLABS_EXAMPLE, from: 'n8n-nodes-kickofflabs' },
		],
	},
];

async function main(): Promise<number> {
	const startedAt = Date.now();
	const release = process.argv.includes('--n8n=1') ? N8N_1 : CURRENT_N8N;
	const root = repoRoot();
	const version = readRootPackageJson(root).version;
	const tarballs = new Map(PACKAGES.map((spec) => [spec.name, path.join(root, 'packs', `${spec.name}-${version}.tgz`)]));
	const absent = [...tarballs.values()].filter((file) => !fs.existsSync(file));
	if (absent.length > 0) throw new Error(`no ${absent.map((file) => path.basename(file)).join(', ')}: run \`npm run pack\` first`);
	log(`[packages] the npm run pack tarballs in the real n8n ${release.version}`);
	const runtime = await ensureRuntime(release);
	const sandbox = await startSandbox({ keys: 'random' });
	let passed = 0;
	let failed = 0;
	try {
		for (const [index, layout] of LAYOUTS.entries()) {
			const userFolder = statePath(`n8n-packages-${release.version}-${index}`);
			fs.rmSync(userFolder, { recursive: true, force: true });
			fs.mkdirSync(userFolder, { recursive: true });
			const installed = new Map<string, string>();
			for (const name of layout.packages) {
				installed.set(name, (await installTarball(runtime, userFolder, tarballs.get(name) as string)).folder);
			}
			const ctx = makeContext(runtime, userFolder, { N8N_PORT: String(await freePort()), N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
			await importCredentials(ctx, sandboxCredentials(sandbox));
			const workflows = layout.runs.map((item, runIndex): WorkflowFile => {
				const file = path.join(installed.get(item.from) as string, 'examples', item.example);
				const id = `pkg${index}r${runIndex}`;
				const json = readJson(file) as Record<string, unknown>;
				return feedPinnedTriggers({ file: `${item.from}/examples/${item.example}`, id, name: `${item.from}: ${String(json.name)}`, json: { ...json, id } }).workflow;
			});
			const spec = PACKAGES.find((candidate) => candidate.name === layout.packages[0]) as PackageSpec;
			// The trigger server disables n8n 2's mcp-registry module by name, and n8n 1.x refuses to start with a module
			// name it does not know: on 1.x only the examples run.
			const triggers = (release === CURRENT_N8N ? (layout.triggers ?? []) : []).map((file, triggerIndex): WorkflowFile => {
				const source = path.join('test', 'e2e', 'trigger-workflows', file);
				const json = JSON.parse(exampleForPackage(fs.readFileSync(path.join(root, source), 'utf8'), spec)) as Record<string, unknown>;
				const id = `pkg${index}t${triggerIndex}`;
				return { file: source, id, name: `${spec.name}: ${String(json.name)}`, json: { ...json, id } };
			});
			await importWorkflows(ctx, [...workflows, ...triggers]);
			for (const [runIndex, item] of layout.runs.entries()) {
				const step = Date.now();
				await resetSandbox(sandbox);
				const spec = exampleExpectations[item.example];
				const result = await executeWorkflow(ctx, workflows[runIndex].id);
				const failures = check(spec, result.code, result.run, await requestLog(sandbox));
				if (result.run === undefined) failures.push(...(result.stdout + result.stderr).trim().split('\n').slice(-15).map((line) => `  | ${line}`));
				const label = `${layout.title}: ${item.from}'s ${item.example} (${spec.title})`;
				log(`${failures.length === 0 ? 'PASS' : 'FAIL'}  ${label}  (${elapsedSince(step)})`);
				for (const failure of failures) log(`      - ${failure}`);
				if (failures.length === 0) passed++;
				else failed++;
			}
			for (const result of await runTriggerSuite(ctx, sandbox, triggers)) {
				log(`${result.failures.length === 0 ? 'PASS' : 'FAIL'}  ${layout.title}: ${result.file} with ${spec.name}'s nodes (${result.title})  (${result.seconds})`);
				for (const failure of result.failures) log(`      - ${failure}`);
				if (result.failures.length === 0) passed++;
				else failed++;
			}
		}
	} finally {
		await sandbox.close();
	}
	log(`[packages] done in ${elapsedSince(startedAt)}`);
	log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		log(`[packages] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		log('0 passed, 1 failed');
		process.exit(1);
	},
);
