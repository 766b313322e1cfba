/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run demo`: starts the sandbox APIs, runs every workflow in examples/ through the real n8n engine
 * (in-process) with this package as n8n loads it, and prints what reached each output of each node.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { startSandbox } from '../sandbox';
import type { WorkflowJson, WorkflowRun } from './engine';
import { createEngine, runWorkflow } from './engine';
import { sandboxEngineCredentials } from './engine/credentials';

const repoRoot = path.resolve(__dirname, '..', '..');

function describeItem(item: INodeExecutionData): string {
	const json = item.json;
	const pick = (...keys: string[]) =>
		keys
			.filter((key) => json[key] !== undefined && json[key] !== null && typeof json[key] !== 'object')
			.map((key) => `${key}=${String(json[key])}`)
			.join(' ');
	if (json.error) return `error: ${String(json.error)}`;
	return pick('email', '_id', 'social_id', 'rank', 'counter', 'referrals', 'name', 'status', 'reason', 'message', 'outcome') || JSON.stringify(json).slice(0, 100);
}

function printRun(file: string, workflow: WorkflowJson, run: WorkflowRun): void {
	console.log(`\n▶ ${workflow.name ?? file}  (examples/${file})`);
	if (run.error) console.log(`  workflow stopped: ${run.error.message}`);
	for (const nodeName of run.executionOrder) {
		const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
		if (!node || node.type === 'n8n-nodes-base.manualTrigger') continue;
		console.log(`  ${nodeName}`);
		run.outputNames(nodeName).forEach((label, index) => {
			const items = run.output(nodeName, index);
			console.log(`    ${label.padEnd(16)} ${items.length} item(s)`);
			for (const item of items) console.log(`      · ${describeItem(item)}`);
		});
	}
}

async function main(): Promise<void> {
	const sandbox = await startSandbox({ keys: 'random' });
	try {
		console.log(`Sandbox: ${sandbox.services.map((service) => `${service.title} ${service.url}`).join(', ')}`);
		const engine = await createEngine(repoRoot);
		const examples = fs.readdirSync(path.join(repoRoot, 'examples')).filter((file) => file.endsWith('.json')).sort();
		for (const file of examples) {
			const workflow = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', file), 'utf8')) as WorkflowJson;
			// The in-process engine has this package and a Manual Trigger only: AI Agent examples need the real n8n.
			const foreign = workflow.nodes.find((node) => !node.type.startsWith(`${engine.packageName}.`) && node.type !== 'n8n-nodes-base.manualTrigger');
			if (foreign) {
				console.log(`\n▶ ${workflow.name ?? file}  (examples/${file}): uses ${foreign.type}; run it in the real n8n (npm start)`);
				continue;
			}
			const run = await runWorkflow(engine, workflow, { credentials: sandboxEngineCredentials(sandbox) });
			printRun(file, workflow, run);
		}
	} finally {
		await sandbox.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
