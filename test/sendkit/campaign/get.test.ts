import { get } from '../../../nodes/SendKit/actions/campaign/get.operation';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(get.outputs);

const { run, requests, seedLeads, putInCampaign, sendKit } = useSendKit();
const workflow = fixture('sendkit/campaign/get');

describe('SendKit › Campaign › Get', () => {
	it('returns the campaign with its lead counts', async () => {
		const { activeCampaignId } = sendKit();
		putInCampaign(activeCampaignId, seedLeads(2).map((lead) => lead._id));

		const result = await run(workflow, { campaignId: activeCampaignId });

		expect(result.output('SendKit', 0).map((item) => item.json)).toEqual([
			expect.objectContaining({ _id: activeCampaignId, name: 'Q3 Founders Outreach', status: 'active', leadCounts: { total: 2, active: 2 } }),
		]);
	});

	it('an unknown campaign is an error item with SendKit\'s message; a malformed id is refused before any request', async () => {
		const result = await run(workflow, { campaignId: 'eeeeeeeeeeeeeeeeeeeeeeee' }, { campaignId: '12' });

		const errors = result.output('SendKit', ERROR_OUTPUT).map((item) => [item.json.error, item.pairedItem]);
		expect(errors).toEqual([
			['SendKit: Campaign not found', { item: 0 }],
			[expect.stringMatching(/^Invalid "Campaign" in item 1: must be a SendKit campaign ID/), { item: 1 }],
		]);
		expect(requests('GET', /^\/v1\/campaigns\//)).toHaveLength(1);
	});
});
