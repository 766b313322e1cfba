import { z } from 'zod';

import type { ApiHandler, ControlHandler, JsonObject, SandboxResponse } from '../core/types';
import type { FaultStatus } from '../core/faults';
import { STATUS_REASONS } from '../core/faults';
import type { FakeModelStore, ScriptedToolCall } from './script';
import { modelScriptSchema } from './script';

export const FAKE_MODEL = 'sandbox-agent-model';

const contentSchema = z.union([
	z.string(),
	z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()),
	z.null(),
]);

const messageSchema = z.object({ role: z.string(), content: contentSchema.optional() }).passthrough();

const toolSchema = z
	.object({
		type: z.literal('function'),
		function: z.object({ name: z.string(), description: z.string().optional(), parameters: z.unknown().optional() }).passthrough(),
	})
	.passthrough();

const chatRequestSchema = z
	.object({
		model: z.string(),
		messages: z.array(messageSchema).min(1),
		tools: z.array(toolSchema).optional(),
		stream: z.boolean().optional(),
		stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().optional(),
	})
	.passthrough();

type ChatRequest = z.infer<typeof chatRequestSchema>;
type ChatMessage = z.infer<typeof messageSchema>;
type OfferedTool = z.infer<typeof toolSchema>;

/** The text of a message, whether its content is a string or a list of parts. */
export function messageText(message: Pick<ChatMessage, 'content'>): string {
	const content = message.content;
	if (typeof content === 'string') return content;
	if (!content) return '';
	return content.map((part) => part.text ?? '').join('');
}

/**
 * An OpenAI-compatible chat-completions API that plays a scripted agent: it calls a tool, then answers by quoting
 * what the tool returned. Enough of the API for n8n's OpenAI Chat Model node (LangChain's ChatOpenAI): POST
 * /v1/chat/completions (JSON or streamed), GET /v1/models for the model picker.
 */
export function createFakeModelHandler(store: FakeModelStore, apiKey: string): ApiHandler {
	return (request) => {
		const route = `${request.method} ${request.path.replace(/^\/v1/, '')}`;
		if (route !== 'POST /chat/completions' && route !== 'GET /models') return openAiError(404, `Unknown route ${request.method} ${request.path}`);
		if (request.headers.authorization !== `Bearer ${apiKey}`) {
			return openAiError(401, 'Incorrect API key provided (this is the sandbox\'s fake model: use its own key)', 'invalid_api_key');
		}
		if (route === 'GET /models') {
			return { status: 200, body: { object: 'list', data: [{ id: FAKE_MODEL, object: 'model', created: 0, owned_by: 'sandbox' }] } };
		}
		const parsed = chatRequestSchema.safeParse(request.body);
		if (!parsed.success) return openAiError(400, `Invalid chat request: ${parsed.error.issues[0]?.message ?? 'unreadable'}`);
		return answer(store, parsed.data);
	};
}

function answer(store: FakeModelStore, chat: ChatRequest): SandboxResponse {
	store.answered += 1;
	const id = `chatcmpl-sandbox-${store.answered}`;
	const turn = currentTurn(chat.messages);
	const toolCalls = store.script.toolCalls ?? defaultToolCalls(chat);
	const next = toolCalls[turn.toolResults.length];
	const tool = next && pickTool(chat.tools ?? [], next.tool);
	const message: JsonObject = tool
		? {
				role: 'assistant',
				content: null,
				tool_calls: [
					{ id: `call_sandbox_${store.answered}`, type: 'function', function: { name: tool, arguments: JSON.stringify(next.arguments) } },
				],
			}
		: { role: 'assistant', content: finalAnswer(store.script.answer, turn.toolResults, next !== undefined) };
	const finishReason = tool ? 'tool_calls' : 'stop';
	if (chat.stream) return streamed(id, chat.model, message, finishReason, chat.stream_options?.include_usage === true);
	return {
		status: 200,
		body: {
			id,
			object: 'chat.completion',
			created: 0,
			model: chat.model,
			choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
			usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
		},
	};
}

