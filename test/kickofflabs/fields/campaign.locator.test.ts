import type { IHookFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { campaignIdForEditor, campaignIdForTrigger } from '../../../nodes/KickoffLabs/fields/campaign.locator';
import { toolErrorJson } from '../../../nodes/shared/toolErrors';
import { fakeNode } from '../../shared/fakeNode';

/** A picker or a trigger whose node names `campaign` and whose credential has no Default Campaign ID. */
function contextWithCampaign(campaign: string): ILoadOptionsFunctions & IHookFunctions {
	const context = {
		getNode: () => fakeNode({ name: 'KickoffLabs' }),
		getCurrentNodeParameter: () => campaign,
		getNodeParameter: () => campaign,
		getCredentials: async () => ({ apiKey: 'k'.repeat(20) }),
	};
	return context as unknown as ILoadOptionsFunctions & IHookFunctions;
}

async function thrownBy(promise: Promise<unknown>): Promise<Error> {
	return await promise.then(
		() => {
			throw new Error('no error was thrown');
		},
		(error: Error) => error,
	);
}

describe('the campaign outside an item', () => {
	it('missing for a picker is an input error: choose a campaign first', async () => {
		const error = await thrownBy(campaignIdForEditor(contextWithCampaign(''), 'actions'));

		expect(error.message).toMatch(/^Choose a campaign first/);
		expect(toolErrorJson(error).nextStep).toMatch(/^Correct the value named in the error/);
	});

	it('missing or not an id for a trigger is an input error naming the field', async () => {
		const missing = await thrownBy(campaignIdForTrigger(contextWithCampaign('')));
		const malformed = await thrownBy(campaignIdForTrigger(contextWithCampaign('abc')));

		expect(missing.message).toMatch(/^Campaign: no campaign is chosen/);
		expect(malformed.message).toMatch(/^Campaign: must be a KickoffLabs campaign ID/);
		for (const error of [missing, malformed]) expect(toolErrorJson(error).nextStep).toMatch(/^Correct the value named in the error/);
	});
});
