/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * End-to-end tests in the real n8n CLI (n8n 2.41.1 on Node 24, from the cached runtime).
 *
 *   npm run test:e2e                          # builds, then: node .build/test/e2e/run.js
 *   node .build/test/e2e/run.js duplicate     # only workflows whose file name contains "duplicate"
 *   node .build/test/e2e/run.js editor        # only the checks against the running n8n server (editor-checks.ts)
 *
 * The package is installed from its `npm pack` tarball the way n8n installs community packages,
 * into a fresh n8n user folder (.cache/n8n-e2e, see statePath; kept after the run for inspection). The sandbox
 * runs in this process on free ports; every workflow of examples/ and test/e2e/workflows/, and each
 * AI Agent case of agents.ts (test/e2e/agents/) with Agent 3.1 and 2.2, is
 * imported once and run with one `n8n execute --id=<id> --rawOutput` each, after a sandbox reset.
 * Each run's output is kept in .cache/n8n-e2e/runs/<workflow id>.json.
 * Then (without a filter) starts `n8n start` as `npm start` does and checks, through the editor's REST API,
 * that Settings > Community Nodes lists the package, the search aliases and the credential test messages.
 * Ends with the line `N passed, M failed`; exits 1 on any failure.
 */
import * as fs from 'fs';
import * as path from 'path';
import { startSandbox, type RecordedRequest, type RunningSandbox } from '../../sandbox';
import {
	executeWorkflow,
	importCredentials,
	importWorkflows,
	installThisPackage,
	loadWorkflows,
	makeContext,
	sandboxCredentials,
	type CredentialImport,
	type N8nContext,
	type WorkflowFile,
} from '../../dev/real-n8n/n8n';
import { ensureRuntime, N8N_VERSION, statePath } from '../../dev/real-n8n/runtime';
import { elapsedSince, freePort, isRecord, log, repoRoot } from '../../dev/real-n8n/util';
import { agentWorkflows } from './agents';
import { e2eCases, extraCredentials } from './cases';
import { runEditorChecks } from './editor-checks';
import { exampleExpectations, exampleRerunExpectations } from './examples';
import { check, type RequestLog, type WorkflowSpec } from './expect';
import { isTriggerWorkflow, runTriggerSuite, staleTriggerCases } from './triggers/suite';

interface Planned {
	workflow: WorkflowFile;
	/** Checked on a second run right after the first, without a sandbox reset (examples only). */
	rerun?: WorkflowSpec;
	/** Undefined when the table has no entry for this workflow file: that is a failure. */
	spec: WorkflowSpec | undefined;
}

async function control(url: string, method: 'GET' | 'POST', route: string): Promise<unknown> {
	const response = await fetch(`${url}/__sandbox/${route}`, { method });
	if (!response.ok) throw new Error(`${method} ${url}/__sandbox/${route}: HTTP ${response.status}`);
	return (await response.json()) as unknown;
}

export async function resetSandbox(sandbox: RunningSandbox): Promise<void> {
	for (const service of sandbox.services) await control(service.url, 'POST', 'reset');
}

export async function requestLog(sandbox: RunningSandbox): Promise<RequestLog> {
	return {
		sendKit: (await control(sandbox.sendKit.url, 'GET', 'requests')) as RecordedRequest[],
		kickoffLabs: (await control(sandbox.kickoffLabs.url, 'GET', 'requests')) as RecordedRequest[],
	};
}

/**
 * `n8n execute` runs in 'cli' mode, where n8n ignores pinned data (WorkflowRunner.resolvePinData
 * uses it only for 'manual' and 'evaluation' runs), while the editor's "Execute workflow" uses it.
 * The examples pin their sample sign-ups on the Manual Trigger, so the e2e copy of such a workflow
 * gets a Code node right after the trigger that emits exactly those items: every node after it then
 * sees what it sees in the editor. The workflow files themselves are not changed.
 */
