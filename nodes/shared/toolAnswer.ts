import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isToolCall } from './runner';

/**
 * What an AI Agent's model gets back for an operation's records: the outcome and these fields only, for the outcomes
 * whose item is a record (a 48-field lead costs a model far more tokens than the few fields it acts on). Other
 * outcomes (notFound's "what was looked for", errors) come back whole.
 */
export interface ToolAnswer {
	outcomes: readonly string[];
	fields: readonly string[];
}

const WHOLE_RECORDS = 'toolWholeRecords';

/** On the tool form only, next to the Description: the way back to whole records. */
export const wholeRecordsProperty: INodeProperties = {
	displayName: 'Return Whole Records',
	name: WHOLE_RECORDS,
	type: 'boolean',
	default: false,
	description:
		'Whether the model gets every field of a record instead of the outcome and the fields the Description names. Whole records cost the model many more tokens.',
	displayOptions: { show: { '@tool': [true] } },
};

/** The sentence of the tool's description that names the fields a compact answer keeps. */
export function toolAnswerSentence(answer: ToolAnswer): string {
	const outcomes = answer.outcomes.map((outcome) => `"${outcome}"`).join(' and ');
	return `With outcome ${outcomes}, a result holds only these fields of the record (those it has): ${answer.fields.join(', ')}.`;
}

/** The node's outputs as an agent gets them: records cut down to the answer's fields unless whole records are asked for. */
export function compactToolAnswer(context: IExecuteFunctions, outputs: INodeExecutionData[][], answer: ToolAnswer): INodeExecutionData[][] {
	if (!isToolCall(context) || context.getNodeParameter(WHOLE_RECORDS, 0, false) === true) return outputs;
	const kept = new Set(['outcome', ...answer.fields]);
	return outputs.map((items) =>
		items.map((item) => {
			const { outcome } = item.json;
			if (typeof outcome !== 'string' || !answer.outcomes.includes(outcome)) return item;
			return { ...item, json: Object.fromEntries(Object.entries(item.json).filter(([name]) => kept.has(name))) };
		}),
	);
}
