import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ApiRequest, LostAnswer, Recovery } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { isSuccess } from '../../../shared/request';
import { leadSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs, lookupSaysNotFound } from '../../transport/service';

/**
 * How far KickoffLabs's clock may be behind this machine's (its `when` has whole seconds) while a lead signed up by
 * this very call still counts as signed up by it.
 */
export const CLOCK_TOLERANCE_MS = 2000;

/** Body parameters that are not stored as they are sent, or not compared: everything else is a custom field. */
const NOT_COMPARED: ReadonlySet<string> = new Set(['email', 'phone_number', 'social_id', 'points', 'must_exist']);

/** Body parameters whose stored field has another name. */
const STORED_AS: Readonly<Record<string, string>> = { first_name: 'first_name', last_name: 'family_name', __uid: 'uid', ip: 'ip' };

/**
 * What became of a signup (create or update) whose answer was lost. KickoffLabs counts every signup (`counter`), so
 * the signup is never simply sent again: the lead is looked up by email (or phone number) first.
 * - No such lead: the signup did not take effect; send it again.
 * - Signed up since the signup was first sent: this call created it (counter 1: New Lead); answer with it as it is.
 * - Older, with counter 1: it existed and this signup was not counted (it would have made 2); send it again.
 * - Older, holding every field this signup sets: the signup took effect (or changes nothing): answer with it.
 * - Older, with a field this signup sets still different: the signup did not take effect; send it again.
 */
export async function recoverSignup(
	run: Run<IExecuteFunctions>,
	campaignId: string,
	body: IDataObject,
	lost: LostAnswer,
	itemIndex: number,
): Promise<Recovery> {
	const identifier = body.email !== undefined ? { email: body.email } : { phone_number: body.phone_number };
	const request: ApiRequest = { method: 'GET', path: campaignPath(campaignId), qs: identifier, itemIndex };
	const { context } = run;
	const response = await kickoffLabs.send(run, request);
	if (lookupSaysNotFound(context, response, request)) return { resend: true };
	if (!isSuccess(response)) throw kickoffLabs.error(context, response, request);
	const lead = kickoffLabs.parse(context, response, leadSchema, request);

	const answer: Recovery = { answer: { statusCode: 200, body: lead, headers: {} } };
	const signedUpAt = typeof lead.when === 'string' ? Date.parse(lead.when) : Number.NaN;
	if (Number.isFinite(signedUpAt) && signedUpAt >= lost.firstSentAt - CLOCK_TOLERANCE_MS) return answer;
	if (lead.counter === 1) return { resend: true };
	return holdsEveryField(lead, body) ? answer : { resend: true };
}

function holdsEveryField(lead: IDataObject, body: IDataObject): boolean {
	const customFields = (lead.custom_fields ?? {}) as IDataObject;
	return Object.entries(body).every(([name, value]) => {
		if (NOT_COMPARED.has(name)) return true;
		const storedName = STORED_AS[name];
		if (storedName) return sameText(lead[storedName], value);
		if (name.startsWith('__')) return true;
		return sameText(customFields[name], value);
	});
}

function sameText(stored: unknown, sent: unknown): boolean {
	return stored !== undefined && stored !== null && String(stored) === String(sent);
}
