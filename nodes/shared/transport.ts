import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BEFORE_DELIVERY_FAILURES } from './errors';
import type { ApiResponse, RequestContext } from './request';
import { scrubText, scrubValue } from './secrets';

export const RETRY_POLICY = {
	maxAttempts: 3,
	baseDelayMs: 500,
	/** A Retry-After longer than this is not waited for: the error reaches the workflow instead. */
	maxRetryAfterMs: 30_000,
};

/** How long one request may take before it counts as lost. */
export const REQUEST_TIMEOUT_MS = 60_000;

const IDEMPOTENT_METHODS: readonly IHttpRequestMethods[] = ['GET', 'HEAD', 'DELETE', 'PUT'];

export function isIdempotent(method: IHttpRequestMethods): boolean {
	return IDEMPOTENT_METHODS.includes(method);
}

const NETWORK_FAILURES = [
	...BEFORE_DELIVERY_FAILURES,
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
];

/** Trims what users paste into a Base URL field: spaces and trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/** One HTTP exchange: an answer (any status, secrets replaced), or the reason none came. */
export type Exchange = ApiResponse | { failure: string };

/**
 * Sends one request through n8n's authenticated HTTP helper. Every answer is returned whatever its status, with every
 * form of the credential's secrets replaced in its body and headers: this is where answers enter the package.
 * Redirects are not followed (a redirect to another server would carry the key there).
 */
export async function exchange(
	context: RequestContext,
	service: { name: string; credentialType: string },
	options: IHttpRequestOptions,
	secretForms: readonly string[],
): Promise<Exchange> {
	try {
		const raw: unknown = await context.helpers.httpRequestWithAuthentication.call(context, service.credentialType, {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: options.timeout ?? REQUEST_TIMEOUT_MS,
		});
		return toApiResponse(raw, secretForms);
	} catch (error) {
		const failure = networkFailureReason(error);
		if (failure) return { failure };
		// n8n's own operational errors (e.g. a missing credential) keep their text, without secrets. Anything else may
		// quote the request, and a KickoffLabs URL carries the key: keep only a neutral text.
		if (error instanceof NodeOperationError) {
			throw new NodeOperationError(context.getNode(), `${service.name}: ${scrubText(error.message, secretForms)}`);
		}
		return { failure: 'EBADANSWER' };
	}
}

function toApiResponse(raw: unknown, secretForms: readonly string[]): ApiResponse {
	const full = (raw ?? {}) as { statusCode?: unknown; body?: unknown; headers?: unknown };
	const body = typeof full.body === 'string' ? parseJsonText(scrubText(full.body, secretForms)) : scrubValue(full.body, secretForms);
	const headers = full.headers && typeof full.headers === 'object' ? (full.headers as IDataObject) : {};
	return {
		statusCode: typeof full.statusCode === 'number' ? full.statusCode : 0,
		body,
		headers: scrubValue(headers, secretForms),
	};
}

function parseJsonText(body: string): unknown {
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

/** The connection-level reason a request got no answer, or undefined for any other failure. */
export function networkFailureReason(error: unknown): string | undefined {
	if (!(error instanceof Error)) return undefined;
	const candidates: unknown[] = [
		error instanceof NodeApiError ? error.httpCode : undefined,
		(error as { code?: unknown }).code,
		(error.cause as { code?: unknown } | undefined)?.code,
	];
	for (const candidate of candidates) {
		if (typeof candidate === 'string' && NETWORK_FAILURES.includes(candidate)) return candidate;
	}
	if (/socket hang up|aborted/i.test(error.message)) return 'ECONNRESET';
	if (/timeout/i.test(error.message)) return 'ETIMEDOUT';
	return undefined;
}

/** Whether a failed exchange may be sent again: always when it never reached the server, else only when idempotent. */
export function mayResend(failure: string, method: IHttpRequestMethods): boolean {
	return BEFORE_DELIVERY_FAILURES.includes(failure) || isIdempotent(method);
}

/** How long to wait before retrying this answer, or undefined when it must not be retried. */
export function retryDelay(response: ApiResponse, method: IHttpRequestMethods, attempt: number): number | undefined {
	if (response.statusCode === 429) {
		const retryAfter = retryAfterMs(response.headers['retry-after']);
		if (retryAfter === undefined) return backoffDelay(attempt);
		return retryAfter <= RETRY_POLICY.maxRetryAfterMs ? retryAfter : undefined;
	}
	if (response.statusCode >= 500 && isIdempotent(method)) return backoffDelay(attempt);
	return undefined;
}

export function backoffDelay(attempt: number): number {
	return RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1);
}

/** Retry-After is either seconds or an HTTP date. */
export function retryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
