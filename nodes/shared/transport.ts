import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { networkError } from './errors';

/**
 * Where a request can be sent from: a node's execution, or the editor loading options and search lists
 * (resource locators, `loadOptions`). Both offer the node and n8n's authenticated HTTP helper.
 */
export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with '/'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: IDataObject;
	/** How arrays in `qs` are written, e.g. 'repeat' for `email=a&email=b`. */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
}

/** Every answer, whatever its status: the caller decides what a 404 or a 409 means for its operation. */
export interface ApiResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

export interface Service {
	/** Name shown in error messages, e.g. 'SendKit'. */
	name: string;
	credentialType: string;
	baseUrl: string;
	/** Headers every request of this service carries, besides the credential's authentication. */
	headers?: IDataObject;
}

export const RETRY_POLICY = {
	maxAttempts: 3,
	baseDelayMs: 500,
	/** A Retry-After longer than this is not waited for: the error reaches the workflow instead. */
	maxRetryAfterMs: 30_000,
};

const IDEMPOTENT_METHODS: readonly IHttpRequestMethods[] = ['GET', 'HEAD', 'DELETE', 'PUT'];

const NETWORK_FAILURES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'];

/** Trims what users paste into a Base URL field: spaces and trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/**
 * Sends one API request through n8n's authenticated HTTP helper and returns the answer for every status.
 * Retries where that cannot do harm: a 429 (nothing was done), and for idempotent methods a 5xx or a
 * lost connection. Backs off exponentially and honours Retry-After.
 */
export async function apiRequest(
	context: RequestContext,
	service: Service,
	request: ApiRequest,
	itemIndex: number,
): Promise<ApiResponse> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${normalizeBaseUrl(service.baseUrl)}${request.path}`,
		qs: request.qs,
		body: request.body,
		headers: { Accept: 'application/json', ...service.headers, ...request.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	if (request.arrayFormat) options.arrayFormat = request.arrayFormat;

	for (let attempt = 1; ; attempt++) {
		const outcome = await sendOnce(context, service, options);
		const lastAttempt = attempt >= RETRY_POLICY.maxAttempts;
		if ('failure' in outcome) {
			if (lastAttempt || !IDEMPOTENT_METHODS.includes(request.method)) {
				throw networkError(context, service.name, outcome.failure, itemIndex);
			}
			await sleep(backoffDelay(attempt));
			continue;
		}
		const delay = retryDelay(outcome, request.method, attempt);
		if (lastAttempt || delay === undefined) return outcome;
		await sleep(delay);
	}
}

async function sendOnce(
	context: RequestContext,
	service: Service,
	options: IHttpRequestOptions,
): Promise<ApiResponse | { failure: string }> {
	try {
		const raw: unknown = await context.helpers.httpRequestWithAuthentication.call(
			context,
			service.credentialType,
			options,
		);
		return toApiResponse(raw);
	} catch (error) {
		const failure = networkFailureReason(error);
		if (failure) return { failure };
		// n8n's own operational errors (e.g. a missing credential) keep their text. Anything else may quote the
		// request, and a KickoffLabs URL carries the key: keep only a neutral text.
		const message = error instanceof NodeOperationError ? error.message : 'the request could not be sent';
		throw new NodeOperationError(context.getNode(), `${service.name}: ${message}`);
	}
}

function toApiResponse(raw: unknown): ApiResponse {
	const full = (raw ?? {}) as { statusCode?: unknown; body?: unknown; headers?: unknown };
	return {
		statusCode: typeof full.statusCode === 'number' ? full.statusCode : 0,
		body: parseJsonText(full.body),
		headers: (full.headers && typeof full.headers === 'object' ? full.headers : {}) as IDataObject,
	};
}

function parseJsonText(body: unknown): unknown {
	if (typeof body !== 'string') return body;
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
	if (/socket hang up/i.test(error.message)) return 'ECONNRESET';
	return undefined;
}

/** How long to wait before retrying this answer, or undefined when it must not be retried. */
export function retryDelay(response: ApiResponse, method: IHttpRequestMethods, attempt: number): number | undefined {
	if (response.statusCode === 429) {
		const retryAfter = retryAfterMs(response.headers['retry-after']);
		if (retryAfter === undefined) return backoffDelay(attempt);
		return retryAfter <= RETRY_POLICY.maxRetryAfterMs ? retryAfter : undefined;
	}
	if (response.statusCode >= 500 && IDEMPOTENT_METHODS.includes(method)) return backoffDelay(attempt);
	return undefined;
}

function backoffDelay(attempt: number): number {
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
