import type { ICredentialsDecrypted, IHttpRequestOptions, IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { withFailure } from '../failureKind';
import type { ApiResponse, RequestContext } from '../request';
import { scrubText, scrubValue } from '../secrets';
import { DEFAULT_TIMEOUT_MS } from '../sendSettings';
import type { Exchange } from './retry';
import { NETWORK_FAILURES } from './retry';

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
			// The credential as read once for the run (n8n's helper would otherwise read and decrypt it for every
			// request), copied because the helper may add pre-authentication data to it.
			{ credentialsDecrypted: { ...credentials, data: { ...credentials.data } } },
		);
		return toApiResponse(raw, secretForms);
	} catch (error) {
		const failure = networkFailureReason(error);
		if (failure) return { failure };
		// n8n's own operational errors (e.g. a missing credential) keep their text, without secrets. Anything else may
		// quote the request, and a KickoffLabs URL carries the key: keep only a neutral text.
		// They are about the credential n8n could not use (missing, of another type, failed pre-authentication).
		if (error instanceof NodeOperationError) {
			const scrubbed = new NodeOperationError(context.getNode(), `${service.name}: ${scrubText(error.message, secretForms)}`);
			throw withFailure(scrubbed, { kind: 'credential' });
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
