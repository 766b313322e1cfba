import type { IDataObject } from 'n8n-workflow';

import { parseApiError } from '../../shared/errors';
import type { ApiRequest, ApiResponse } from '../../shared/request';
import type { Run } from '../../shared/run';
import { kickoffLabs } from './service';

/**
 * KickoffLabs's docs do not say whether `DELETE /v2/{campaign_id}` reads the identifiers from a JSON body or from the
 * query string. They go in the body first (250 emails in a URL would pass common URL limits); an answer that says no
 * identifier, or no lead, came through is followed by the same request with them in the query string (Rails's
 * `email[]=` form, as KickoffLabs's working public clients send them). Deleting is safe to send twice, and the first
 * request deleted nothing. The query's answer counts, unless it says the query carried no identifier: then the API
 * reads the body, and the body's answer ("no such leads") stands.
 */
export async function sendDeleteRequest(run: Run, request: ApiRequest & { body: IDataObject }): Promise<ApiResponse> {
	const inBody = await kickoffLabs.send(run, request);
	if (!saysNoIdentifier(inBody) && !saysNoLeads(inBody)) return inBody;
	const inQuery = await kickoffLabs.send(run, { ...request, body: undefined, qs: { ...request.qs, ...request.body }, arrayFormat: 'brackets' });
	return saysNoIdentifier(inQuery) ? inBody : inQuery;
}

/** KickoffLabs's documented answer to a request without a lead identifier: 409 "Please include a lead id or email". */
function saysNoIdentifier(response: ApiResponse): boolean {
	return response.statusCode === 409 && kickoffLabs.isApiAnswer(response) && /\binclude\b/i.test(parseApiError(response.body).message ?? '');
}

/** "No leads found" (404) or "No leads to update" (400), in KickoffLabs's own words. */
function saysNoLeads(response: ApiResponse): boolean {
	if (response.statusCode !== 400 && response.statusCode !== 404) return false;
	const { message } = parseApiError(response.body);
	return kickoffLabs.isApiAnswer(response) && message !== undefined && /^no (matching )?leads?\b/i.test(message);
}
