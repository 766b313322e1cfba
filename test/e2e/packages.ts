/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run test:e2e:packages` (`-- --n8n=1` for n8n 1.123.81): the tarballs of `npm run pack` in the real n8n, each
 * installed as Settings > Community Nodes installs it, alone and all three side by side, with one shipped example per
 * package run end to end by `n8n execute` against the sandbox (the example as the package ships it, node types renamed
 * to the package's own); then, in `n8n start`, Settings > Community Nodes lists each installed package with its own
 * nodes, and n8n-nodes-sendkit's trigger is activated. Side by side, the SendKit example runs once with each package's
 * node types.
 */
import * as fs from 'fs';
import * as path from 'path';

import { communityListingFailures } from '../../dev/real-n8n/community-listing';
import {
	makeContext,
	importCredentials,
	importWorkflows,
	installTarball,
	executeWorkflow,
	registerCommunityPackage,
	sandboxCredentials,
	type InstalledPackage,
	type N8nContext,
	type WorkflowFile,
} from '../../dev/real-n8n/n8n';
import { CURRENT_N8N, ensureRuntime, N8N_1, statePath } from '../../dev/real-n8n/runtime';
import { elapsedSince, freePort, isRecord, log, readJson, repoRoot } from '../../dev/real-n8n/util';
import { exampleForPackage } from '../../packaging/contents';
import { COMBINED, PACKAGES, type PackageSpec } from '../../packaging/packages';
import { readRootPackageJson } from '../../packaging/tarballs';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { exampleExpectations } from './examples';
import { check } from './expect';
import { feedPinnedTriggers, requestLog, resetSandbox } from './run';
import { startN8nServer } from './triggers/server';
import { runTriggerCases } from './triggers/suite';

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
	/**
	 * Installed after the others, which Settings > Community Nodes cannot record: n8n keys its installed_nodes table by
	 * a node's display name, which the combined package shares with the per-service ones, so n8n's install fails to
	 * save it and rolls it back ("Failed to save installed package"). Its files are installed all the same, as a manual
	 * npm install into ~/.n8n/nodes would, so that its nodes still run beside the others.
	 */
	refused?: string;
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
		refused: COMBINED,
		runs: [
			{ example: SENDKIT_EXAMPLE, from: 'n8n-nodes-sendkit' },
			{ example: SENDKIT_EXAMPLE, from: COMBINED },
			{ example: KICKOFFLABS_EXAMPLE, from: 'n8n-nodes-kickofflabs' },
		],
	},
];

interface Outcome {
	label: string;
	failures: string[];
	seconds: string;
}

/**
 * One `n8n start` for the layout: what Settings > Community Nodes lists for each installed package, then the trigger
 * workflows activated with the nodes of `spec`.
 */
async function inN8nStart(
	ctx: N8nContext,
	sandbox: RunningSandbox,
	packages: InstalledPackage[],
	triggers: WorkflowFile[],
	spec: PackageSpec,
	refused: string | undefined,
): Promise<Outcome[]> {
	const step = Date.now();
	const n8n = await startN8nServer(ctx);
	try {
		const listed = await n8n.rest.call('GET', '/community-packages');
		const listings = packages.map((item): Outcome => ({
			label: `Settings > Community Nodes lists ${item.name}@${item.version} with its own ${item.nodes.length} nodes`,
			failures: communityListingFailures(listed, item),
			seconds: elapsedSince(step),
		}));
		if (refused !== undefined) {
			const shown = Array.isArray(listed) && listed.some((entry) => isRecord(entry) && entry.packageName === refused);
			listings.push({ label: `Settings > Community Nodes does not list ${refused}`, failures: shown ? [`it lists ${refused}`] : [], seconds: elapsedSince(step) });
		}
		const cases = (await runTriggerCases(n8n, sandbox, triggers)).map((result): Outcome => ({
			label: `${result.file} with ${spec.name}'s nodes (${result.title})`,
			failures: result.failures,
			seconds: result.seconds,
		}));
		return [...listings, ...cases];
	} finally {
		await n8n.stop();
	}
}

/** Failures unless recording `item` in n8n's database fails on a node display name another package holds. */
async function refusalFailures(ctx: N8nContext, item: InstalledPackage): Promise<string[]> {
	try {
		await registerCommunityPackage(ctx, item);
		return [`n8n's database recorded ${item.name}: Settings > Community Nodes may now install it beside the others (README "One or the other, not both")`];
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return message.includes('UNIQUE constraint failed: installed_nodes.name') ? [] : [`recording ${item.name} failed otherwise: ${message.slice(-300)}`];
	}
}

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
			const installed = new Map<string, InstalledPackage>();
			for (const name of layout.packages) {
				installed.set(name, await installTarball(runtime, userFolder, tarballs.get(name) as string));
			}
			const ctx = makeContext(runtime, userFolder, { N8N_PORT: String(await freePort()), N8N_RUNNERS_BROKER_PORT: String(await freePort()) });
			await importCredentials(ctx, sandboxCredentials(sandbox));
			const workflows = layout.runs.map((item, runIndex): WorkflowFile => {
				const file = path.join((installed.get(item.from) as InstalledPackage).folder, 'examples', item.example);
				const id = `pkg${index}r${runIndex}`;
				const json = readJson(file) as Record<string, unknown>;
				return feedPinnedTriggers({ file: `${item.from}/examples/${item.example}`, id, name: `${item.from}: ${String(json.name)}`, json: { ...json, id } }).workflow;
			});
			const spec = PACKAGES.find((candidate) => candidate.name === layout.packages[0]) as PackageSpec;
			const triggers = (layout.triggers ?? []).map((file, triggerIndex): WorkflowFile => {
				const source = path.join('test', 'e2e', 'trigger-workflows', file);
				const json = JSON.parse(exampleForPackage(fs.readFileSync(path.join(root, source), 'utf8'), spec)) as Record<string, unknown>;
				const id = `pkg${index}t${triggerIndex}`;
				return { file: source, id, name: `${spec.name}: ${String(json.name)}`, json: { ...json, id } };
			});
			await importWorkflows(ctx, [...workflows, ...triggers]);
			// As Settings > Community Nodes > Install records a package after downloading it (the database exists now).
			const listed = [...installed.values()].filter((item) => item.name !== layout.refused);
			for (const item of listed) await registerCommunityPackage(ctx, item);
			if (layout.refused !== undefined) {
				const label = `${layout.title}: Settings > Community Nodes cannot record ${layout.refused} beside the others (node display names taken)`;
				const failures = await refusalFailures(ctx, installed.get(layout.refused) as InstalledPackage);
				log(`${failures.length === 0 ? 'PASS' : 'FAIL'}  ${label}`);
				for (const failure of failures) log(`      - ${failure}`);
				if (failures.length === 0) passed++;
				else failed++;
			}
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
			for (const result of await inN8nStart(ctx, sandbox, listed, triggers, spec, layout.refused)) {
				log(`${result.failures.length === 0 ? 'PASS' : 'FAIL'}  ${layout.title}: ${result.label}  (${result.seconds})`);
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
