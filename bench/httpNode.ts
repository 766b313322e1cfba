/* eslint-disable @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, not inside n8n */
/**
 * n8n's own HTTP Request node (n8n-nodes-base 2.41.1, typeVersion 4.2), run by the real n8n CLI from the runtime
 * `npm start` installs (.cache/n8n-runtime): Manual Trigger → Code (one item per email) → HTTP Request. Its speed is
 * measured from the API's side (first request received to last lead processed), so n8n's start-up is not counted: `n8n
 * execute` exits before it has written a large run (2,000 answers) to its output, so the run data cannot be read.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { N8nContext } from '../dev/real-n8n/n8n';
import { executeWorkflow, importWorkflows, makeContext } from '../dev/real-n8n/n8n';
import { ensureRuntime } from '../dev/real-n8n/runtime';
import { freePort } from '../dev/real-n8n/util';
import type { PlainRequest } from './targets';

export type HttpNodeMode = 'defaults' | 'batching';

/** Batching as a user who knows the 50 requests/s limit would set it: 10 items every 200 ms. */
export const BATCHING = { batchSize: 10, batchInterval: 200 };

export interface HttpNodeRun {
	/** n8n's exit code: 1 when the node (and so the workflow) stopped on an error. */
	exitCode: number;
}

export async function startHttpNodeRunner(): Promise<{ ctx: N8nContext; close(): void }> {
	const runtime = await ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-bench-n8n-'));
	const ctx = makeContext(runtime, userFolder, {
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	});
	return { ctx, close: () => fs.rmSync(userFolder, { recursive: true, force: true }) };
}

function keyValues(values: Record<string, string>) {
	return { parameters: Object.entries(values).map(([name, value]) => ({ name, value })) };
}

function httpWorkflow(id: string, request: PlainRequest, emails: readonly string[], mode: HttpNodeMode): Record<string, unknown> {
	const sample = request.body('EMAIL');
	const bodyFields: Record<string, string> = {};
	for (const [name, value] of Object.entries(sample)) bodyFields[name] = value === 'EMAIL' ? '={{ $json.email }}' : value;
	const code = `return ${JSON.stringify(emails)}.map((email) => ({ json: { email } }));`;
	return {
		id,
		name: id,
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'c', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: code } },
			{
				id: 'h',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [400, 0],
				parameters: {
					method: 'POST',
					url: request.url,
					sendQuery: Object.keys(request.params).length > 0,
					queryParameters: keyValues(request.params),
					sendHeaders: Object.keys(request.headers).length > 0,
					headerParameters: keyValues(request.headers),
					sendBody: true,
					contentType: 'json',
					specifyBody: 'keypair',
					bodyParameters: keyValues(bodyFields),
					options: mode === 'batching' ? { batching: { batch: BATCHING } } : {},
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

let sequence = 0;

export async function runHttpNode(ctx: N8nContext, request: PlainRequest, emails: readonly string[], mode: HttpNodeMode): Promise<HttpNodeRun> {
	const id = `bench${Date.now().toString(36)}${sequence++}`.slice(0, 21);
	await importWorkflows(ctx, [{ file: `${id}.json`, id, name: id, json: httpWorkflow(id, request, emails, mode) }]);
	const result = await executeWorkflow(ctx, id);
	return { exitCode: result.code };
}