export function feedPinnedTriggers(workflow: WorkflowFile): { workflow: WorkflowFile; fed: string[] } {
	const json = workflow.json;
	const pinData = isRecord(json.pinData) ? { ...json.pinData } : {};
	const nodes = Array.isArray(json.nodes) ? [...(json.nodes as unknown[])] : [];
	const connections = isRecord(json.connections) ? { ...json.connections } : {};
	const fed: string[] = [];
	for (const node of nodes) {
		if (!isRecord(node) || node.type !== 'n8n-nodes-base.manualTrigger' || typeof node.name !== 'string') continue;
		const pinned = pinData[node.name];
		if (!Array.isArray(pinned) || pinned.length === 0) continue;
		const feeder = `${node.name} (pinned data)`;
		const items = pinned.map((item: unknown) => ({ json: isRecord(item) && isRecord(item.json) ? item.json : {} }));
		const position = Array.isArray(node.position) ? node.position : [0, 0];
		nodes.push({
			id: `${String(node.id ?? node.name)}-pinned`,
			name: feeder,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [Number(position[0]) + 40, Number(position[1]) + 160],
			parameters: { jsCode: `return ${JSON.stringify(items)};` },
		});
		connections[feeder] = connections[node.name] ?? { main: [[]] };
		connections[node.name] = { main: [[{ node: feeder, type: 'main', index: 0 }]] };
		delete pinData[node.name];
		fed.push(node.name);
	}
	if (fed.length === 0) return { workflow, fed };
	return { workflow: { ...workflow, json: { ...json, nodes, connections, pinData } }, fed };
}

function plan(filter: string | undefined): { planned: Planned[]; triggers: WorkflowFile[]; stale: string[] } {
	const root = repoRoot();
	const allExamples = loadWorkflows(path.join(root, 'examples'));
	// Workflows that start with one of this package's triggers run in `n8n start` (./triggers), not `n8n execute`.
	const examples = allExamples.filter((workflow) => !isTriggerWorkflow(workflow));
	const triggers = [
		...allExamples.filter(isTriggerWorkflow),
		...loadWorkflows(path.join(root, 'test', 'e2e', 'trigger-workflows'), 'e2etrg'),
	];
	const e2e = loadWorkflows(path.join(root, 'test', 'e2e', 'workflows'), 'e2e');
	const fileName = (workflow: WorkflowFile): string => path.basename(workflow.file);
	const planned: Planned[] = [
		...examples.map((workflow) => {
			const { workflow: runnable, fed } = feedPinnedTriggers(workflow);
			for (const trigger of fed) {
				log(`[e2e] ${workflow.file}: "${trigger}" has pinned data, which n8n execute ignores: fed through a Code node`);
			}
			return { workflow: runnable, spec: exampleExpectations[fileName(workflow)], rerun: exampleRerunExpectations[fileName(workflow)] };
		}),
		...e2e.map((workflow) => ({ workflow, spec: e2eCases[fileName(workflow)] })),
		// AI Agent workflows: each case of agents.ts with Agent 3.1 and 2.2.
		...agentWorkflows(loadWorkflows(path.join(root, 'test', 'e2e', 'agents'), 'agent')),
	];
	const ids = new Map<string, string>();
	for (const workflow of [...planned.map((item) => item.workflow), ...triggers]) {
		const other = ids.get(workflow.id);
		if (other) throw new Error(`${workflow.file} and ${other} have the same workflow id "${workflow.id}"`);
		ids.set(workflow.id, workflow.file);
	}
	const stale = [
		...Object.keys(exampleExpectations)
			.filter((file) => !examples.some((workflow) => fileName(workflow) === file))
			.map((file) => `test/e2e/examples.ts has an entry for examples/${file}, which does not exist`),
		...Object.keys(e2eCases)
			.filter((file) => !e2e.some((workflow) => fileName(workflow) === file))
			.map((file) => `test/e2e/cases.ts has an entry for test/e2e/workflows/${file}, which does not exist`),
		...staleTriggerCases(triggers),
	];
	const selected = filter ? planned.filter(({ workflow }) => workflow.file.includes(filter)) : planned;
	const selectedTriggers = filter ? triggers.filter((workflow) => workflow.file.includes(filter)) : triggers;
	return { planned: selected, triggers: selectedTriggers, stale: filter ? [] : stale };
}

async function runOne(ctx: N8nContext, sandbox: RunningSandbox, item: Planned): Promise<string[]> {
	if (!item.spec) {
		return [`no expectations: add an entry for ${path.basename(item.workflow.file)} to ` +
			(item.workflow.file.startsWith('examples') ? 'test/e2e/examples.ts' : 'test/e2e/cases.ts')];
	}
	await resetSandbox(sandbox);
	await item.spec.setup?.(sandbox);
	const result = await executeWorkflow(ctx, item.workflow.id);
	// Kept for a look after the run: what n8n printed, parsed when possible.
	const runsDir = path.join(ctx.userFolder, 'runs');
	fs.mkdirSync(runsDir, { recursive: true });
	fs.writeFileSync(
		path.join(runsDir, `${item.workflow.id}.json`),
		result.run === undefined ? result.stdout + result.stderr : JSON.stringify(result.run, null, '\t'),
	);
	const failures = check(item.spec, result.code, result.run, await requestLog(sandbox));
	if (result.run !== undefined) failures.push(...(item.spec.verify?.(result.run, sandbox) ?? []));
	failures.push(...(item.spec.afterRun?.(sandbox) ?? []));
	const pinData = item.workflow.json.pinData;
	if (failures.length > 0 && isRecord(pinData) && Object.keys(pinData).length > 0) {
		failures.push(
			`note: nodes ${Object.keys(pinData).join(', ')} have pinned data, which \`n8n execute\` ignores (n8n uses ` +
				'pinned data only in manual runs from the editor)',
		);
	}
	if (failures.length > 0 && result.run === undefined) {
		const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-15);
		failures.push(...tail.map((line) => `  | ${line}`));
	}
	return failures;
}

