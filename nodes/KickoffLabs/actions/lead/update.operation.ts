import type { IDataObject } from 'n8n-workflow';

import { inputJson } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { withoutUndefined } from '../../../shared/validation';
import { signupInputSchema, signupProperties } from '../../fields/lead.fields';
import type { Signup } from './signup';
import { prepareSignup, sendSignup, signupKey } from './signup';
import { leadToolAnswer } from './toolAnswer';

const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

const toolAnswer = leadToolAnswer('updated');

const toolDescription = toolDescriptionProperty(
	'Updates a lead that is already in the KickoffLabs campaign (found by email or phone number) with the given details. It never adds anyone.',
	{
		updated: 'the lead existed and was updated; result is the lead: "rank" (place in line), "social_url" (the referral link to share), "referrals", "contest_score" (points).',
		notFound: 'no such lead in the campaign, so nothing changed; only what was looked for is returned. To add the person, use a sign-up tool.',
	},
	toolAnswer,
);

/** What an agent is told it looked for when there is no such lead: the identifiers that were sent. */
function lookedUp(signup: Signup): IDataObject {
	return withoutUndefined({ email: signup.body.email, phone_number: signup.body.phone_number }) as IDataObject;
}

/**
 * The create request with `must_exist=true`, so no lead is created. A lead that does not exist goes to Not Found with
 * the input item unchanged, ready for a Create node.
 */
export const update = defineOperation({
	option: {
		name: 'Update',
		value: 'update',
		description: 'Update an existing lead only; a missing lead goes to the Not Found output',
		action: 'Update a lead',
	},
	properties: [toolDescription, ...signupProperties('update')],
	outputs,
	input: signupInputSchema,
	toolAnswer,
	prepare: async ({ run, input, itemIndex }) => await prepareSignup(run, 'update', input, itemIndex),
	keyOf: signupKey,
	send: async ({ context, run, input: signup, itemIndex }) => {
		const lead = await sendSignup(run, signup, itemIndex);
		return lead ? { branch: 'updated', json: lead } : { branch: 'notFound', json: inputJson(context, itemIndex, lookedUp(signup)) };
	},
});
