/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * Runs real n8n workflows in-process through n8n-core's WorkflowExecute, with this package loaded the
 * way n8n loads community packages (package.json `n8n` section, from dist/). Used by the workflow tests
 * and `npm run demo`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

prepareN8nEnvironment();

import type {
	ICredentialType,
	IDataObject,
	IExecuteData,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, NodeHelpers, Workflow } from 'n8n-workflow';
import {
	ExecutionLifecycleHooks,
	PackageDirectoryLoader,
	SupplyDataContext,
	WorkflowExecute,
} from 'n8n-core';
import { CredentialsHelper } from './credentialsHelper';
import type { EngineCredentials } from './credentials';
import { ManualTrigger } from './manualTrigger';
import { NodeTypes } from './nodeTypes';
// Not exported from n8n-core's entry point; it is the function n8n runs for every tool call an agent makes.
import { makeHandleToolInvocation } from 'n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data';

/** n8n-core writes its config under N8N_USER_FOLDER: point it at a throw-away folder before first use. */
function prepareN8nEnvironment(): void {
	if (!process.env.N8N_USER_FOLDER) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-engine-'));
		process.env.N8N_USER_FOLDER = dir;
		process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
	}
	process.env.N8N_ENCRYPTION_KEY ??= 'in-process-engine-key';
	process.env.N8N_LOG_LEVEL ??= 'silent';
}

export interface WorkflowJson {
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	/** Items pinned in the editor; those of the start node are what a manual run starts with. */
	pinData?: Record<string, INodeExecutionData[]>;
}

export interface LoadedPackage {
	packageName: string;
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: Record<string, ICredentialType>;
}

/** Loads a built community package from its folder, keyed '<package>.<node name>' as in a real instance. */
export async function loadPackage(directory: string): Promise<LoadedPackage> {
	const loader = new PackageDirectoryLoader(directory);
	await loader.loadAll();
	const nodeTypes: LoadedPackage['nodeTypes'] = {};
	const credentialTypes: LoadedPackage['credentialTypes'] = {};
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) nodeTypes[`${loader.packageName}.${name}`] = type;
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) credentialTypes[name] = type;
	return { packageName: loader.packageName, nodeTypes, credentialTypes };
}

export interface Engine {
	packageName: string;
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
}

/** The package's nodes and a Manual Trigger; `extraNodeTypes` adds others by type name (the bench's minimal node). */
export async function createEngine(packageDirectory: string, extraNodeTypes: Record<string, INodeType> = {}): Promise<Engine> {
	const loaded = await loadPackage(packageDirectory);
	return {
		packageName: loaded.packageName,
		nodeTypes: new NodeTypes({ ...loaded.nodeTypes, 'n8n-nodes-base.manualTrigger': new ManualTrigger(), ...extraNodeTypes }),
		credentialTypes: loaded.credentialTypes,
	};
}

export interface WorkflowRunOptions {
	credentials: EngineCredentials;
	/** Items handed to the start node (the Manual Trigger passes them on); default: the workflow's pinned data. */
	input?: INodeExecutionData[];
}

