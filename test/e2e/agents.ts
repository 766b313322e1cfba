/**
 * AI Agent workflows in the real n8n: each case runs a workflow of test/e2e/agents/ (Manual Trigger → AI Agent with
 * the sandbox's fake chat model and one of this package's nodes as a tool) once with AI Agent 3.1 (n8n's default)
 * and once with 2.2, the two ways n8n runs tools. The fake model is scripted to call the tool with given arguments,
 * then to answer by quoting the tool result; the case asserts that result exactly, as the model received it (the fake
 * model's request log), and that the agent's answer quotes it.
 */
import type { RunningSandbox } from '../../sandbox';
import type { ModelScript } from '../../sandbox/openai';
import { DEFAULT_ANSWER, messageText } from '../../sandbox/openai';
import type { WorkflowFile } from '../../dev/real-n8n/n8n';
import { isRecord } from '../../dev/real-n8n/util';
import { agentCases, OTHER_FIELDS, post, type AgentCase, type Shape } from './agent-cases';
import { describe, getPath, matches, outputItems, type Matcher, type WorkflowSpec } from './expect';

/** The agent versions every case runs with: 3.x runs tools through the engine, 2.x calls them as LangChain tools. */
export const AGENT_VERSIONS = [3.1, 2.2] as const;

/** Differences between a JSON value and a Shape, as readable lines (`path: actual, expected ...`). */
export function shapeDifferences(actual: unknown, expected: Shape, path = '$'): string[] {
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) return [`${path}: ${describe(actual)}, expected a list of ${expected.length}`];
		if (actual.length !== expected.length) return [`${path}: ${actual.length} entries, expected ${expected.length}: ${describe(actual)}`];
		return expected.flatMap((entry, index) => shapeDifferences(actual[index], entry, `${path}[${index}]`));
	}
	if (isRecord(expected) && !('present' in expected) && !(expected instanceof RegExp)) {
		if (!isRecord(actual)) return [`${path}: ${describe(actual)}, expected an object`];
		const extra = OTHER_FIELDS in expected ? [] : Object.keys(actual).filter((key) => !(key in expected));
		const lines = extra.map((key) => `${path}.${key}: unexpected field (${describe(actual[key])})`);
		for (const [key, value] of Object.entries(expected)) {
			if (key === OTHER_FIELDS) continue;
			lines.push(...shapeDifferences(actual[key], value as Shape, `${path}.${key}`));
		}
		return lines;
	}
	return matches(actual, expected as Matcher) ? [] : [`${path}: ${describe(actual)}, expected ${describe(expected)}`];
}

/** The chat requests the fake model received, in order. */
function chatRequests(sandbox: RunningSandbox): Array<{ messages: Array<{ role: string; content?: unknown }>; tools: unknown[] }> {
	return sandbox.openAi.control.requests
		.filter((request) => request.method === 'POST' && request.path.endsWith('/chat/completions') && isRecord(request.body))
		.map((request) => {
			const body = request.body as Record<string, unknown>;
			return {
				messages: Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content?: unknown }>) : [],
				tools: Array.isArray(body.tools) ? body.tools : [],
			};
		});
}

const textOf = (content: unknown): string =>
	messageText({ content: typeof content === 'string' || Array.isArray(content) ? (content as string) : null });

