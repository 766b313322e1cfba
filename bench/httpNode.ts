/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, not inside n8n */
/**
 * The real n8n CLI from the runtime `npm start` installs (.cache/n8n-runtime), with this package installed as Settings >
 * Community Nodes installs it and the sandbox's credentials imported. It runs n8n's own HTTP Request node (n8n-nodes-base
 * 2.41.1, typeVersion 4.2) or this package's node: Manual Trigger → Code (one item per email) → the node. Speed is
 * measured from the API's side (first request received to last lead processed), so n8n's start-up is not counted: `n8n
 * execute` exits before it has written a large run (2,000 answers) to its output, so the run data cannot be read.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import type { N8nContext } from '../dev/real-n8n/n8n';
import { executeWorkflow, importCredentials, importWorkflows, installThisPackage, makeContext } from '../dev/real-n8n/n8n';
import { ensureRuntime } from '../dev/real-n8n/runtime';
import { freePort } from '../dev/real-n8n/util';
import { minimalNodeOf } from './minimalNode';
import { CREDENTIAL_TYPES, packageNode } from './packageClient';
import type { PlainRequest, SandboxInfo, ServiceKey } from './targets';

export type HttpNodeMode = 'defaults' | 'batching';

/** Batching as a user who knows the 50 requests/s limit would set it: 10 items every 200 ms. */
export const BATCHING = { batchSize: 10, batchInterval: 200 };

export interface HttpNodeRun {
	/** n8n's exit code: 1 when the node (and so the workflow) stopped on an error. */
	exitCode: number;
}

/** The credential id the package's node uses in the real n8n, per service. */
const credentialId = (service: ServiceKey) => `bench-${service}`;

export async function startHttpNodeRunner(sandbox: SandboxInfo): Promise<{ ctx: N8nContext; close(): void }> {
	const runtime = await ensureRuntime();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-bench-n8n-'));
	await installThisPackage(runtime, userFolder);
	// The bench's minimal node (minimalNode.ts) as a custom node: n8n loads `<Class>.node.js` files from these folders.
	const customFolder = path.join(userFolder, 'custom');
	fs.mkdirSync(customFolder, { recursive: true });
	fs.writeFileSync(
		path.join(customFolder, 'MinimalNode.node.js'),
		`module.exports = require(${JSON.stringify(path.join(__dirname, 'minimalNode.js'))});\n`,
	);
	const ctx = makeContext(runtime, userFolder, {
		N8N_PORT: String(await freePort()),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		N8N_CUSTOM_EXTENSIONS: customFolder,
	});
	const services = Object.keys(CREDENTIAL_TYPES) as ServiceKey[];
	await importCredentials(
		ctx,
		services.map((service) => {
			const type = CREDENTIAL_TYPES[service];
			return { id: credentialId(service), name: credentialId(service), type, data: sandbox[service].credentials[type] };
		}),
	);
	return { ctx, close: () => fs.rmSync(userFolder, { recursive: true, force: true }) };
}

/** Manual Trigger → Code (the items) → one node. */
function itemsWorkflow(id: string, emails: readonly string[], node: Record<string, unknown>): Record<string, unknown> {
	const code = `return ${JSON.stringify(emails)}.map((email) => ({ json: { email } }));`;
	const name = String(node.name);
	return {
		id,
		name: id,
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'c', name: 'Items', type: 'n8n-nodes-base.code', typeVersion: 2, position: [200, 0], parameters: { jsCode: code } },
			{ ...node, position: [400, 0] },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: name, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function keyValues(values: Record<string, string>) {
	return { parameters: Object.entries(values).map(([name, value]) => ({ name, value })) };
}

const BATCHING_OF: Record<HttpNodeMode, { batchSize: number; batchInterval: number } | undefined> = {
	defaults: undefined,
	batching: BATCHING,
};

function httpNode(request: PlainRequest, mode: HttpNodeMode): Record<string, unknown> {
	const sample = request.body('EMAIL');
	const bodyFields: Record<string, string> = {};
	for (const [name, value] of Object.entries(sample)) bodyFields[name] = value === 'EMAIL' ? '={{ $json.email }}' : value;
	const batch = BATCHING_OF[mode];
	return {
		id: 'h',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
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
			options: batch ? { batching: { batch } } : {},
		},
	};
}

let sequence = 0;

export async function runHttpNode(
	ctx: N8nContext,
	request: PlainRequest,
	emails: readonly string[],
	mode: HttpNodeMode,
): Promise<HttpNodeRun> {
	const id = `bench${Date.now().toString(36)}${sequence++}`.slice(0, 21);
	return await runInN8n(ctx, id, itemsWorkflow(id, emails, httpNode(request, mode)));
}

/** This package's node, as the in-process bench runs it (packageClient.ts), in the real n8n. */
export async function runPackageInN8n(
	ctx: N8nContext,
	service: ServiceKey,
	emails: readonly string[],
	concurrency: number | undefined,
): Promise<HttpNodeRun> {
	const id = `benchpkg${Date.now().toString(36)}${sequence++}`.slice(0, 21);
	const node = packageNode(service, concurrency, { id: credentialId(service), name: credentialId(service) });
	return await runInN8n(ctx, id, itemsWorkflow(id, emails, node));
}

/** The bench's minimal node (one expression, one authenticated request per item) in the real n8n. */
export async function runMinimalNodeInN8n(
	ctx: N8nContext,
	service: ServiceKey,
	request: PlainRequest,
	emails: readonly string[],
): Promise<HttpNodeRun> {
	const id = `benchmin${Date.now().toString(36)}${sequence++}`.slice(0, 21);
	const node = minimalNodeOf(service, request, 'CUSTOM.minimalNode', { id: credentialId(service), name: credentialId(service) });
	return await runInN8n(ctx, id, itemsWorkflow(id, emails, node));
}

async function runInN8n(ctx: N8nContext, id: string, json: Record<string, unknown>): Promise<HttpNodeRun> {
	await importWorkflows(ctx, [{ file: `${id}.json`, id, name: id, json }]);
	const result = await executeWorkflow(ctx, id);
	return { exitCode: result.code };
}