/** The tool results since the user's last message: how far this conversation's script has got. */
function currentTurn(messages: ChatMessage[]): { userText: string; toolResults: string[] } {
	let lastUser = -1;
	messages.forEach((message, index) => {
		if (message.role === 'user') lastUser = index;
	});
	const toolResults = messages
		.slice(lastUser + 1)
		.filter((message) => message.role === 'tool')
		.map(messageText);
	return { userText: lastUser >= 0 ? messageText(messages[lastUser]) : '', toolResults };
}

function pickTool(offered: OfferedTool[], wanted: string | undefined): string | undefined {
	if (wanted === undefined) return offered[0]?.function.name;
	return offered.some((tool) => tool.function.name === wanted) ? wanted : undefined;
}

function finalAnswer(template: string, toolResults: string[], toolMissing: boolean): string {
	if (toolMissing) return 'I was scripted to call a tool, but the request offered no tool of that name.';
	const result = toolResults[toolResults.length - 1] ?? '(no tool was called)';
	return template.split('{{result}}').join(result);
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/**
 * Unscripted: one call to the first tool offered, its arguments read from the user's message. An argument whose name
 * contains "email" gets the first email address in it; any other gets the text after "<its name>:" (underscores read
 * as spaces, case ignored) up to a comma, semicolon, parenthesis or the end of the line. Arguments the message does not give are left out.
 */
function defaultToolCalls(chat: ChatRequest): ScriptedToolCall[] {
	const tool = chat.tools?.[0];
	if (!tool) return [];
	const text = messageText([...chat.messages].reverse().find((message) => message.role === 'user') ?? { content: '' });
	const parameters = z.object({ properties: z.record(z.unknown()) }).safeParse(tool.function.parameters);
	const names = parameters.success ? Object.keys(parameters.data.properties) : [];
	const args: JsonObject = {};
	for (const name of names) {
		if (/email/i.test(name)) {
			const email = EMAIL.exec(text)?.[0];
			if (email) args[name] = email;
			continue;
		}
		const label = name.replace(/_/g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const value = new RegExp(`${label}\\s*:\\s*([^,;()\\n]+)`, 'i').exec(text)?.[1]?.trim();
		if (value) args[name] = value;
	}
	return [{ tool: tool.function.name, arguments: args }];
}

/** The same answer as server-sent events, the way the API streams it. */
function streamed(id: string, model: string, message: JsonObject, finishReason: string, includeUsage: boolean): SandboxResponse {
	const chunk = (choices: unknown[], extra: JsonObject = {}) =>
		`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model, choices, ...extra })}\n\n`;
	const delta: JsonObject = { role: 'assistant' };
	if (Array.isArray(message.tool_calls)) {
		delta.content = null;
		delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...(call as JsonObject) }));
	} else {
		delta.content = message.content ?? '';
	}
	const events = [
		chunk([{ index: 0, delta, logprobs: null, finish_reason: null }]),
		chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }]),
		...(includeUsage ? [chunk([], { usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })] : []),
		'data: [DONE]\n\n',
	];
	return { status: 200, text: events.join(''), headers: { 'content-type': 'text/event-stream; charset=utf-8' } };
}

function openAiError(status: number, message: string, code: string | null = null): SandboxResponse {
	return { status, body: { error: { message, type: status === 401 ? 'invalid_request_error' : 'sandbox_error', param: null, code } } };
}

export function fakeModelFaultBody(status: FaultStatus): unknown {
	return { error: { message: STATUS_REASONS[status] ?? 'Error', type: 'sandbox_fault', param: null, code: null } };
}

/** POST /__sandbox/script sets the script (the body is a ModelScript); GET /__sandbox/script shows it. */
export function fakeModelControl(store: FakeModelStore): ControlHandler {
	return (request) => {
		const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
		if (route === 'GET /__sandbox/script') return { status: 200, body: store.script };
		if (route !== 'POST /__sandbox/script') return undefined;
		const script = modelScriptSchema.safeParse(request.body);
		if (!script.success) return { status: 400, body: { ok: false, error: script.error.issues[0]?.message ?? 'Invalid script' } };
		store.setScript(script.data);
		return { status: 200, body: { ok: true } };
	};
}
