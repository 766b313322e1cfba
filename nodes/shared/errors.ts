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

const NETWORK_FAILURE_TEXT: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection closed before an answer came',
	EPIPE: 'the connection closed while sending',
	ETIMEDOUT: 'the connection timed out',
	ECONNABORTED: 'the connection timed out',
	ENOTFOUND: 'the host name of the Base URL was not found',
	EAI_AGAIN: 'the host name of the Base URL could not be looked up',
};

/**
 * A request that never got an answer (refused, reset, timed out), without the request's URL or headers.
 * The message avoids the raw code (ECONNREFUSED, ...): n8n would swap such a message for a generic one without
 * the service's name. The code stays available as `httpCode`, for workflows that branch on it.
 */
export function networkError(
	context: RequestContext,
	service: string,
	reason: string,
	itemIndex: number,
): NodeApiError {
	const text = NETWORK_FAILURE_TEXT[reason] ?? 'the connection failed';
	const error = new NodeApiError(
		context.getNode(),
		{ message: text },
		{
			message: `${service}: the service could not be reached (${text})`,
			description: `Check the Base URL in the credential and that the service is up. Reads were retried before giving up; creates are not retried, as they may have been stored. Network error: ${reason}.`,
			itemIndex,
		},
	);
	error.httpCode = reason;
	return error;
}
