import { NODE, getStatsWorkflow, campaignById, useKickoffLabs } from '../../helpers/kickofflabs';
import { withParameters } from '../../helpers/world';

const { kickoffLabs, requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Campaign', () => {
	it('Get Stats: the campaign\'s stats, from the credential\'s campaign or the node\'s', async () => {
		await seed({ email: 's1@example.com' }, { email: 's2@example.com' });
		const other = kickoffLabs().otherCampaignId;

		const byDefault = await run(getStatsWorkflow, [{}]);
		const byNode = await run(withParameters(getStatsWorkflow, NODE, { campaign: campaignById(other) }), [{}]);

		expect(byDefault.output(NODE, 0)[0].json).toMatchObject({
			campaign_id: defaultCampaign(),
			leads: { total: 2, total_with_jumpstart: 2 },
		});
		expect(byNode.output(NODE, 0)[0].json).toMatchObject({ campaign_id: Number(other), leads: { total: 0, total_with_jumpstart: 100 } });
		expect(requests().map((request) => request.path)).toEqual([`/v2/${defaultCampaign()}/stats`, `/v2/${other}/stats`]);
	});
});
