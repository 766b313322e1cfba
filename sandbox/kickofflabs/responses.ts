import { faultMessage, type FaultStatus } from '../core/faults';
import type { SandboxResponse } from '../core/types';

/**
 * Every documented KickoffLabs error is a status plus `{"message": "..."}`
 * (docs/api-notes.md#kickofflabs-error-responses).
 */
export function kickoffLabsMessage(status: number, message: string): SandboxResponse {
	return { status, body: { message } };
}

export const MISSING_IDENTIFIER = kickoffLabsMessage(409, 'Please include a lead id or email');
export const NO_LEAD_FOUND = kickoffLabsMessage(404, 'No lead found');
export const INVALID_API_KEY = kickoffLabsMessage(401, 'Invalid API key');
export const CAMPAIGN_NOT_FOUND = kickoffLabsMessage(404, 'Campaign not found');
export const ROUTE_NOT_FOUND = kickoffLabsMessage(404, 'Not found');
// The docs only say invalid JSON gets "an error message telling you to verify the JSON payload"; status INFERRED.
export const INVALID_JSON = kickoffLabsMessage(400, 'Please verify the JSON payload');

export function kickoffLabsFaultBody(status: FaultStatus): unknown {
	return { message: faultMessage(status) };
}
