import type { ICredentialsDecrypted, IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BEFORE_DELIVERY_FAILURES } from './errors';
import type { ApiResponse, RequestContext } from './request';
import { scrubText, scrubValue } from './secrets';
import { DEFAULT_TIMEOUT_MS } from './sendOptions';

/**
 * The one retry policy of both nodes, applied per item (README: "Errors, retries and the Error output").
 * - 429 and 503 wait for Retry-After (seconds or an HTTP date), or back off when there is none.
 * - Other 5xx, timeouts and dropped connections back off exponentially with full jitter: a random wait between 0 and
 *   `baseDelayMs * 2^(attempt-1)`, at most `maxDelayMs`.
 * - A failed request is sent at most `maxAttempts` times (429s at most `maxRateLimitedAttempts` times; a refused
 *   connection or an unknown host, which is mostly a wrong Base URL or a service that is down, `maxUnreachableAttempts`
 *   times), and one item waits at most `maxWaitPerItemMs` in all: a Retry-After beyond what is left is reported, not
 *   waited for.
 */
export const RETRY_POLICY = {
	maxAttempts: 8,
	maxUnreachableAttempts: 3,
	maxRateLimitedAttempts: 30,
	baseDelayMs: 500,
	maxDelayMs: 30_000,
	maxWaitPerItemMs: 120_000,
};

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

/** The credential a request is authenticated with, and every form of its secrets to replace in the answer. */
export interface ExchangeAuth {
	credentials: ICredentialsDecrypted;
	secretForms: readonly string[];
}

/**
 * Sends one request through n8n's authenticated HTTP helper. Every answer is returned whatever its status, with every
 * form of the credential's secrets replaced in its body and headers: this is where answers enter the package.
 * Redirects are not followed (a redirect to another server would carry the key there).
 */
export async function exchange(
	context: RequestContext,
	service: { name: string; credentialType: string },
	options: IHttpRequestOptions,
	{ credentials, secretForms }: ExchangeAuth,
): Promise<Exchange> {
	try {
		const raw: unknown = await context.helpers.httpRequestWithAuthentication.call(
			context,
			service.credentialType,
			{
				...options,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				disableFollowRedirect: true,
				timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
			},
			// The credential as read once for the run: n8n's helper would otherwise read and decrypt it for every request
			// (about 0.1 ms each). A copy, as n8n's helper may add pre-authentication data to it.
			{ credentialsDecrypted: { ...credentials, data: { ...credentials.data } } },
		);
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

/**
 * What an exchange's outcome means for sending it again:
 * - `final`: an answer to hand on (success, 4xx other than 429, a redirect, or an error status that is not retried);
 * - `rateLimited` (429) and `notDelivered` (the request never reached the server): safe to send again as it is;
 * - `unavailable` (503), `serverError` (other 5xx) and `lost` (the connection dropped or timed out after the request
 *   went out): the request may have taken effect; only a request that is idempotent, or that can find out what
 *   became of it, may be sent again.
 */
export type OutcomeKind = 'final' | 'rateLimited' | 'notDelivered' | 'unavailable' | 'serverError' | 'lost';

export function outcomeKind(outcome: Exchange): OutcomeKind {
	if ('failure' in outcome) return BEFORE_DELIVERY_FAILURES.includes(outcome.failure) ? 'notDelivered' : 'lost';
	if (outcome.statusCode === 429) return 'rateLimited';
	if (outcome.statusCode === 503) return 'unavailable';
	if (outcome.statusCode >= 500) return 'serverError';
	return 'final';
}

/** How long to wait before attempt `attempt + 1`: Retry-After for 429 and 503 when given, else jittered back-off. */
export function retryWait(outcome: Exchange, attempt: number, random: () => number = Math.random): number {
	if (!('failure' in outcome) && (outcome.statusCode === 429 || outcome.statusCode === 503)) {
		const retryAfter = retryAfterMs(outcome.headers['retry-after']);
		// A little jitter, so items told to wait the same second do not all come back in the same millisecond.
		if (retryAfter !== undefined) return retryAfter + Math.floor(random() * Math.min(250, retryAfter / 10 + 1));
	}
	return backoffDelay(attempt, random);
}

/** Full jitter: a random wait up to the exponential ceiling, so retries of many items spread out. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (attempt - 1));
	return Math.floor(random() * ceiling);
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
