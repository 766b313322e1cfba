/**
 * Custom fields, offered two ways in both nodes: a name/value list, and a JSON object (typed, or an object from an
 * expression). The JSON field exists because n8n normalises a name/value list against its declared shape before the
 * node runs, so an expression given for the whole list reaches the node empty; such a list is refused, not dropped.
 */
import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { readableErrors } from './validation';

type FieldValue = string | number | boolean | null | undefined;

function isBlank(value: FieldValue): boolean {
	return value === null || value === undefined || String(value).trim() === '';
}

const entrySchema = z.object({
	name: z.union([z.string(), z.number()], { invalid_type_error: 'names must be text' }).optional(),
	value: z.union([z.string(), z.number(), z.boolean(), z.null()], { invalid_type_error: 'values must be text, a number or true/false' }).optional(),
});

/**
 * Why a list without rows is refused. n8n leaves exactly `{}` where one expression stood for the whole list, and the
 * node cannot see the expression any more (not even in its raw parameters); the same `{}` is a list the user added and
 * left empty, which loses nothing when removed.
 */
const EMPTIED_LIST_MESSAGE =
	'holds no name/value rows. n8n empties this list before the node runs when one expression is given for the whole list: put that expression in "Custom Fields (JSON)" instead (it takes an object of names and values), or remove the empty Custom Fields';

/**
 * The list as n8n hands it over: `{ field: [{ name, value }] }`. A row left blank is ignored, as in n8n's own nodes.
 */
const customFieldListSchema = z
	.object({ field: z.array(entrySchema, { invalid_type_error: 'must be a list of name/value pairs' }).optional() })
	.passthrough()
	.transform((list, context) => {
		if (list.field === undefined) {
			context.addIssue({ code: z.ZodIssueCode.custom, message: EMPTIED_LIST_MESSAGE });
			return z.NEVER;
		}
		const fields: Array<[string, FieldValue]> = [];
		for (const entry of list.field) {
			const name = entry.name === undefined ? '' : String(entry.name).trim();
			if (name === '' && isBlank(entry.value)) continue;
			if (name === '') {
				context.addIssue({ code: z.ZodIssueCode.custom, message: `the row with value "${String(entry.value)}" needs a name` });
				return z.NEVER;
			}
			fields.push([name, entry.value]);
		}
		return fields;
	});

/** The JSON field: an object of names to text, numbers or true/false; JSON text from a typed value is parsed. */
const customFieldJsonSchema = z.preprocess(
	(value) => {
		if (typeof value !== 'string') return value;
		if (value.trim() === '') return {};
		try {
			return JSON.parse(value) as unknown;
		} catch {
			return Symbol('not JSON');
		}
	},
	z
		.record(z.union([z.string(), z.number(), z.boolean(), z.null()], { invalid_type_error: 'values must be text, a number or true/false (no lists or objects)' }), {
			invalid_type_error: 'must be a JSON object like {"company": "Acme"}',
		})
		.transform((record) => Object.entries(record) as Array<[string, FieldValue]>),
);

const bothWaysSchema = z
	.object({
		// Not added at all (undefined or null) is no list, not an emptied one.
		customFields: z.preprocess((value) => value ?? { field: [] }, customFieldListSchema),
		customFieldsJson: customFieldJsonSchema.optional(),
	})
	.transform(({ customFields, customFieldsJson }, context) => {
		const result: Record<string, string> = {};
		const seen = new Set<string>();
		for (const [name, value] of [...customFields, ...(customFieldsJson ?? [])]) {
			const key = name.trim();
			if (seen.has(key.toLowerCase())) {
				context.addIssue({ code: z.ZodIssueCode.custom, message: `"${key}" is given twice`, path: ['customFields'] });
				return z.NEVER;
			}
			seen.add(key.toLowerCase());
			if (!isBlank(value)) result[key] = String(value);
		}
		return result;
	});

/** The Additional Fields entries the custom fields come from, for a fields schema to include. */
export const customFieldsShape = {
	customFields: z.unknown().optional(),
	customFieldsJson: z.unknown().optional(),
};

/**
 * Both ways together, as text values (how both APIs store them). Entries with an empty value (often an expression
 * over a missing input field) are left out; a name given twice is refused. For use inside a fields schema's transform.
 */
export function readCustomFields(
	fields: { customFields?: unknown; customFieldsJson?: unknown },
	context: z.RefinementCtx,
): Record<string, string> {
	const parsed = bothWaysSchema.safeParse(
		{ customFields: fields.customFields, customFieldsJson: fields.customFieldsJson },
		{ errorMap: readableErrors },
	);
	if (parsed.success) return parsed.data;
	for (const issue of parsed.error.issues) context.addIssue({ ...issue, code: z.ZodIssueCode.custom, message: issue.message });
	return {};
}

/** The two node fields `customFieldsSchema` reads, for an Additional Fields collection. */
export function customFieldsProperties(description: string, example: { name: string; value: string }): INodeProperties[] {
	return [
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Custom Field',
			description: `${description} Rows left blank are ignored`,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: example.name },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: example.value },
					],
				},
			],
		},
		{
			displayName: 'Custom Fields (JSON)',
			name: 'customFieldsJson',
			type: 'json',
			default: '{}',
			placeholder: `{"${example.name}": "${example.value}"}`,
			description: `${description} As a JSON object of names and values, typed or from an expression that returns an object. Can be combined with Custom Fields; a name may appear in only one of them.`,
		},
	];
}