async function main(): Promise<number> {
	const startedAt = Date.now();
	const filter = process.argv[2];
	log(`[e2e] example and e2e workflows in the real n8n ${N8N_VERSION} CLI`);
	const { planned, triggers, stale } = plan(filter);
	log(`[e2e] ${planned.length} workflow(s) and ${triggers.length} trigger workflow(s)${filter ? ` matching "${filter}"` : ''}`);

	const runtime = await ensureRuntime();
	const userFolder = statePath('n8n-e2e');
	fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });

	let step = Date.now();
	const installed = await installThisPackage(runtime, userFolder);
	log(`[e2e] installed ${installed.name}@${installed.version} from its npm pack tarball (${elapsedSince(step)})`);

	const sandbox = await startSandbox({ keys: 'random' });
	let passed = 0;
	let failed = 0;
	try {
		const ctx = makeContext(runtime, userFolder, {
			N8N_PORT: String(await freePort()),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		step = Date.now();
		const credentials: CredentialImport[] = [...sandboxCredentials(sandbox), ...extraCredentials(sandbox)];
		await importCredentials(ctx, credentials);
		await importWorkflows(ctx, [...planned.map(({ workflow }) => workflow), ...triggers]);
		log(`[e2e] imported ${credentials.length} credentials and ${planned.length + triggers.length} workflows (${elapsedSince(step)})`);

		for (const item of planned) {
			step = Date.now();
			let failures: string[];
			try {
				failures = await runOne(ctx, sandbox, item);
			} catch (error) {
				failures = [`runner error: ${error instanceof Error ? error.message : String(error)}`];
			}
			const title = item.spec?.title ?? '';
			if (failures.length === 0) {
				passed++;
				log(`PASS  ${item.workflow.file}  ${title}  (${elapsedSince(step)})`);
			} else {
				failed++;
				log(`FAIL  ${item.workflow.file}  ${title}  (${elapsedSince(step)})`);
				for (const failure of failures) log(`      - ${failure}`);
			}
			if (item.rerun) {
				step = Date.now();
				let again: string[];
				try {
					const result = await executeWorkflow(ctx, item.workflow.id);
					again = check(item.rerun, result.code, result.run, await requestLog(sandbox));
				} catch (error) {
					again = [`runner error: ${error instanceof Error ? error.message : String(error)}`];
				}
				if (again.length === 0) passed++;
				else failed++;
				log(`${again.length === 0 ? 'PASS' : 'FAIL'}  ${item.workflow.file}  ${item.rerun.title}  (${elapsedSince(step)})`);
				for (const failure of again) log(`      - ${failure}`);
			}
		}
		for (const result of await runTriggerSuite(ctx, sandbox, triggers)) {
			if (result.failures.length === 0) {
				passed++;
				log(`PASS  ${result.file}  ${result.title}  (${result.seconds})`);
			} else {
				failed++;
				log(`FAIL  ${result.file}  ${result.title}  (${result.seconds})`);
				for (const failure of result.failures) log(`      - ${failure}`);
			}
		}
		for (const problem of stale) {
			failed++;
			log(`FAIL  ${problem}`);
		}
	} finally {
		await sandbox.close();
	}
	if (!filter || filter === 'editor') {
		step = Date.now();
		log('[e2e] the running n8n server, set up as npm start sets it up (REST API of the editor)');
		for (const check of await runEditorChecks()) {
			if (check.failures.length === 0) {
				passed++;
				log(`PASS  editor: ${check.title}`);
			} else {
				failed++;
				log(`FAIL  editor: ${check.title}`);
				for (const failure of check.failures) log(`      - ${failure}`);
			}
		}
		log(`[e2e] editor checks done (${elapsedSince(step)})`);
	}
	log(`[e2e] done in ${elapsedSince(startedAt)}; n8n user folder kept in ${path.relative(repoRoot(), userFolder)}`);
	log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

// Only when run as the e2e runner, not when test/e2e/packages.ts borrows its helpers.
if (require.main === module) main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[e2e] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		log('0 passed, 1 failed');
		process.exit(1);
	},
);
