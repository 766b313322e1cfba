import { parseApiError } from '../../shared/errors';
import type { ApiRequest, ApiResponse, RequestContext } from '../../shared/request';
import { isSuccess } from '../../shared/request';
import { Service } from '../../shared/http/client';

interface KickoffLabsCredentials {
	apiKey?: string;
	campaignId?: string | number;
	baseUrl?: string;
}

/** The KickoffLabs API v2: the key travels as the `api_key` query parameter (added by the credential). */
export const kickoffLabs = new Service<KickoffLabsCredentials>({
	name: 'KickoffLabs',
	record: 'lead',
	credentialType: 'kickoffLabsApi',
	defaultBaseUrl: 'https://api.kickofflabs.com',
	credentialLabels: { apiKey: 'API Key', campaignId: 'Default Campaign ID', baseUrl: 'Base URL' },
	secretFields: ['apiKey'],
	/**
	 * What KickoffLabs statuses mean (docs: "Common status codes"): 409 is its status for a request that lacks or
	 * misstates something (a missing lead id or email, a points value out of range), not a conflict.
	 */
	statusHints: {
		400: 'KickoffLabs rejected the request as invalid',
		401: 'Authorization failed: check the API Key in the KickoffLabs credential',
		403: 'Forbidden: the API key may not access this campaign',
		404: 'Not found: check the campaign and the lead or action it names',
		409: 'KickoffLabs found the request incomplete or invalid (its status for validation errors)',
		413: 'Too many leads in one request (at most 250)',
	},
});

/**
 * A 404 in which KickoffLabs says the lead does not exist ("No lead found"), as opposed to one about the campaign or
 * the route, which is a configuration error. KickoffLabs does not document its answer for an unknown campaign; a 404
 * that names the campaign is treated as that. A 404 that is not KickoffLabs's own answer is an error.
 */
export function saysLeadNotFound(context: RequestContext, response: ApiResponse, request: ApiRequest): boolean {
	if (!kickoffLabs.saysNotFound(context, response, request)) return false;
	const { message } = parseApiError(response.body);
	return !message || !/campaign|route/i.test(message);
}

/**
 * Whether a lookup's answer says there is no such lead. Besides the 404, a lookup may plausibly answer 200 with
 * nothing in it (KickoffLabs does not document its not-found answer): `{}`, `[]`, no body, or only a `message`. Each
 * means no lead, never a found lead without fields. Anything else goes on to be read as a lead.
 */
export function lookupSaysNotFound(context: RequestContext, response: ApiResponse, request: ApiRequest): boolean {
	if (saysLeadNotFound(context, response, request)) return true;
	if (!isSuccess(response)) return false;
	const { body } = response;
	if (body === undefined || body === null || body === '') return true;
	if (Array.isArray(body)) return body.length === 0;
	if (typeof body !== 'object') return false;
	const keys = Object.keys(body);
	return keys.length === 0 || (keys.length === 1 && typeof (body as { message?: unknown }).message === 'string');
}

/** The path of a campaign, or of something below it. Campaign ids are validated as digits before this. */
export function campaignPath(campaignId: string, ...segments: string[]): string {
	return ['', 'v2', campaignId, ...segments].map((segment) => encodeURIComponent(segment)).join('/');
}
