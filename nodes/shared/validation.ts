import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/** Display names of the fields a schema checks, keyed by the schema's property names. */
export type FieldLabels = Record<string, string>;

/**
 * Parses one item's parameters with a zod schema. On failure the error names the field (as the
 * user sees it in the node) and the item, and no request has been sent.
 */
export function parseItemInput<Schema extends z.ZodTypeAny>(
	context: IExecuteFunctions,
	schema: Schema,
	input: unknown,
	labels: FieldLabels,
	itemIndex: number,
): z.infer<Schema> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data as z.infer<Schema>;
	const issue = parsed.error.issues[0];
	const field = fieldLabel(issue.path, labels);
	return failInput(context, field, issue.message, itemIndex);
}

/** Stops the item with a validation error that names the field and the item. */
export function failInput(context: IExecuteFunctions, field: string, problem: string, itemIndex: number): never {
	throw new NodeOperationError(context.getNode(), `Invalid "${field}" in item ${itemIndex}: ${problem}`, {
		itemIndex,
		description: `Fix the "${field}" parameter (or the input data it comes from) of item ${itemIndex}. Nothing was sent for this item.`,
	});
}

/** The innermost part of the path the user knows by name: `fields.customFields.0.name` is "Custom Fields". */
function fieldLabel(path: Array<string | number>, labels: FieldLabels): string {
	const keys = path.filter((part): part is string => typeof part === 'string');
	const known = [...keys].reverse().find((key) => labels[key] !== undefined);
	if (known !== undefined) return labels[known];
	return keys[keys.length - 1] ?? 'input';
}

const EMAIL_MESSAGE = 'must be a valid email address, like name@example.com';

/** An email as users type it: surrounding spaces trimmed, lowercased (both APIs store it lowercase). */
export const emailSchema = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.email(EMAIL_MESSAGE)
	.transform((email) => email.toLowerCase());

/** An optional email: empty means "not given". */
export const optionalEmailSchema = z.preprocess(emptyToUndefined, emailSchema.optional());

/** Optional free text: trimmed, empty means "not given". */
export const optionalTextSchema = z.preprocess(
	emptyToUndefined,
	z.union([z.string(), z.number()], { invalid_type_error: 'must be text' }).transform((value) => String(value).trim()).optional(),
);

/** An optional http(s) URL. */
export const optionalUrlSchema = z.preprocess(
	emptyToUndefined,
	z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.url('must be a full URL, like https://example.com/page')
		.refine((url) => /^https?:\/\//i.test(url), 'must start with http:// or https://')
		.optional(),
);

/** Tags as comma-separated text ("vip, enterprise") or a list from an expression. */
export const tagsSchema = z.preprocess(
	(value) => (typeof value === 'string' ? value.split(',') : value),
	z
		.array(z.union([z.string(), z.number()], { invalid_type_error: 'must be text' }), {
			invalid_type_error: 'must be comma-separated text or a list of texts',
		})
		.transform((tags) => tags.map((tag) => String(tag).trim()).filter((tag) => tag.length > 0)),
);

const keyValueEntrySchema = z.object({
	name: z
		.string({ required_error: 'needs a name', invalid_type_error: 'names must be text' })
		.trim()
		.min(1, 'needs a name for every entry'),
	value: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
});

/**
 * Custom fields from the node's key/value list (`{ field: [{ name, value }] }`) or a plain object from an
 * expression. Values are sent as text, the way both APIs store them.
 */
export const customFieldsSchema = z.preprocess(
	(value) => {
		if (value && typeof value === 'object' && !Array.isArray(value) && 'field' in value) {
			return (value as { field: unknown }).field;
		}
		if (value && typeof value === 'object' && !Array.isArray(value)) {
			return Object.entries(value).map(([name, entry]) => ({ name, value: entry as unknown }));
		}
		return value;
	},
	z
		.array(keyValueEntrySchema, { invalid_type_error: 'must be a list of name/value pairs or an object' })
		// An entry whose value is empty (often an expression over a missing input field) is left out.
		.transform((entries) =>
			Object.fromEntries(
				entries
					.filter(({ value }) => value !== null && value !== undefined && String(value).trim() !== '')
					.map(({ name, value }) => [name, String(value)]),
			),
		),
);

/** A required email field, read with `emailSchema`. */
export function emailProperty(description: string, displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description,
	};
	return displayOptions ? { ...property, displayOptions } : property;
}

/** The node field that `customFieldsSchema` reads: a list of name/value pairs. */
export function customFieldsProperty(description: string, example: { name: string; value: string }): INodeProperties {
	return {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Custom Field',
		description,
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
	};
}

function emptyToUndefined(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value;
}

/** Drops the keys whose value is undefined, so request bodies only carry what the user set. */
export function withoutUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
