import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { find } from '../../../shared/find';
import type { ApiRequest } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { failInput, withoutUndefined } from '../../../shared/validation';
import { campaignIdFor } from '../../fields/campaign.locator';
import type { SignupInput, UpsertMode } from '../../fields/lead.fields';
import { DEFAULT_SOURCE } from '../../fields/lead.fields';
import type { UpsertedLead } from '../../transport/schemas';
import { upsertedLeadSchema } from '../../transport/schemas';
import { campaignPath, kickoffLabs, saysLeadNotFound } from '../../transport/service';
import { recoverSignup } from './recover';

/** One item's signup, checked and ready to send: the campaign and the request body. */
export interface Signup {
	campaignId: string;
	body: IDataObject;
}

/** Flags as KickoffLabs documents them (`__skip_urls=1`): the text a form would send. */
function flag(enabled: boolean | undefined): string | undefined {
	return enabled ? '1' : undefined;
}

/** One item's Create or Update, from its checked parameters and its campaign; nothing is sent. */
export async function prepareSignup(run: Run<IExecuteFunctions>, mode: UpsertMode, input: SignupInput, itemIndex: number): Promise<Signup> {
	if (!input.email && !input.additionalFields.phoneNumber) {
		failInput(
			run.context,
			'Email',
			'is required unless a Phone Number is given under Additional Fields: KickoffLabs identifies a lead by one of them',
			itemIndex,
		);
	}
	return { campaignId: await campaignIdFor(run, itemIndex), body: signupBody(mode, input) };
}

function signupBody(mode: UpsertMode, { email, additionalFields: fields, options }: SignupInput): IDataObject {
	const keepOptOut = mode === 'update' ? options.doNotResetOptOut !== false : options.doNotResetOptOut === true;
	return withoutUndefined({
		email,
		phone_number: fields.phoneNumber,
		first_name: fields.firstName,
		last_name: fields.lastName,
		social_id: fields.referrerSocialId,
		ip: fields.ipAddress,
		__url: fields.signupUrl,
		__referrer: fields.referrerUrl,
		__user_agent: fields.userAgent,
		__source: fields.source ?? DEFAULT_SOURCE,
		__uid: fields.externalUid,
		points: fields.points,
		...fields.customFields,
		__skip_urls: flag(options.skipUrls),
		__skip_actions: flag(options.skipActions),
		__do_not_reset_opt_out: flag(keepOptOut),
		must_exist: mode === 'update' ? 'true' : undefined,
	}) as IDataObject;
}

/**
 * Sends a prepared create or update and returns the lead as KickoffLabs answers it. Update (`must_exist`) answers
 * undefined when KickoffLabs says there is no such lead; every other failure is an error.
 */
export async function sendSignup(
	run: Run<IExecuteFunctions>,
	signup: Signup,
	itemIndex: number,
): Promise<UpsertedLead | undefined> {
	const request: ApiRequest = {
		method: 'POST',
		path: campaignPath(signup.campaignId),
		body: signup.body,
		itemIndex,
		// KickoffLabs counts every signup: a lost answer is followed by a lookup, never by a blind resend.
		recover: async (lost) => await recoverSignup(run, signup.campaignId, signup.body, lost, itemIndex),
	};
	// Only Update may find no lead: for Create, a 404 is an error like any other.
	return await find(kickoffLabs, run, request, upsertedLeadSchema, { notFound: signup.body.must_exist ? saysLeadNotFound : () => false });
}

/** The lead a signup is about: KickoffLabs identifies it by email, else by phone number. */
export function signupKey(signup: Signup): string | undefined {
	const { email, phone_number: phone } = signup.body;
	return `${signup.campaignId} ${String(email ?? phone ?? '')}`;
}
