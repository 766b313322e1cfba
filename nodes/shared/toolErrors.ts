import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Failure } from './failureKind';
import { failureKindOfStatus, failureOf } from './failureKind';

/** What an agent should do about a failed tool call, by kind of failure. */
function nextStep(failure: Failure | undefined): string {
	switch (failure?.kind) {
		case 'input':
			return 'Correct the value named in the error and call the tool again. Nothing was sent.';
		case 'credential':
			return 'Calling again will not help: the API key of this tool is rejected. Tell the user the integration needs fixing.';
		case 'unavailable':
			return 'The service is unavailable or busy right now. Try again later, or tell the user.';
		case 'refused':
			return 'The service refused this request. Check the values against the error, correct them, and call the tool again.';
		case 'uncertain':
			return `It is unknown whether the request took effect. Look the ${failure.record} up before trying again.`;
		default:
			return 'Read the details for what to do; if you cannot fix it with other values, tell the user.';
	}
}

/**
 * The kind the package tagged the error with. An API error built elsewhere (an operation's own reading of an answer)
 * is read by its HTTP status; any other error has no kind.
 */
function failureOfAny(error: Error): Failure | undefined {
	const tagged = failureOf(error);
	if (tagged || !(error instanceof NodeApiError)) return tagged;
	const status = Number(error.httpCode);
	return Number.isInteger(status) && status >= 400 ? { kind: failureKindOfStatus(status) } : undefined;
}

/**
 * A failed item as an agent reads it: `outcome: "error"`, the message, the service's details and HTTP status when
 * there are any, and what to do next. Built from the error only, which never holds a secret.
 */
export function toolErrorJson(error: Error & { httpCode?: string | null; description?: string | null }): IDataObject {
	const json: IDataObject = { outcome: 'error', error: error.message };
	if (error.description) json.details = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	json.nextStep = nextStep(failureOfAny(error));
	return json;
}
