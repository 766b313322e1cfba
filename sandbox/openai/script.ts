import { z } from 'zod';

import { jsonObjectSchema } from '../core/json';
import type { JsonObject } from '../core/types';

/** One tool call the fake model makes: which tool (default: the first one the request offers) and its arguments. */
export interface ScriptedToolCall {
	tool?: string;
	arguments: JsonObject;
}

/**
 * What the fake model does in one conversation: the tool calls, one per turn and in order, then a final answer.
 * `answer` is the final answer's text; `{{result}}` in it is replaced by the last tool result, word for word.
 * Unscripted (`toolCalls` left out), it calls the first tool offered with arguments read from the user's message.
 */
export interface ModelScript {
	toolCalls?: ScriptedToolCall[];
	answer: string;
}

export const DEFAULT_ANSWER = 'The tool answered: {{result}}';

export const modelScriptSchema: z.ZodType<ModelScript, z.ZodTypeDef, unknown> = z
	.object({
		toolCalls: z.array(z.object({ tool: z.string().min(1).optional(), arguments: jsonObjectSchema }).strict()).optional(),
		answer: z.string().default(DEFAULT_ANSWER),
	})
	.strict();

/** The fake model's state: its script. Reset forgets the script (back to reading the user's message). */
export class FakeModelStore {
	script: ModelScript = { answer: DEFAULT_ANSWER };

	/** Chat completions answered since the last reset, for ids that differ per answer. */
	answered = 0;

	setScript(script: ModelScript): void {
		this.script = { ...script, toolCalls: script.toolCalls?.map((call) => ({ ...call, arguments: { ...call.arguments } })) };
	}

	reset(): void {
		this.script = { answer: DEFAULT_ANSWER };
		this.answered = 0;
	}
}