export interface WorkflowRun {
	run: IRun;
	/** Items that left `nodeName` on output `outputIndex` in its first run (empty when none did). */
	output(nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** How many outputs the node produced in its first run. */
	outputCount(nodeName: string): number;
	/** The names n8n shows on the node's outputs, the Error output included when it is on. */
	outputNames(nodeName: string): string[];
	/** The error that stopped the workflow, if one did. */
	error: IRun['data']['resultData']['error'];
	/** The node names in the order they finished. */
	executionOrder: string[];
	/** How many times nodes read a credential during the run (each a database read and decryption in n8n). */
	credentialReads: number;
}

export function buildAdditionalData(
	engine: Engine,
	workflowData: IWorkflowBase,
	credentials: EngineCredentials,
	executionOrder: string[],
	mode: WorkflowExecuteMode = 'manual',
): IWorkflowExecuteAdditionalData {
	const hooks = new ExecutionLifecycleHooks(mode, '1', workflowData);
	hooks.addHandler('nodeExecuteAfter', (nodeName: string) => {
		executionOrder.push(nodeName);
	});
	const additionalData = {
		executionId: '1',
		hooks,
		credentialsHelper: new CredentialsHelper(engine.credentialTypes, credentials),
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		restApiUrl: 'http://localhost/rest',
		variables: {},
	};
	return additionalData as unknown as IWorkflowExecuteAdditionalData;
}

/** Sticky notes are canvas comments that n8n never executes; this engine does not know their type, so they are left out. */
const STICKY_NOTE = 'n8n-nodes-base.stickyNote';

export function toWorkflowBase(workflowJson: WorkflowJson): IWorkflowBase {
	return {
		id: 'in-process',
		name: workflowJson.name ?? 'in-process',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: workflowJson.nodes.filter((node) => node.type !== STICKY_NOTE),
		connections: workflowJson.connections,
		settings: workflowJson.settings ?? {},
	} as unknown as IWorkflowBase;
}

/** Runs a workflow (as exported from the n8n editor) from its start node to the end. */
export async function runWorkflow(engine: Engine, workflowJson: WorkflowJson, options: WorkflowRunOptions): Promise<WorkflowRun> {
	const workflowData = toWorkflowBase(workflowJson);
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		nodeTypes: engine.nodeTypes,
		settings: workflowData.settings,
		active: false,
		staticData: {},
	});
	const executionOrder: string[] = [];
	const additionalData = buildAdditionalData(engine, workflowData, options.credentials, executionOrder);
	const startNode =
		workflow.getStartNode() ??
		Object.values(workflow.nodes).find((node) => !node.disabled && workflow.getParentNodes(node.name).length === 0);
	if (!startNode) throw new Error('The workflow has no start node');
	// Given input replaces what is pinned; otherwise pinned nodes answer with their pinned items, as in the editor.
	const pinData = options.input ? undefined : workflowJson.pinData;
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		resultData: { pinData },
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [options.input ?? [{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const firstRun = (nodeName: string) => run.data.resultData.runData[nodeName]?.[0];
	return {
		run,
		output: (nodeName, outputIndex = 0) => firstRun(nodeName)?.data?.main?.[outputIndex] ?? [],
		outputCount: (nodeName) => firstRun(nodeName)?.data?.main?.length ?? 0,
		outputNames: (nodeName) => outputNamesOf(workflow, engine, nodeName),
		error: run.data.resultData.error,
		executionOrder,
		credentialReads: (additionalData.credentialsHelper as CredentialsHelper).reads,
	};
}

function outputNamesOf(workflow: Workflow, engine: Engine, nodeName: string): string[] {
	const node = workflow.getNode(nodeName);
	if (!node) return [];
	const description = engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
	// n8n appends the Error output itself when the node's error handling asks for it.
	return NodeHelpers.getNodeOutputs(workflow, node, description).map((output, index, all) => {
		const displayName = typeof output === 'string' ? undefined : output.displayName;
		if (typeof displayName === 'string' && displayName) return displayName;
		return all.length === 1 ? 'Output' : `Output ${index}`;
	});
}

/**
 * Calls a node the way an AI Agent calls it as a tool: n8n-core's own tool invocation, with the node in a
 * tool execution context. Returns what the agent would read (the JSON text of output 0).
 */
export async function invokeAsTool(
	engine: Engine,
	node: INode,
	toolArgs: IDataObject,
	credentials: EngineCredentials,
): Promise<string> {
	const workflowData = toWorkflowBase({ nodes: [node], connections: {} });
	const workflow = new Workflow({
		id: workflowData.id,
		nodes: [node],
		connections: {},
		nodeTypes: engine.nodeTypes,
		active: false,
		staticData: {},
	});
	const workflowNode = workflow.getNode(node.name);
	if (!workflowNode) throw new Error(`No node ${node.name}`);
	const nodeType = engine.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const runExecutionData = createRunExecutionData({});
	const additionalData = buildAdditionalData(engine, workflowData, credentials, []);
	const executeData: IExecuteData = { node: workflowNode, data: { main: [[{ json: toolArgs }]] }, source: null };
	const contextFactory = (runIndex: number) =>
		new SupplyDataContext(
			workflow,
			workflowNode,
			additionalData,
			'manual',
			runExecutionData,
			runIndex,
			[{ json: toolArgs }],
			{ main: [[{ json: toolArgs }]] },
			NodeConnectionTypes.AiTool,
			executeData,
			[],
		);
	return await makeHandleToolInvocation(contextFactory, workflowNode, nodeType, runExecutionData)(toolArgs);
}

/**
 * Runs a node the way an AI Agent 3.x has the engine run a tool (n8n-core requests-response.js): as an ordinary node
 * whose output the engine logs as `ai_tool` (`rewireOutputLogTo`), its input item being the tool call's arguments
 * plus `toolCallId`. Returns what Agent 3 tells the model: the JSON of the items on output 0, or `{error}` when the node
 * threw (the same rules as @n8n/n8n-nodes-langchain utils/agent-execution/buildSteps.js `buildObservation`).
 */
export async function runAsEngineTool(
	engine: Engine,
	node: INode,
	toolArgs: IDataObject,
	credentials: EngineCredentials,
): Promise<string> {
	const toolNode: INode = { ...node, rewireOutputLogTo: NodeConnectionTypes.AiTool };
	const result = await runWorkflow(
		engine,
		{ nodes: [toolNode], connections: {} },
		{ credentials, input: [{ json: { ...toolArgs, toolCallId: 'call_in_process_1' } }] },
	);
	const taskData = result.run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.[NodeConnectionTypes.AiTool]?.[0] ?? [];
	if (items.length > 0) return JSON.stringify(items.map((item) => item.json));
	if (taskData?.error) return JSON.stringify({ error: taskData.error.message ?? 'Unknown error', errorType: taskData.error.name });
	return JSON.stringify('');
}
