import type { INodeProperties } from 'n8n-workflow';

import type { ToolAnswer } from './toolAnswer';
import { toolAnswerSentence } from './toolAnswer';

/** What every tool description ends with: how a failure reads (see BranchCollector and toolErrors.ts). */
const ERROR_OUTCOME =
	'outcome "error": the call failed; "error" says why and "nextStep" what to do (wrong input: correct it and call again; a rejected API key: tell the user).';

/**
 * The description an AI Agent's model reads for one operation, shown only on the node's tool form (`@tool`). n8n adds
 * its own "Description" parameter only when a node has none (convertNodeToAiTool); its automatic text is just
 * "<action> in <node>", which tells a model nothing about outcomes. This one says what the operation does, what each
 * `outcome` means, which fields a record comes back with (toolAnswer.ts) and what to do next. Users can still edit it
 * on the node.
 */
export function toolDescriptionProperty(whatItDoes: string, outcomes: Readonly<Record<string, string>>, answer?: ToolAnswer): INodeProperties {
	const outcomeLines = Object.entries(outcomes).map(([outcome, meaning]) => `outcome "${outcome}": ${meaning}`);
	if (answer) outcomeLines.push(toolAnswerSentence(answer));
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: [whatItDoes, 'Every result has an "outcome" field.', ...outcomeLines, ERROR_OUTCOME].join('\n'),
		description: 'What the AI Agent\'s model is told about this tool: what it does and what each outcome means',
		displayOptions: { show: { '@tool': [true] } },
	};
}
