import type { NodeApiError } from 'n8n-workflow';

import type { StatusHints } from '../../shared/errors';
import { apiResponseError, parseApiError } from '../../shared/errors';
import type { ApiRequest, ApiResponse, RequestContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';

export const KICKOFFLABS_CREDENTIAL = 'kickoffLabsApi';
export const SERVICE_NAME = 'KickoffLabs';
const DEFAULT_BASE_URL = 'https://api.kickofflabs.com';

export interface KickoffLabsCredentials {
	apiKey?: string;
	campaignId?: string | number;
	baseUrl?: string;
}

/**
 * What KickoffLabs statuses mean (docs: "Common status codes"): 409 is its status for a request that lacks or
 * misstates something (a missing lead id or email, a points value out of range), not a conflict.
 */
const STATUS_HINTS: StatusHints = {
	400: 'KickoffLabs rejected the request as invalid',
	401: 'Authorization failed: check the API Key in the KickoffLabs credential',
	403: 'Forbidden: the API key may not access this campaign',
	404: 'Not found: check the campaign and the lead or action it names',
	409: 'KickoffLabs found the request incomplete or invalid (its status for validation errors)',
	413: 'Too many leads in one request (at most 250)',
};

export async function kickoffLabsCredentials(context: RequestContext, itemIndex: number): Promise<KickoffLabsCredentials> {
	return await context.getCredentials<KickoffLabsCredentials>(KICKOFFLABS_CREDENTIAL, itemIndex);
}

/** One KickoffLabs API call for an item; the credential adds the key as `api_key`. Every status is returned. */
export async function kickoffLabsRequest(
	context: RequestContext,
	request: ApiRequest,
	itemIndex: number,
): Promise<ApiResponse> {
	const credentials = await kickoffLabsCredentials(context, itemIndex);
	const baseUrl = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() ? credentials.baseUrl : DEFAULT_BASE_URL;
	return await apiRequest(context, { name: SERVICE_NAME, credentialType: KICKOFFLABS_CREDENTIAL, baseUrl }, request, itemIndex);
}

/** The error for a KickoffLabs answer that is not a success, with its own message (never the URL or the key). */
export function kickoffLabsError(context: RequestContext, response: ApiResponse, itemIndex: number): NodeApiError {
	return apiResponseError(context, SERVICE_NAME, response, itemIndex, STATUS_HINTS);
}

/**
 * A 404 that says the lead does not exist ("No lead found"), as opposed to one about the campaign or the route,
 * which is a configuration error. KickoffLabs does not document its answer for an unknown campaign; a 404 that
 * names the campaign is treated as that.
 */
export function isLeadNotFound(response: ApiResponse): boolean {
	if (response.statusCode !== 404) return false;
	const { message } = parseApiError(response.body);
	return !message || !/campaign|route/i.test(message);
}

/** The path of a campaign, or of something below it. Campaign ids are validated as digits before this. */
export function campaignPath(campaignId: string, ...segments: string[]): string {
	return ['', 'v2', campaignId, ...segments].map((segment) => encodeURIComponent(segment)).join('/');
}

/** Flags as KickoffLabs documents them (`__skip_urls=1`): the text a form would send. */
export function flag(enabled: boolean | undefined): string | undefined {
	return enabled ? '1' : undefined;
}