/** Checks one agent run: the tool result the model received, the tool description it was given, the agent's answer. */
function verifyAgentRun(agentCase: AgentCase, toolNode: string, run: unknown, sandbox: RunningSandbox): string[] {
	const requests = chatRequests(sandbox);
	if (requests.length !== 2) return [`the fake model received ${requests.length} chat requests, expected 2 (tool call, then answer)`];
	const failures: string[] = [];
	const toolMessages = requests[1].messages.filter((message) => message.role === 'tool');
	if (toolMessages.length !== 1) return [`the model's second request holds ${toolMessages.length} tool results, expected 1`];
	const received = textOf(toolMessages[0].content);
	let parsed: unknown;
	try {
		parsed = JSON.parse(received) as unknown;
	} catch {
		return [`the tool result the model received is not JSON: ${describe(received)}`];
	}
	failures.push(...shapeDifferences(parsed, agentCase.toolResult).map((line) => `tool result ${line}`));

	// The model was offered the tool with this package's description, outcomes included.
	const description = getPath(requests[0].tools[0], 'function.description');
	const outcome = getPath(agentCase.toolResult, '0.outcome');
	if (typeof description !== 'string' || !description.includes('Every result has an "outcome" field.')) {
		failures.push(`the tool description the model got is not this package's: ${describe(description)}`);
	} else if (typeof outcome === 'string' && outcome !== 'error' && !description.includes(`outcome "${outcome}":`)) {
		failures.push(`the tool description does not explain outcome "${outcome}": ${describe(description)}`);
	}

	const [answer] = outputItems(run, 'AI Agent', 0);
	const expectedAnswer = DEFAULT_ANSWER.split('{{result}}').join(received);
	if (getPath(answer, 'output') !== expectedAnswer) {
		failures.push(`the agent's answer is ${describe(getPath(answer, 'output'))}, expected the model's quote of the tool result`);
	}
	if (outputItems(run, toolNode, 0).length === 0 && getPath(run, `data.resultData.runData.${toolNode}`) === undefined) {
		failures.push(`the tool node "${toolNode}" did not run`);
	}
	return failures;
}

/** The tool node of an agent workflow: the node connected to the agent's ai_tool input. */
function toolNodeName(json: Record<string, unknown>): string {
	const connections = isRecord(json.connections) ? json.connections : {};
	const name = Object.keys(connections).find((source) => isRecord(connections[source]) && 'ai_tool' in (connections[source] as object));
	if (!name) throw new Error('the agent workflow has no tool connected');
	return name;
}

/**
 * One runnable workflow per case and agent version (ids `ag<case><version>`), each with its own spec: the run
 * succeeds and verifyAgentRun finds nothing wrong.
 */
export function agentWorkflows(templates: WorkflowFile[]): Array<{ workflow: WorkflowFile; spec: WorkflowSpec }> {
	return agentCases.flatMap((agentCase) => {
		const template = templates.find((file) => file.file.endsWith(`/${agentCase.workflow}`));
		if (!template) throw new Error(`test/e2e/agents.ts: case ${agentCase.name} names ${agentCase.workflow}, which does not exist`);
		const toolNode = toolNodeName(template.json);
		return AGENT_VERSIONS.map((version) => {
			const nodes = (template.json.nodes as Array<Record<string, unknown>>).map((node) => {
				if (node.type === '@n8n/n8n-nodes-langchain.agent') return { ...node, typeVersion: version };
				if (node.name !== toolNode) return node;
				const parameters = { ...(node.parameters as Record<string, unknown>), ...agentCase.toolParameters };
				return { ...node, parameters, ...(agentCase.toolCredentials ? { credentials: agentCase.toolCredentials } : {}) };
			});
			const id = `ag${agentCase.name}${String(version).replace('.', '')}`.slice(0, 21);
			const script: ModelScript = { toolCalls: [{ tool: toolNode.replace(/ /g, '_'), arguments: agentCase.toolArguments }], answer: DEFAULT_ANSWER };
			const workflow: WorkflowFile = {
				file: `${template.file} (${agentCase.name}, Agent ${version})`,
				id,
				name: `${template.name} - ${agentCase.name} - Agent ${version}`,
				json: { ...template.json, id, name: `${template.name} - ${agentCase.name} - Agent ${version}`, nodes },
			};
			const spec: WorkflowSpec = {
				title: `Agent ${version}: ${agentCase.title}`,
				setup: async (sandbox) => {
					await agentCase.seed?.(sandbox);
					await post(`${sandbox.openAi.url}/__sandbox/script`, script);
				},
				verify: (run, sandbox) => verifyAgentRun(agentCase, toolNode, run, sandbox),
			};
			return { workflow, spec };
		});
	});
}
