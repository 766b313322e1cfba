import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import type { ApiResponse, RequestContext } from './request';

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

/** Whether a body is a JSON object carrying an error message in one of the documented shapes. */
export function isJsonErrorBody(body: unknown): boolean {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
	return parseApiError(body).message !== undefined;
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
 * It is built from the answer only (already free of secrets), never from the request.
 */
export function apiResponseError(
	context: RequestContext,
	service: string,
	response: ApiResponse,
	itemIndex: number | undefined,
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

/**
 * An answer that cannot have come from the API: an HTML page where JSON was expected (a proxy, a wrong Base URL),
 * or a body that is not what the API sends for this status. Never read as an outcome such as "not found".
 */
export function notFromApiError(
	context: RequestContext,
	service: string,
	response: ApiResponse,
	itemIndex: number | undefined,
	effect?: string,
): NodeApiError {
	const what = typeof response.body === 'string' && /<html|<!doctype/i.test(response.body) ? 'an HTML page' : 'an answer';
	return new NodeApiError(
		context.getNode(),
		{ message: `HTTP ${response.statusCode}: not an answer of the ${service} API`, httpCode: String(response.statusCode) },
		{
			message: `${service}: the answer (HTTP ${response.statusCode}) did not come from the ${service} API`,
			description: `The server sent ${what} that is not one of the ${service} API's answers, so it is not read as an outcome. Check the Base URL in the credential and any proxy in between.${effect ? ` ${effect}` : ''}`,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

/** A successful status whose body is not the documented shape. */
export function unexpectedAnswerError(
	context: RequestContext,
	service: string,
	response: ApiResponse,
	where: string,
	itemIndex: number | undefined,
	effect?: string,
): NodeApiError {
	return new NodeApiError(
		context.getNode(),
		{ message: 'Unexpected response', httpCode: String(response.statusCode) },
		{
			message: `${service} answered in an unexpected format`,
			description: `${where} (HTTP ${response.statusCode}).${effect ? ` ${effect}` : ''}`,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

/** A redirect is never followed: it could carry the API key to another server. */
export function redirectError(
	context: RequestContext,
	service: string,
	response: ApiResponse,
	itemIndex: number | undefined,
): NodeApiError {
	const location = response.headers.location;
	let target = 'another address';
	if (typeof location === 'string') {
		try {
			target = new URL(location).origin;
		} catch {
			target = 'an invalid address';
		}
	}
	return new NodeApiError(
		context.getNode(),
		{ message: `HTTP ${response.statusCode} redirect`, httpCode: String(response.statusCode) },
		{
			message: `${service}: the server answered with a redirect (HTTP ${response.statusCode}) to ${target}, which is not followed`,
			description:
				'Redirects are not followed, so the API key is never sent to another server. Check the Base URL in the credential (for example https:// instead of http://).',
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}

/** Connection failures that happen before the request reaches the server: retrying them cannot duplicate anything. */
export const BEFORE_DELIVERY_FAILURES: readonly string[] = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];

const NETWORK_FAILURE_TEXT: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection closed before a complete answer came',
	EPIPE: 'the connection closed while sending',
	ETIMEDOUT: 'no answer came within the Timeout option',
	ECONNABORTED: 'no answer came within the Timeout option',
	ENOTFOUND: 'the host name of the Base URL was not found',
	EAI_AGAIN: 'the host name of the Base URL could not be looked up',
	EHOSTUNREACH: 'the host could not be reached',
	ENETUNREACH: 'the network could not be reached',
	EBADANSWER: 'the answer was cut off or could not be read',
};

/**
 * A request that got no complete answer (refused, reset, cut off, timed out), without the request's URL or headers.
 * The message avoids the raw code (ECONNREFUSED, ...): n8n would swap such a message for a generic one without
 * the service's name. The code stays available as `httpCode`, for workflows that branch on it. A request that
 * changes data and may have reached the server says so: it may have been carried out.
 */
export function networkError(
	context: RequestContext,
	service: string,
	reason: string,
	itemIndex: number | undefined,
	mayHaveChangedData: boolean,
): NodeApiError {
	const text = NETWORK_FAILURE_TEXT[reason] ?? 'the connection failed';
	const reached = !BEFORE_DELIVERY_FAILURES.includes(reason);
	const message =
		reached && mayHaveChangedData
			? `${service}: ${text}; the request may have been carried out (for a create: the lead may have been created)`
			: `${service}: the service could not be reached (${text})`;
	const description =
		reached && mayHaveChangedData
			? `The request was sent but no complete answer came back. Check in ${service} whether it took effect before running this item again. Network error: ${reason}.`
			: `Check the Base URL in the credential and that the service is up. Network error: ${reason}.`;
	const error = new NodeApiError(context.getNode(), { message: text }, { message, description, itemIndex });
	error.httpCode = reason;
	return error;
}

/**
 * A 429 or 503 whose Retry-After goes beyond what the item may still wait (the retry policy's budget): reported with
 * the wait the API asked for, instead of holding the whole node.
 */
export function retryBudgetError(
	context: RequestContext,
	service: string,
	response: ApiResponse,
	waitMs: number,
	budgetMs: number,
	itemIndex: number | undefined,
): NodeApiError {
	const what = response.statusCode === 429 ? 'rate limited' : 'unavailable';
	const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
	return new NodeApiError(
		context.getNode(),
		{ message: `${service} is ${what}`, httpCode: String(response.statusCode) },
		{
			message: `${service}: still ${what} (HTTP ${response.statusCode}) after this item's retry budget: it asked to wait ${seconds(waitMs)} more`,
			description: `Each item waits at most ${seconds(budgetMs)} in all for retries, and ${service} asked for longer.${response.statusCode === 429 ? ' A 429 means the request was refused: nothing was done for this item.' : ''} Lower the node's Concurrency option, send fewer items per run, or run this item again later.`,
			httpCode: String(response.statusCode),
			itemIndex,
		},
	);
}
