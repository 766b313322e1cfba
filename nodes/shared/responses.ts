import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import type { ApiResponse, RequestContext } from './transport';

export function isSuccess(response: ApiResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}

/**
 * Reads a successful answer with the schema of its documented shape. An answer of another shape is an
 * error of its own, so that a changed API shows up as a clear message instead of odd items downstream.
 */
export function parseResponseBody<Schema extends z.ZodTypeAny>(
	context: RequestContext,
	serviceName: string,
	schema: Schema,
	response: ApiResponse,
	itemIndex: number,
): z.infer<Schema> {
	const parsed = schema.safeParse(response.body);
	if (parsed.success) return parsed.data as z.infer<Schema>;
	const issue = parsed.error.issues[0];
	throw new NodeApiError(
		context.getNode(),
		{ message: 'Unexpected response', httpCode: String(response.statusCode) },
		{
			message: `${serviceName} answered in an unexpected format`,
			description: `At "${issue.path.join('.') || 'body'}": ${issue.message} (HTTP ${response.statusCode})`,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Any JSON value, typed so that parsed API objects can travel as n8n item JSON. */
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
	z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValueSchema), z.record(jsonValueSchema)]),
);
