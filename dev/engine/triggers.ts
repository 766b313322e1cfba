/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * Trigger workflows in-process: what n8n's ActiveWorkflowManager, WebhookService and poll scheduler do for this
 * package's trigger nodes, with n8n-core's own HookContext, WebhookContext and PollContext.
 *
 * - `TriggerHost` is the webhook server (127.0.0.1, free port): it serves `/webhook/<webhookId>/<path>` like n8n,
 *   parses bodies like n8n's body parser (raw body kept, JSON and form-encoded parsed), runs the node's `webhook()` and,
 *   when it returns items, the workflow from the trigger node.
 * - `host.activate(workflow)` runs each webhook's checkExists/create (activation) and each poll node's first poll, as
 *   n8n does; `deactivate()` runs delete. Static data persists in the activation and can be carried into a new one
 *   (an n8n restart) with `staticData`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import querystring from 'node:querystring';

import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IRunExecutionData,
	IWebhookData,
	IWebhookDescription,
	IWorkflowBase,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import { HookContext, PollContext, WebhookContext, WorkflowExecute } from 'n8n-core';

import type { EngineCredentials } from './credentials';
import type { Engine, WorkflowJson } from './index';
import { buildAdditionalData, toWorkflowBase } from './index';

/** One workflow run started by a trigger. */
export interface TriggeredRun {
	run: IRun;
	/** Items that left `nodeName` on `outputIndex` in its first run. */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	error: IRun['data']['resultData']['error'];
	mode: WorkflowExecuteMode;
}

export interface ActivationOptions {
	credentials: EngineCredentials;
	/** Static data saved by an earlier activation (an n8n restart); default: none. */
	staticData?: IDataObject;
	/** n8n's activation mode: 'activate' (a user turns it on, default), 'init' (n8n starts), 'update'. */
	activation?: WorkflowActivateMode;
}

interface WebhookRoute {
	active: ActiveWorkflow;
	node: INode;
	description: IWebhookDescription;
}

/** A workflow whose triggers are live. */
export class ActiveWorkflow {
	/** Every run a delivery or poll started, finished or not, in order. */
	readonly runs: Array<Promise<TriggeredRun>> = [];
	readonly workflow: Workflow;
	readonly workflowData: IWorkflowBase;
	private deactivated = false;

	constructor(
		readonly engine: Engine,
		readonly workflowJson: WorkflowJson,
		readonly credentials: EngineCredentials,
		readonly webhookBaseUrl: string,
		staticData: IDataObject,
	) {
		this.workflowData = toWorkflowBase(workflowJson);
		this.workflow = new Workflow({
			id: this.workflowData.id,
			name: this.workflowData.name,
			nodes: this.workflowData.nodes,
			connections: this.workflowData.connections,
			nodeTypes: engine.nodeTypes,
			settings: this.workflowData.settings,
			active: true,
			staticData: JSON.parse(JSON.stringify(staticData)) as IDataObject,
		});
	}

	get isActive(): boolean {
		return !this.deactivated;
	}

	/** The static data as n8n saves it after activation and each run: a copy, for a later activation. */
	staticData(): IDataObject {
		// n8n stores static data as JSON; it is an observable proxy here, which structuredClone cannot copy.
		const copy = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
		delete copy.__dataChanged;
		return copy;
	}

	/** The node's own static data (what `getWorkflowStaticData('node')` returns to it). */
	nodeStaticData(nodeName: string): IDataObject {
		const node = this.requireNode(nodeName);
		return this.workflow.getStaticData('node', node);
	}

	/** Every run started so far, once finished. */
	async settledRuns(): Promise<TriggeredRun[]> {
		return await Promise.all(this.runs);
	}

	additionalData(mode: WorkflowExecuteMode, extra: IDataObject = {}) {
		const additionalData = buildAdditionalData(this.engine, this.workflowData, this.credentials, [], mode);
		return Object.assign(additionalData, { webhookBaseUrl: this.webhookBaseUrl, webhookTestBaseUrl: `${this.webhookBaseUrl}-test` }, extra);
	}

	webhookData(node: INode, description: IWebhookDescription, additionalData = this.additionalData('webhook')): IWebhookData {
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: String(description.path),
			webhookDescription: description,
			workflowId: this.workflowData.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
	}

