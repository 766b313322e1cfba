import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { inputJson, routeItems } from '../../../shared/items';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { withoutUndefined } from '../../../shared/validation';
import { signupProperties } from '../../fields/lead.fields';
import type { Signup } from './signup';
import { prepareSignup, sendSignup, signupKey } from './signup';

export const outputs = { updated: 'Updated', notFound: 'Not Found' } as const;

const toolDescription = toolDescriptionProperty(
	'Updates a lead that is already in the KickoffLabs campaign (found by email or phone number) with the given details. It never adds anyone.',
	{
		updated: 'the lead existed and was updated; result is the lead: "rank" (place in line), "social_url" (the referral link to share), "referrals", "contest_score" (points).',
		notFound: 'no such lead in the campaign, so nothing changed; only what was looked for is returned. To add the person, use a sign-up tool.',
	},
);

export const description = updateDisplayOptions({ show: { resource: ['lead'], operation: ['update'] } }, [
	toolDescription,
	...signupProperties('update'),
]);

/** What an agent is told it looked for when there is no such lead: the identifiers that were sent. */
function lookedUp(signup: Signup): IDataObject {
	return withoutUndefined({ email: signup.body.email, phone_number: signup.body.phone_number }) as IDataObject;
}

/**
 * The create request with `must_exist=true`, so no lead is created. A lead that does not exist goes to Not Found with
 * the input item unchanged, ready for a Create node.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems(this, {
		outputs,
		prepare: async (itemIndex) => await prepareSignup(this, 'update', itemIndex),
		keyOf: signupKey,
		send: async (signup, itemIndex) => {
			const lead = await sendSignup(this, signup, itemIndex);
			return lead ? { branch: 'updated', json: lead } : { branch: 'notFound', json: inputJson(this, itemIndex, lookedUp(signup)) };
		},
	});
}
