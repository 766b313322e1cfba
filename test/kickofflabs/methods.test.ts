import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { getActions } from '../../nodes/KickoffLabs/fields/action.field';
import { searchCampaigns } from '../../nodes/KickoffLabs/fields/campaign.locator';
import type { RunningSandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { kickoffLabsNode as NODE } from '../helpers/kickofflabs';

describe('KickoffLabs editor lists (against the sandbox)', () => {
	let sandbox: RunningSandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ keys: 'random' });
	});

	afterAll(async () => {
		await sandbox.close();
	});

	/** A load-options context whose HTTP helper applies the credential the way n8n does (api_key in the query). */
	function loadOptionsContext(
		currentParameters: IDataObject,
		credentialOverrides: Partial<{ apiKey: string; campaignId: string }> = {},
	): ILoadOptionsFunctions {
		const credentials = {
			apiKey: sandbox.kickoffLabs.apiKey,
			campaignId: sandbox.kickoffLabs.defaultCampaignId,
			baseUrl: sandbox.kickoffLabs.url,
			...credentialOverrides,
		};
		const context = {
			getNode: () => NODE,
			getCredentials: async () => credentials,
			getCurrentNodeParameter: (name: string) => {
				const value = currentParameters[name];
				return value && typeof value === 'object' && '__rl' in value ? (value as { value: unknown }).value : value;
			},
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(options.url);
					for (const [name, value] of Object.entries({ ...options.qs, api_key: credentials.apiKey })) {
						url.searchParams.append(name, String(value));
					}
					const response = await fetch(url, {
						method: options.method,
						headers: { accept: 'application/json' },
					});
					const text = await response.text();
					return { statusCode: response.status, body: text ? (JSON.parse(text) as unknown) : '', headers: {} };
				},
			},
		};
		return context as unknown as ILoadOptionsFunctions;
	}

	it('lists the campaigns of the key for the Campaign picker, filtered by name or ID', async () => {
		const all = await searchCampaigns.call(loadOptionsContext({}));
		const filtered = await searchCampaigns.call(loadOptionsContext({}), 'beta');
		const byId = await searchCampaigns.call(loadOptionsContext({}), sandbox.kickoffLabs.defaultCampaignId);

		expect(all.results).toEqual([
			{ name: "Launch Waitlist (the credential's default)", value: sandbox.kickoffLabs.defaultCampaignId },
			{ name: 'Beta Referral Program', value: sandbox.kickoffLabs.otherCampaignId },
		]);
		expect(filtered.results.map((result) => result.name)).toEqual(['Beta Referral Program']);
		expect(byId.results.map((result) => result.name)).toEqual(["Launch Waitlist (the credential's default)"]);
		expect(sandbox.kickoffLabs.control.requests.map((request) => request.path)).toEqual(['/v2/campaigns', '/v2/campaigns', '/v2/campaigns']);
	});

	it("shows which campaign an empty Campaign means: the credential's default comes first in the picker, marked", async () => {
		const otherIsDefault = await searchCampaigns.call(loadOptionsContext({}, { campaignId: ` ${sandbox.kickoffLabs.otherCampaignId} ` }));
		const noDefault = await searchCampaigns.call(loadOptionsContext({}, { campaignId: '' }));

		expect(otherIsDefault.results).toEqual([
			{ name: "Beta Referral Program (the credential's default)", value: sandbox.kickoffLabs.otherCampaignId },
			{ name: 'Launch Waitlist', value: sandbox.kickoffLabs.defaultCampaignId },
		]);
		expect(noDefault.results.map((result) => result.name)).toEqual(['Launch Waitlist', 'Beta Referral Program']);
	});

	it('reports a wrong key in the picker as a clear error', async () => {
		await expect(searchCampaigns.call(loadOptionsContext({}, { apiKey: 'wrong' }))).rejects.toThrow('KickoffLabs: Invalid API key');
	});

	it('lists the actions of the chosen campaign, or of the credential\'s default one', async () => {
		const ofNodeCampaign = await getActions.call(
			loadOptionsContext({ campaign: { __rl: true, mode: 'list', value: sandbox.kickoffLabs.otherCampaignId } }),
		);
		const ofDefault = await getActions.call(loadOptionsContext({ campaign: { __rl: true, mode: 'list', value: '' } }));

		expect(ofNodeCampaign).toEqual([{ name: 'Join our Discord', value: '9101' }]);
		expect(ofDefault).toEqual([
			{ name: 'Follow us on X', value: '9001' },
			{ name: 'Share on LinkedIn', value: '9002' },
		]);
	});

	it('asks for a campaign before listing actions when there is none', async () => {
		sandbox.kickoffLabs.control.reset();
		await expect(getActions.call(loadOptionsContext({}, { campaignId: '' }))).rejects.toThrow(
			'Choose a campaign first (or set Default Campaign ID in the KickoffLabs credential) to list its actions',
		);
		expect(sandbox.kickoffLabs.control.requests).toHaveLength(0);
	});
});