	/** Runs checkExists, create or delete of a node's webhook, as n8n's WebhookService.runWebhookMethod does. */
	async runWebhookMethod(
		node: INode,
		description: IWebhookDescription,
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const nodeType = this.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const fn = nodeType.webhookMethods?.[description.name]?.[method];
		if (!fn) return undefined;
		const additionalData = this.additionalData('webhook');
		const context = new HookContext(this.workflow, node, additionalData, 'webhook', activation, this.webhookData(node, description, additionalData));
		return await fn.call(context);
	}

	/** Webhook nodes and their descriptions. */
	webhookNodes(): Array<{ node: INode; description: IWebhookDescription }> {
		const found: Array<{ node: INode; description: IWebhookDescription }> = [];
		for (const node of Object.values(this.workflow.nodes)) {
			if (node.disabled) continue;
			const nodeType = this.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			for (const description of nodeType.description.webhooks ?? []) found.push({ node, description });
		}
		return found;
	}

	pollNodes(): INode[] {
		return Object.values(this.workflow.nodes).filter(
			(node) => !node.disabled && this.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).poll !== undefined,
		);
	}

	/**
	 * One poll of a poll node in trigger mode (what n8n's schedule runs): the workflow runs when the poll returns
	 * items. Returns the run, or undefined when the poll found nothing.
	 */
	async poll(nodeName?: string): Promise<TriggeredRun | undefined> {
		const node = nodeName ? this.requireNode(nodeName) : this.pollNodes()[0];
		if (!node) throw new Error('The workflow has no poll node');
		const items = await this.pollOnce(node, 'trigger');
		if (!items) return undefined;
		const run = this.execute(node, items, 'trigger');
		return await run;
	}

	/** The editor's "Fetch Test Event" on a poll node: a manual poll, nothing saved, no workflow run. */
	async fetchTestEvent(nodeName?: string): Promise<INodeExecutionData[][] | null> {
		const node = nodeName ? this.requireNode(nodeName) : this.pollNodes()[0];
		if (!node) throw new Error('The workflow has no poll node');
		const scratch = new Workflow({
			id: this.workflowData.id,
			name: this.workflowData.name,
			nodes: this.workflowData.nodes,
			connections: this.workflowData.connections,
			nodeTypes: this.engine.nodeTypes,
			settings: this.workflowData.settings,
			active: false,
			staticData: this.staticData(),
		});
		const nodeType = this.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new PollContext(scratch, node, this.additionalData('manual'), 'manual', 'manual');
		return (await nodeType.poll?.call(context)) ?? null;
	}

	async pollOnce(node: INode, mode: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null> {
		const nodeType = this.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const context = new PollContext(this.workflow, node, this.additionalData(mode), mode, 'activate');
		return (await nodeType.poll?.call(context)) ?? null;
	}

	/** Runs the workflow from a trigger node that produced `items`, as n8n does after a delivery or a poll. */
	execute(node: INode, items: INodeExecutionData[][], mode: WorkflowExecuteMode): Promise<TriggeredRun> {
		const running = (async (): Promise<TriggeredRun> => {
			const runExecutionData: IRunExecutionData = createRunExecutionData({
				executionData: { nodeExecutionStack: [{ node, data: { main: items }, source: null }] },
			});
			const run = await new WorkflowExecute(this.additionalData(mode), mode, runExecutionData).processRunExecutionData(this.workflow);
			const firstRun = (nodeName: string) => run.data.resultData.runData[nodeName]?.[0];
			return {
				run,
				mode,
				output: (nodeName, outputIndex = 0) => firstRun(nodeName)?.data?.main?.[outputIndex] ?? [],
				error: run.data.resultData.error,
			};
		})();
		this.runs.push(running);
		return running;
	}

	markDeactivated(): void {
		this.deactivated = true;
	}

	private requireNode(nodeName: string): INode {
		const node = this.workflow.getNode(nodeName);
		if (!node) throw new Error(`No node ${nodeName}`);
		return node;
	}
}

/** n8n's webhook server for in-process trigger workflows. */
export class TriggerHost {
	private readonly routes = new Map<string, WebhookRoute>();

	private constructor(
		private readonly server: http.Server,
		readonly url: string,
	) {}

