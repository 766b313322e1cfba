import type { JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import { failureKindOfStatus, withFailure } from './failureKind';
import { mayHaveReachedServer } from './http/retry';
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

/** How messages name a service, and the words in them that differ between services. */
export interface ServiceWords {
	/** e.g. 'SendKit'. */
	name: string;
	/** What the service's creates make, for "for a create: the lead may have been created". */
	record: string;
	/** The label of the credential field that holds the server's address, e.g. 'Base URL'. */
	baseUrlField: string;
}

/** Where an error happened: the node run, the service it was talking to, and the item (absent outside items). */
export interface ErrorSite {
	context: RequestContext;
	service: ServiceWords;
	itemIndex: number | undefined;
}

/** What a request that changes data may have done when its answer is lost, in the service's words. */
export function mayHaveBeenCarriedOut(service: ServiceWords): string {
	return `may have been carried out (for a create: the ${service.record} may have been created)`;
}

/** The same NodeApiError shape for every factory: the status (or network code) kept as `httpCode`, the kind tagged. */
function apiError(
	{ context, itemIndex }: ErrorSite,
	response: JsonObject,
	{ message, description, httpCode }: { message: string; description: string; httpCode?: string },
): NodeApiError {
	return new NodeApiError(context.getNode(), response, { message, description, httpCode, itemIndex });
}

/**
 * The error n8n shows for a failed API call: the service's own message, the HTTP status, and the item.
 * It is built from the answer only (already free of secrets), never from the request.
 */
export function apiResponseError(site: ErrorSite, response: ApiResponse, statusHints?: StatusHints): NodeApiError {
	const { message, code } = parseApiError(response.body);
	const statusText = defaultMessageForStatus(response.statusCode, statusHints);
	const errorResponse: JsonObject = { message: message ?? statusText, httpCode: String(response.statusCode) };
	if (code) errorResponse.code = code;
	const error = apiError(site, errorResponse, {
		message: message ? `${site.service.name}: ${message}` : `${site.service.name}: ${statusText}`,
		description: message ? `${statusText} (HTTP ${response.statusCode})` : `HTTP ${response.statusCode}`,
		httpCode: String(response.statusCode),
	});
	return withFailure(error, { kind: failureKindOfStatus(response.statusCode) });
}

/**
 * An answer that cannot have come from the API: an HTML page where JSON was expected (a proxy, a wrong Base URL),
 * or a body that is not what the API sends for this status. Never read as an outcome such as "not found".
 */
export function notFromApiError(site: ErrorSite, response: ApiResponse, effect?: string): NodeApiError {
	const { name, baseUrlField } = site.service;
	const what = typeof response.body === 'string' && /<html|<!doctype/i.test(response.body) ? 'an HTML page' : 'an answer';
	const error = apiError(
		site,
		{ message: `HTTP ${response.statusCode}: not an answer of the ${name} API`, httpCode: String(response.statusCode) },
		{
			message: `${name}: the answer (HTTP ${response.statusCode}) did not come from the ${name} API`,
			description: `The server sent ${what} that is not one of the ${name} API's answers, so it is not read as an outcome. Check the ${baseUrlField} in the credential and any proxy in between.${effect ? ` ${effect}` : ''}`,
			httpCode: String(response.statusCode),
		},
	);
	return withFailure(error, { kind: failureKindOfStatus(response.statusCode) });
}

/** A successful status whose body is not the documented shape. */
export function unexpectedAnswerError(site: ErrorSite, response: ApiResponse, where: string, effect?: string): NodeApiError {
	const error = apiError(
		site,
		{ message: 'Unexpected response', httpCode: String(response.statusCode) },
		{
			message: `${site.service.name} answered in an unexpected format`,
			description: `${where} (HTTP ${response.statusCode}).${effect ? ` ${effect}` : ''}`,
			httpCode: String(response.statusCode),
		},
	);
	return withFailure(error, { kind: failureKindOfStatus(response.statusCode) });
}

/** A redirect is never followed: it could carry the API key to another server. */
export function redirectError(site: ErrorSite, response: ApiResponse): NodeApiError {
	const location = response.headers.location;
	let target = 'another address';
	if (typeof location === 'string') {
		try {
			target = new URL(location).origin;
		} catch {
			target = 'an invalid address';
		}
	}
	const error = apiError(
		site,
		{ message: `HTTP ${response.statusCode} redirect`, httpCode: String(response.statusCode) },
		{
			message: `${site.service.name}: the server answered with a redirect (HTTP ${response.statusCode}) to ${target}, which is not followed`,
			description: `Redirects are not followed, so the API key is never sent to another server. Check the ${site.service.baseUrlField} in the credential (for example https:// instead of http://).`,
			httpCode: String(response.statusCode),
		},
	);
	return withFailure(error, { kind: 'refused' });
}

function networkFailureText(reason: string, baseUrlField: string): string {
	const texts: Record<string, string> = {
		ECONNREFUSED: 'the connection was refused',
		ECONNRESET: 'the connection closed before a complete answer came',
		EPIPE: 'the connection closed while sending',
		ETIMEDOUT: 'no answer came within the Timeout option',
		ECONNABORTED: 'no answer came within the Timeout option',
		ENOTFOUND: `the host name of the ${baseUrlField} was not found`,
		EAI_AGAIN: `the host name of the ${baseUrlField} could not be looked up`,
		EHOSTUNREACH: 'the host could not be reached',
		ENETUNREACH: 'the network could not be reached',
		EBADANSWER: 'the answer was cut off or could not be read',
	};
	return texts[reason] ?? 'the connection failed';
}

/**
 * A request that got no complete answer (refused, reset, cut off, timed out), without the request's URL or headers.
 * The message avoids the raw code (ECONNREFUSED, ...): n8n would swap such a message for a generic one without
 * the service's name. The code stays available as `httpCode`, for workflows that branch on it. A request that
 * changes data and may have reached the server says so: it may have been carried out.
 */
export function networkError(site: ErrorSite, reason: string, mayHaveChangedData: boolean): NodeApiError {
	const { name, baseUrlField } = site.service;
	const text = networkFailureText(reason, baseUrlField);
	const uncertain = mayHaveReachedServer(reason) && mayHaveChangedData;
	const message = uncertain ? `${name}: ${text}; the request ${mayHaveBeenCarriedOut(site.service)}` : `${name}: the service could not be reached (${text})`;
	const description = uncertain
		? `The request was sent but no complete answer came back. Check in ${name} whether it took effect before running this item again. Network error: ${reason}.`
		: `Check the ${baseUrlField} in the credential and that the service is up. Network error: ${reason}.`;
	const error = apiError(site, { message: text }, { message, description });
	error.httpCode = reason;
	return withFailure(error, uncertain ? { kind: 'uncertain', record: site.service.record } : { kind: 'unavailable' });
}

/**
 * A request that may have been carried out (its answer was lost, or the server failed), whose follow-up look-up
 * failed as well: still reported as possibly carried out, with what the look-up ran into.
 */
export function uncertainOutcomeError(site: ErrorSite, reason: string, lookupError: unknown): NodeApiError {
	const { name } = site.service;
	const text = reason.startsWith('HTTP ') ? `the service failed (${reason})` : networkFailureText(reason, site.service.baseUrlField);
	const lookup = lookupError instanceof Error ? lookupError.message : String(lookupError);
	const error = apiError(
		site,
		{ message: text },
		{
			message: `${name}: ${text}; the request ${mayHaveBeenCarriedOut(site.service)}`,
			description: `The request was sent but no usable answer came back, and looking up whether it took effect failed too (${lookup}). Check in ${name} whether it took effect before running this item again.`,
		},
	);
	error.httpCode = reason.startsWith('HTTP ') ? reason.slice('HTTP '.length) : reason;
	return withFailure(error, { kind: 'uncertain', record: site.service.record });
}

/**
 * A 429 or 503 whose Retry-After goes beyond what the item may still wait (the retry policy's budget): reported with
 * the wait the API asked for, instead of holding the whole node.
 */
export function retryBudgetError(site: ErrorSite, response: ApiResponse, waitMs: number, budgetMs: number): NodeApiError {
	const { name } = site.service;
	const what = response.statusCode === 429 ? 'rate limited' : 'unavailable';
	const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
	const error = apiError(
		site,
		{ message: `${name} is ${what}`, httpCode: String(response.statusCode) },
		{
			message: `${name}: still ${what} (HTTP ${response.statusCode}) after this item's retry budget: it asked to wait ${seconds(waitMs)} more`,
			description: `Each item waits at most ${seconds(budgetMs)} in all for retries, and ${name} asked for longer.${response.statusCode === 429 ? ' A 429 means the request was refused: nothing was done for this item.' : ''} Lower the node's Concurrency option, send fewer items per run, or run this item again later.`,
			httpCode: String(response.statusCode),
		},
	);
	return withFailure(error, { kind: 'unavailable' });
}
