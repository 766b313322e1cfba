/**
 * Workflows that start with one of this package's trigger nodes: they only do something once n8n has activated them
 * (registered their webhooks, started their pollers), which `npm start` and the e2e run do through n8n's REST API.
 */
import type { WorkflowFile } from './n8n';
import type { N8nRest } from './rest';
import { isRecord } from './util';

const PACKAGE_TRIGGER = /^n8n-nodes-lead-capture\.\w+Trigger$/;

export function isTriggerWorkflow(workflow: WorkflowFile): boolean {
	const nodes = Array.isArray(workflow.json.nodes) ? workflow.json.nodes : [];
	return nodes.some((node) => isRecord(node) && typeof node.type === 'string' && PACKAGE_TRIGGER.test(node.type));
}

/** Activates every trigger workflow among `workflows`; returns the ones it activated. */
export async function activateTriggerWorkflows(rest: N8nRest, workflows: WorkflowFile[]): Promise<WorkflowFile[]> {
	const triggers = workflows.filter(isTriggerWorkflow);
	for (const workflow of triggers) await rest.activate(workflow.id);
	return triggers;
}
