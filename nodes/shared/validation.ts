import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { withFailure } from './failureKind';

/** Display names of the fields a schema checks, keyed by the schema's property names. */
export type FieldLabels = Record<string, string>;

const TYPE_WORDS: Record<string, string> = {
	string: 'text',
	number: 'a number',
	integer: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'an object',
};

/**
 * zod's own default texts, which say nothing to a user ("Required", "Expected string, received number", "Invalid
 * input").
 */
const STOCK_MESSAGE = /^(Required$|Expected |Invalid|String must|Number must|Array must|Unrecognized key)/;

function typeWord(expected: string): string {
	return TYPE_WORDS[expected] ?? expected;
}

/**
 * Validator messages in words a user understands, for every check a schema leaves without its own message: never
 * zod's bare "Invalid input" or "Expected string, received number".
 */
export const readableErrors: z.ZodErrorMap = (issue, context) => {
	// A message a schema sets itself (invalid_type_error, required_error) is already in words: keep it.
	if (!STOCK_MESSAGE.test(context.defaultError)) return { message: context.defaultError };
	switch (issue.code) {
		case z.ZodIssueCode.invalid_type:
			if (issue.received === 'undefined' || issue.received === 'null') return { message: 'is required' };
			return { message: `must be ${typeWord(issue.expected)}` };
		case z.ZodIssueCode.invalid_union: {
			const expected = new Set<string>();
			for (const unionError of issue.unionErrors) {
				for (const inner of unionError.issues) {
					if (inner.code === z.ZodIssueCode.invalid_type && inner.path.length === issue.path.length) {
						expected.add(typeWord(inner.expected));
					}
				}
			}
			// Text fields also take numbers from expressions: "must be text" says what the user should give.
			if (expected.has('text')) return { message: 'must be text' };
			if (expected.size > 0) return { message: `must be ${[...expected].join(' or ')}` };
			return { message: 'is not a valid value' };
		}
		case z.ZodIssueCode.too_big:
			if (issue.type === 'string') return { message: `must be at most ${String(issue.maximum)} characters` };
			if (issue.type === 'array') return { message: `must have at most ${String(issue.maximum)} entries` };
			return { message: `must be at most ${String(issue.maximum)}` };
		case z.ZodIssueCode.too_small:
			if (issue.type === 'string') return { message: Number(issue.minimum) <= 1 ? 'is required' : `must be at least ${String(issue.minimum)} characters` };
			if (issue.type === 'array') return { message: `must have at least ${String(issue.minimum)} entries` };
			return { message: `must be at least ${String(issue.minimum)}` };
		case z.ZodIssueCode.invalid_enum_value:
			return { message: `must be one of: ${issue.options.join(', ')}` };
		case z.ZodIssueCode.invalid_string:
			return { message: issue.validation === 'email' ? EMAIL_MESSAGE : 'is not valid' };
		default:
			return { message: context.defaultError === 'Invalid input' ? 'is not a valid value' : context.defaultError };
	}
};

/**
 * Parses one item's parameters with a zod schema. On failure the error names the field (as the user sees it in the
 * node) and the item, and no request has been sent.
 */
export function parseItemInput<Schema extends z.ZodTypeAny>(
	context: IExecuteFunctions,
	schema: Schema,
	input: unknown,
	labels: FieldLabels,
	itemIndex: number,
): z.infer<Schema> {
	const parsed = schema.safeParse(input, { errorMap: readableErrors });
	if (parsed.success) return parsed.data as z.infer<Schema>;
	const issue = parsed.error.issues[0];
	const field = fieldLabel(issue.path, labels);
	return failInput(context, field, issue.message, itemIndex);
}

/** Stops the item with a validation error that names the field and the item. */
export function failInput(context: IExecuteFunctions, field: string, problem: string, itemIndex: number): never {
	const error = new NodeOperationError(context.getNode(), `Invalid "${field}" in item ${itemIndex}: ${problem}`, {
		itemIndex,
		description: `Fix the "${field}" parameter (or the input data it comes from) of item ${itemIndex}. Nothing was sent for this item.`,
	});
	throw withFailure(error, { kind: 'input' });
}

/** The innermost part of the path the user knows by name: `fields.customFields.0.name` is "Custom Fields". */
function fieldLabel(path: Array<string | number>, labels: FieldLabels): string {
	const keys = path.filter((part): part is string => typeof part === 'string');
	const known = [...keys].reverse().find((key) => labels[key] !== undefined);
	if (known !== undefined) return labels[known];
	return keys[keys.length - 1] ?? 'input';
}

/** Blank text (often an expression over a missing input field), null and undefined all mean "not given". */
export function blankToUndefined(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value;
}

/** Drops the keys whose value is undefined, so request bodies only carry what the user set. */
export function withoutUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
	return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const EMAIL_MESSAGE = 'must be a valid email address, like name@example.com';

/** RFC 5321: an address is at most 254 characters, its part before the @ at most 64. */
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;

/** An email as users type it: surrounding spaces trimmed, lowercased (both APIs store it lowercase). */
export const emailSchema = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.max(MAX_EMAIL_LENGTH, `must be at most ${MAX_EMAIL_LENGTH} characters`)
	.refine((email) => email.split('@')[0].length <= MAX_LOCAL_PART_LENGTH, `must have at most ${MAX_LOCAL_PART_LENGTH} characters before the @`)
	.pipe(z.string().email(EMAIL_MESSAGE))
	.transform((email) => email.toLowerCase());

/** An optional email: empty means "not given". */
export const optionalEmailSchema = z.preprocess(blankToUndefined, emailSchema.optional());

/** Required text, trimmed; numbers from expressions are read as text. */
export function requiredTextSchema() {
	return z
		.union([z.string(), z.number()], { required_error: 'is required', invalid_type_error: 'must be text' })
		.transform((value) => String(value).trim())
		.pipe(z.string().min(1, 'is required'));
}

/** Optional free text: trimmed, empty means "not given". */
export const optionalTextSchema = z.preprocess(
	blankToUndefined,
	z.union([z.string(), z.number()], { invalid_type_error: 'must be text' }).transform((value) => String(value).trim()).optional(),
);

/** An optional http(s) URL. */
export const optionalUrlSchema = z.preprocess(
	blankToUndefined,
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

/** A required email field, read with `emailSchema`. */
export function emailProperty(description: string, displayOptions?: IDisplayOptions): INodeProperties {
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
