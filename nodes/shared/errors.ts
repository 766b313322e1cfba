import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import type { ApiResponse, RequestContext } from './transport';

/**
 * The error bodies the two APIs are documented to send:
 * SendKit `{success:false, error:{code, message}}` and `{error, message, code}`,
 * KickoffLabs `{message}` (and `{error}` in some clients' experience).
 */
const errorBodySchema = z
	.object({
		error: z.union([z.string(), z.object({ code: z.string().optional(), message: z.string().optional() })]).optional(),
		message: z.string().optional(),
		code: z.union([z.string(), z.number()]).optional(),
	})
	.passthrough();

/** The API's own message and code from an error body of either shape, or the raw text when it is not JSON. */
export function parseApiError(body: unknown): { message?: string; code?: string } {
	if (typeof body === 'string') {
		const text = body.trim();
		return text ? { message: text.slice(0, 300) } : {};
	}
	const parsed = errorBodySchema.safeParse(body);
	if (!parsed.success) return {};
	const { error, message, code } = parsed.data;
	if (error && typeof error === 'object') {
		return { message: error.message ?? message, code: error.code ?? (code === undefined ? undefined : String(code)) };
	}
	return {
		message: message ?? error,
		code: code === undefined ? (message && error ? error : undefined) : String(code),
	};
}

const STATUS_HINTS: Record<number, string> = {
	400: 'The request was rejected as invalid',
	401: 'Authorization failed: check the API key in the credential',
	403: 'Forbidden: the API key may not access this resource',
	404: 'Not found',
	409: 'Conflict',
	413: 'Too many items in one request',
	422: 'The request could not be processed',
	429: 'Rate limit reached: too many requests',
};

/**
 * What a status means for one service, where that differs from the usual meaning
 * (KickoffLabs answers validation errors with 409, for example).
 */
export type StatusHints = Readonly<Record<number, string>>;

/** A readable summary for a status the API gave no message for. */
function defaultMessageForStatus(statusCode: number, serviceHints: StatusHints = {}): string {
	if (serviceHints[statusCode]) return serviceHints[statusCode];
	if (STATUS_HINTS[statusCode]) return STATUS_HINTS[statusCode];
	if (statusCode >= 500) return 'The service had an internal error';
	return 'The request failed';
}

/**
 * The error n8n shows for a failed API call: the service's own message, the HTTP status, and the item.
 * It is built from the parsed body only, never from the request, so no URL, header or key can leak into it.
 */
export function apiResponseError(
	context: RequestContext,
	service: string,
	response: ApiResponse,
	itemIndex: number,
	statusHints?: StatusHints,
): NodeApiError {
	const { message, code } = parseApiError(response.body);
	const statusText = defaultMessageForStatus(response.statusCode, statusHints);
	const summary = message ? `${service}: ${message}` : `${service}: ${statusText}`;
	const errorResponse: JsonObject = { message: message ?? statusText, httpCode: String(response.statusCode) };
	if (code) errorResponse.code = code;
	return new NodeApiError(context.getNode(), errorResponse, {
		message: summary,
		description: message ? `${statusText} (HTTP ${response.statusCode})` : `HTTP ${response.statusCode}`,
		httpCode: String(response.statusCode),
		itemIndex,
	});
}

/** A request that never got an answer (refused, reset, timed out), without the request's URL or headers. */
export function networkError(
	context: RequestContext,
	service: string,
	reason: string,
	itemIndex: number,
): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: reason, httpCode: reason },
		{
			message: `${service}: the service could not be reached (${reason})`,
			description: 'Check the Base URL in the credential and that the service is up. The request was retried before giving up where that was safe.',
			httpCode: reason,
			itemIndex,
		},
	);
}
