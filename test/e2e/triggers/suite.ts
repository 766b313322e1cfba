/**
 * The trigger part of the e2e run: one `n8n start` for every trigger workflow (examples with a trigger of this
 * package, and test/e2e/trigger-workflows/), each case run against a freshly reset sandbox, its workflow deactivated
 * afterwards whatever happened.
 */
import type { RunningSandbox } from '../../../sandbox';
import type { N8nContext, WorkflowFile } from '../../../dev/real-n8n/n8n';
import { elapsedSince, log } from '../../../dev/real-n8n/util';
import { triggerCases } from './cases';
import { startN8nServer, type RunningN8n } from './server';

/** Whether a workflow starts with one of this package's trigger nodes (so it needs `n8n start`, not `n8n execute`). */
export { isTriggerWorkflow } from '../../../dev/real-n8n/triggers';

export interface CaseResult {
	file: string;
	title: string;
	failures: string[];
	seconds: string;
}

export async function runTriggerSuite(ctx: N8nContext, sandbox: RunningSandbox, workflows: WorkflowFile[]): Promise<CaseResult[]> {
	if (workflows.length === 0) return [];
	const step = Date.now();
	const n8n = await startN8nServer(ctx);
	log(`[e2e] n8n start is up at ${n8n.url} for ${workflows.length} trigger workflow(s) (${elapsedSince(step)})`);
	try {
		return await runTriggerCases(n8n, sandbox, workflows);
	} finally {
		await n8n.stop();
	}
}

/** The trigger cases of `workflows` in an `n8n start` that is already running (and stays running). */
export async function runTriggerCases(n8n: RunningN8n, sandbox: RunningSandbox, workflows: WorkflowFile[]): Promise<CaseResult[]> {
	const results: CaseResult[] = [];
	for (const workflow of workflows) {
		const step = Date.now();
		const name = workflow.file.split('/').pop() ?? workflow.file;
		const spec = triggerCases[name];
		const failures: string[] = [];
		if (!spec) failures.push(`no trigger case: add an entry for ${name} to test/e2e/triggers/cases.ts`);
		else {
			for (const service of sandbox.services) service.control.reset();
			try {
				await spec.run({ rest: n8n.rest, sandbox, n8nUrl: n8n.url, workflowId: workflow.id }, failures);
			} catch (error) {
				failures.push(`runner error: ${error instanceof Error ? error.message : String(error)}`);
			} finally {
				await n8n.rest.deactivate(workflow.id).catch(() => undefined);
			}
		}
		if (failures.length > 0) failures.push(`n8n's log: ${n8n.logFile}`);
		results.push({ file: workflow.file, title: spec?.title ?? '', failures, seconds: elapsedSince(step) });
	}
	return results;
}

/** Entries of the case table whose workflow file does not exist. */
export function staleTriggerCases(workflows: WorkflowFile[]): string[] {
	const names = new Set(workflows.map((workflow) => workflow.file.split('/').pop()));
	return Object.keys(triggerCases)
		.filter((name) => !names.has(name))
		.map((name) => `test/e2e/triggers/cases.ts has an entry for ${name}, which is neither in examples/ nor in test/e2e/trigger-workflows/`);
}