	static async start(): Promise<TriggerHost> {
		// The server exists before the host that serves its requests.
		const started: { host?: TriggerHost } = {};
		const server = http.createServer((req, res) => {
			void started.host?.serve(req, res).catch((error: unknown) => {
				if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ message: error instanceof Error ? error.message : String(error) }));
			});
		});
		server.on('connection', (socket) => socket.unref());
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		server.unref();
		const { port } = server.address() as AddressInfo;
		started.host = new TriggerHost(server, `http://127.0.0.1:${port}`);
		return started.host;
	}

	get webhookBaseUrl(): string {
		return `${this.url}/webhook`;
	}

	/**
	 * Activates a workflow: for every webhook, checkExists and (when it says false) create; then every poll node's
	 * first poll, whose items (if any) start the workflow. An error fails the activation, as in n8n.
	 */
	async activate(engine: Engine, workflowJson: WorkflowJson, options: ActivationOptions): Promise<ActiveWorkflow> {
		const active = new ActiveWorkflow(engine, workflowJson, options.credentials, this.webhookBaseUrl, options.staticData ?? {});
		const activation = options.activation ?? 'activate';
		for (const { node, description } of active.webhookNodes()) {
			const exists = await active.runWebhookMethod(node, description, 'checkExists', activation);
			if (!exists) await active.runWebhookMethod(node, description, 'create', activation);
			this.routes.set(routeKey(node, description), { active, node, description });
		}
		for (const node of active.pollNodes()) {
			const items = await active.pollOnce(node, 'trigger');
			if (items) void active.execute(node, items, 'trigger');
		}
		return active;
	}

	/** Deactivates: every webhook's delete; the host stops routing to it. */
	async deactivate(active: ActiveWorkflow): Promise<void> {
		for (const { node, description } of active.webhookNodes()) {
			this.routes.delete(routeKey(node, description));
			await active.runWebhookMethod(node, description, 'delete', 'activate');
		}
		active.markDeactivated();
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const rawBody = await readBody(req);
		const route = this.routes.get(url.pathname.replace(/^\/webhook\//, ''));
		if (!route || req.method !== route.description.httpMethod) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
			return;
		}
		const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), value]));
		const contentType = String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const request = {
			method: req.method,
			url: req.url,
			headers,
			query: Object.fromEntries(url.searchParams),
			params: {},
			rawBody,
			contentType,
			body: parseBody(rawBody, contentType),
			header: (name: string) => headers[name.toLowerCase()],
		};
		const response = new ResponseAdapter(res);
		const { active, node } = route;
		const additionalData = active.additionalData('webhook', { httpRequest: request, httpResponse: response } as unknown as IDataObject);
		const webhookData = active.webhookData(node, route.description, additionalData);
		const context = new WebhookContext(active.workflow, node, additionalData, 'webhook', webhookData, [], null);
		const nodeType = active.engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.webhook) throw new Error(`${node.type} has no webhook()`);
		const result = await nodeType.webhook.call(context);
		if (result.noWebhookResponse) {
			if (!res.writableEnded) res.end();
			return;
		}
		if (result.workflowData) {
			response.status(200).json({ message: 'Workflow was started' });
			void active.execute(node, result.workflowData, 'webhook');
			return;
		}
		response.status(200).json(result.webhookResponse ?? { message: 'Webhook call received' });
	}
}

function routeKey(node: INode, description: IWebhookDescription): string {
	return `${node.webhookId ?? node.name}/${String(description.path).replace(/^\//, '')}`;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** As n8n's body parser (packages/cli/src/middlewares/body-parser.ts): JSON, form (flat keys) and text; else `{}`. */
function parseBody(raw: Buffer, contentType: string): unknown {
	if (raw.length === 0) return {};
	const text = raw.toString('utf8').replace(/^\uFEFF/, '');
	if (contentType === 'application/json') return JSON.parse(text) as unknown;
	if (contentType === 'application/x-www-form-urlencoded') return { ...querystring.parse(text, undefined, undefined, { maxKeys: 1000 }) };
	if (contentType === 'text/plain') return text;
	return {};
}

/** The part of Express's response object that nodes use. */
class ResponseAdapter {
	private statusCode = 200;

	constructor(private readonly res: http.ServerResponse) {}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string): this {
		this.res.setHeader(name, value);
		return this;
	}

	json(body: unknown): this {
		return this.send(JSON.stringify(body), 'application/json; charset=utf-8');
	}

	send(body: unknown, contentType = 'text/plain; charset=utf-8'): this {
		if (this.res.writableEnded) return this;
		const payload = typeof body === 'string' ? body : JSON.stringify(body);
		if (!this.res.headersSent) this.res.writeHead(this.statusCode, { 'content-type': contentType });
		this.res.end(payload);
		return this;
	}

	end(): this {
		if (!this.res.writableEnded) {
			if (!this.res.headersSent) this.res.writeHead(this.statusCode);
			this.res.end();
		}
		return this;
	}
}
