import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What an agent should do about a failed tool call, by kind of failure. */
const NEXT_STEP = {
	input: 'Correct the value named in the error and call the tool again. Nothing was sent.',
	credential: 'Calling again will not help: the API key of this tool is rejected. Tell the user the integration needs fixing.',
	unavailable: 'The service is unavailable or busy right now. Try again later, or tell the user.',
	refused: 'The service refused this request. Check the values against the error, correct them, and call the tool again.',
	uncertain: 'It is unknown whether the request took effect. Look the lead up before trying again.',
	other: 'Read the details for what to do; if you cannot fix it with other values, tell the user.',
} as const;

const NETWORK_CODES = /^E[A-Z]+$/;

function nextStep(error: Error & { httpCode?: string | null; description?: string | null }): string {
	// Input checks (validation.ts failInput) all start this way, and run before anything is sent.
	if (!(error instanceof NodeApiError)) return error.message.startsWith('Invalid "') ? NEXT_STEP.input : NEXT_STEP.other;
	const status = Number(error.httpCode);
	if (status === 401 || status === 403) return NEXT_STEP.credential;
	if (status === 429 || status >= 500) return NEXT_STEP.unavailable;
	if (status >= 400) return NEXT_STEP.refused;
	if (NETWORK_CODES.test(String(error.httpCode ?? ''))) {
		return /may have been carried out/.test(error.message) ? NEXT_STEP.uncertain : NEXT_STEP.unavailable;
	}
	return NEXT_STEP.refused;
}

/**
 * A failed item as an agent reads it: `outcome: "error"`, the message, the service's details and HTTP status when
 * there are any, and what to do next. Built from the error only, which never holds a secret.
 */
export function toolErrorJson(error: Error & { httpCode?: string | null; description?: string | null }): IDataObject {
	const json: IDataObject = { outcome: 'error', error: error.message };
	if (error.description) json.details = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.nextStep = nextStep(error);
	return json;
}
