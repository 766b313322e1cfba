import { addLeads } from '../../../nodes/SendKit/actions/campaign/addLeads.operation';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { withParameters } from '../../helpers/world';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(addLeads.outputs);

const { asTool, run, requests, seedLeads, putInCampaign, sendKit } = useSendKit();
const workflow = fixture('sendkit/campaign/addLeads');
const addRequests = () => requests('POST', /^\/v1\/campaigns\/[a-f0-9]{24}\/leads$/);
const byLeadId = withParameters(workflow, 'SendKit', { addBy: 'leadId', leadId: '={{ $json.leadId }}' });

describe('SendKit › Campaign › Add Leads', () => {
	it('adds leads by email to an active campaign: they start sending, and the run warns about it', async () => {
		const { activeCampaignId, store } = sendKit();

		const result = await run(
			workflow,
			{ campaignId: activeCampaignId, email: 'ada@example.com', firstName: 'Ada' },
			{ campaignId: activeCampaignId, email: 'grace@example.com' },
		);

		expect(result.error).toBeUndefined();
		expect(result.output('SendKit', 0).map((item) => [item.json, item.pairedItem])).toEqual([
			[{ email: 'ada@example.com', status: 'added', campaignId: activeCampaignId, campaignName: 'Q3 Founders Outreach', campaignStatus: 'active' }, { item: 0 }],
			[{ email: 'grace@example.com', status: 'added', campaignId: activeCampaignId, campaignName: 'Q3 Founders Outreach', campaignStatus: 'active' }, { item: 1 }],
		]);
		expect(addRequests()).toHaveLength(1);
		expect(addRequests()[0].body).toEqual({ leads: [{ email: 'ada@example.com', firstName: 'Ada' }, { email: 'grace@example.com' }] });
		expect(store.campaigns.leadsOf(activeCampaignId).map((member) => member.status)).toEqual(['active', 'active']);
		const hints = result.run.data.resultData.runData.SendKit[0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual(['"Q3 Founders Outreach" is active: the 2 lead(s) just added start receiving its emails now.']);
	});

	it('in a draft campaign leads wait (pending), and there is no sending hint', async () => {
		const { draftCampaignId, store } = sendKit();

		const result = await run(workflow, { campaignId: draftCampaignId, email: 'ada@example.com' });

		expect(result.output('SendKit', 0)[0].json).toMatchObject({ status: 'added', campaignStatus: 'draft' });
		expect(store.campaigns.leadsOf(draftCampaignId)[0].status).toBe('pending');
		expect(result.run.data.resultData.runData.SendKit[0].hints ?? []).toEqual([]);
	});

	it('by lead ID: leads already in the campaign are skipped with why; an unknown lead fails with SendKit\'s message', async () => {
		const { draftCampaignId } = sendKit();
		const leads = seedLeads(2);
		putInCampaign(draftCampaignId, [leads[0]._id]);

		const first = await run(byLeadId, { campaignId: draftCampaignId, leadId: leads[0]._id }, { campaignId: draftCampaignId, leadId: 'ffffffffffffffffffffffff' });
		const again = await run(byLeadId, { campaignId: draftCampaignId, leadId: leads[1]._id });
		const twice = await run(byLeadId, { campaignId: draftCampaignId, leadId: leads[1]._id });

		expect(first.output('SendKit', 0).map((item) => [item.json.status, item.json.reason])).toEqual([
			['skipped', 'Already in "Spring Webinar Follow-up"'],
			['failed', 'Lead not found'],
		]);
		expect(again.output('SendKit', 0)[0].json).toMatchObject({ leadId: leads[1]._id, status: 'added' });
		expect(twice.output('SendKit', 0)[0].json).toMatchObject({ status: 'skipped' });
	});

	it('sends at most 5,000 entries per request, one group per campaign', async () => {
		const { activeCampaignId, draftCampaignId } = sendKit();
		const inputs = Array.from({ length: 6001 }, (_, index) => ({
			campaignId: index === 6000 ? activeCampaignId : draftCampaignId,
			email: `bulk${index}@example.com`,
		}));

		const result = await run(workflow, ...inputs);

		expect(result.output('SendKit', 0)).toHaveLength(6001);
		expect(addRequests().map((request) => [request.path.split('/')[3], (request.body as { leads: unknown[] }).leads.length])).toEqual([
			[draftCampaignId, 5000],
			[draftCampaignId, 1000],
			[activeCampaignId, 1],
		]);
	}, 60_000);

	it('an empty campaign or a bad email goes to the Error output before any request', async () => {
		const result = await run(workflow, { campaignId: '', email: 'ada@example.com' }, { campaignId: sendKit().draftCampaignId, email: 'nope' });

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => item.json.error)).toEqual([
			'Invalid "Campaign" in item 0: is required',
			'Invalid "Email" in item 1: must be a valid email address, like name@example.com',
		]);
		expect(requests()).toHaveLength(0);
	});

	it('as an AI Agent tool: the agent reads each lead\'s outcome and the campaign\'s status', async () => {
		const node = { ...workflow.nodes[1], parameters: { ...workflow.nodes[1].parameters } };

		const answer = JSON.parse(
			await asTool(node, { campaignId: sendKit().activeCampaignId, email: 'agent@example.com' }),
		) as unknown;

		expect(answer).toEqual([expect.objectContaining({ email: 'agent@example.com', status: 'added', campaignStatus: 'active' })]);
	});
});
