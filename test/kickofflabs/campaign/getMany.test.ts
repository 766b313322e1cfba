import { NODE, getCampaignsWorkflow, useKickoffLabs } from '../../helpers/kickofflabs';
import { withParameters } from '../../helpers/world';

const { kickoffLabs, requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Campaign', () => {
	it('Get Many: one item per campaign, all or up to the limit', async () => {
		await seed({ email: 'counted@example.com' });

		const all = await run(getCampaignsWorkflow, [{}]);
		const limited = await run(withParameters(getCampaignsWorkflow, NODE, { returnAll: false, limit: 1 }), [{}]);

		expect(all.outputNames(NODE)).toEqual(['Success', 'Error']);
		expect(all.output(NODE, 0)).toEqual([
			{ json: { id: defaultCampaign(), name: 'Launch Waitlist', lead_count: 1 }, pairedItem: { item: 0 } },
			{ json: { id: Number(kickoffLabs().otherCampaignId), name: 'Beta Referral Program', lead_count: 100 }, pairedItem: { item: 0 } },
		]);
		expect(limited.output(NODE, 0).map((item) => item.json.name)).toEqual(['Launch Waitlist']);
		expect(requests().map((request) => request.path)).toEqual(['/v2/campaigns', '/v2/campaigns']);
	});
});
