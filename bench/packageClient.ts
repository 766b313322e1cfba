/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, not inside n8n */
import type { Engine, WorkflowJson } from '../dev/engine';
import { runWorkflow } from '../dev/engine';
import type { EngineCredentials } from '../dev/engine/credentials';
import type { ServiceKey } from './targets';

const NODE_TYPES: Record<ServiceKey, string> = {
	sendKit: 'n8n-nodes-lead-capture.sendKit',
	kickoffLabs: 'n8n-nodes-lead-capture.kickoffLabs',
};
export const CREDENTIAL_TYPES: Record<ServiceKey, string> = { sendKit: 'sendKitApi', kickoffLabs: 'kickoffLabsApi' };

/** The package's node: create, email from the item, Continue using error output. */
export function packageNode(service: ServiceKey, concurrency: number | undefined, credential = { id: 'bench', name: 'bench' }) {
	const options = concurrency === undefined ? {} : { concurrency };
	return {
		id: 'node',
		name: 'Leads',
		type: NODE_TYPES[service],
		typeVersion: 1,
		position: [200, 0] as [number, number],
		parameters: { resource: 'lead', operation: 'create', email: '={{ $json.email }}', options },
		credentials: { [CREDENTIAL_TYPES[service]]: credential },
		onError: 'continueErrorOutput' as const,
	};
}

/** Manual Trigger → the package's node. */
function packageWorkflow(service: ServiceKey, concurrency: number | undefined): WorkflowJson {
	return {
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			packageNode(service, concurrency),
		],
		connections: { Start: { main: [[{ node: 'Leads', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export interface PackageRun {
	seconds: number;
	/** Items on the Error output. */
	errors: number;
}

/** Runs the node over one item per email through n8n's engine in this process. */
export async function runPackage(
	engine: Engine,
	service: ServiceKey,
	credentials: EngineCredentials,
	emails: readonly string[],
	concurrency: number | undefined,
): Promise<PackageRun> {
	const input = emails.map((email) => ({ json: { email } }));
	const started = process.hrtime.bigint();
	const result = await runWorkflow(engine, packageWorkflow(service, concurrency), { credentials, input });
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (result.error) throw new Error(`the package's run failed: ${result.error.message}`);
	return {
		seconds,
		errors: result.output('Leads', result.outputCount('Leads') - 1).filter((item) => item.json.error !== undefined).length,
	};
}
