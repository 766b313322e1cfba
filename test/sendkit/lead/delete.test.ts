import { deleteLeads } from '../../../nodes/SendKit/actions/lead/delete.operation';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { withNodeSettings, withParameters } from '../../helpers/world';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(deleteLeads.outputs);

const { run, requests, seedLeads, putInCampaign, sendKit } = useSendKit();
const workflow = fixture('sendkit/lead/delete');

/** The fixture's SendKit node at version 1.1, where Delete says false and "unknown" instead of null. */
const version1_1 = (base: typeof workflow) => withNodeSettings(base, 'SendKit', { typeVersion: 1.1 });

const hintsOf = (result: Awaited<ReturnType<typeof run>>) =>
	(result.run.data.resultData.runData.SendKit[0].hints ?? []).map((hint) => hint.message);

const putInActiveCampaign = (leadIds: string[]) => putInCampaign(sendKit().activeCampaignId, leadIds);

describe('SendKit › Lead › Delete', () => {
	it('deletes many items in one request, the ids in the JSON body, one output item per input item', async () => {
		const leads = seedLeads(3);

		const result = await run(workflow, ...leads.map((lead) => ({ leadId: lead._id })));

		expect(result.error).toBeUndefined();
		expect(result.output('SendKit', 0).map((item) => [item.json, item.pairedItem])).toEqual(
			leads.map((lead, index) => [{ leadId: lead._id, deleted: true, batch: { requested: 3, deleted: 3 } }, { item: index }]),
		);
		const deletes = requests('DELETE', /^\/v1\/leads$/);
		expect(deletes).toHaveLength(1);
		expect(deletes[0].body).toEqual({ leadIds: leads.map((lead) => lead._id) });
		expect(sendKit().store.leads(sendKit().workspaceId)).toHaveLength(0);
	});

	it('sends 1,000 ids per request at most', async () => {
		const leads = seedLeads(1500);

		const result = await run(workflow, ...leads.map((lead) => ({ leadId: lead._id })));

		expect(result.output('SendKit', 0)).toHaveLength(1500);
		expect(requests('DELETE').map((request) => (request.body as { leadIds: string[] }).leadIds.length)).toEqual([1000, 500]);
	});

	it('in node version 1, says deleted: null when SendKit deleted fewer leads than the request named', async () => {
		const [lead] = seedLeads(1);

		const result = await run(workflow, { leadId: lead._id }, { leadId: 'cccccccccccccccccccccccc' });

		expect(result.output('SendKit', 0).map((item) => item.json.deleted)).toEqual([null, null]);
		expect(result.output('SendKit', 0)[0].json.batch).toEqual({ requested: 2, deleted: 1 });
	});

	it('says deleted: "unknown" for each lead of a request SendKit deleted only some of, with one hint saying how many and why', async () => {
		const leads = seedLeads(2);
		const missing = ['cccccccccccccccccccccccc', 'dddddddddddddddddddddddd'];

		const result = await run(version1_1(workflow), ...[leads[0]._id, missing[0], leads[1]._id, missing[1]].map((leadId) => ({ leadId })));

		expect(result.output('SendKit', 0).map((item) => item.json.deleted)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
		expect(result.output('SendKit', 0)[0].json.batch).toEqual({ requested: 4, deleted: 2 });
		expect(hintsOf(result)).toEqual([
			'4 item(s) say deleted: "unknown". SendKit deleted fewer leads than a request named (some did not exist) and only counts them, so which were deleted is not known. Get a lead to check it.',
		]);
	});

	it('says deleted: false for each lead of a request that deleted none, and true when it deleted all, with no hint', async () => {
		const [lead] = seedLeads(1);
		const force = withParameters(version1_1(workflow), 'SendKit', { options: { force: '={{ $json.force }}' } });

		const result = await run(force, { leadId: lead._id, force: true }, { leadId: 'cccccccccccccccccccccccc', force: false });

		expect(result.output('SendKit', 0).map((item) => [item.json.leadId, item.json.deleted])).toEqual([
			[lead._id, true],
			['cccccccccccccccccccccccc', false],
		]);
		expect(hintsOf(result)).toEqual([]);
	});

	it('without Force, leads in an active campaign give a clear error naming the campaign, and nothing is deleted', async () => {
		const leads = seedLeads(2);
		putInActiveCampaign([leads[1]._id]);

		const result = await run(workflow, ...leads.map((lead) => ({ leadId: lead._id })));

		const errors = result.output('SendKit', ERROR_OUTPUT);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(errors[0].json.error).toBe(
			'SendKit deleted none of the 2 leads of one request (items 0-1): some are in active campaigns: Q3 Founders Outreach',
		);
		expect(sendKit().store.leads(sendKit().workspaceId)).toHaveLength(2);
	});

	it('the active-campaign refusal names each item as its own, and says the campaign and the fix once', async () => {
		const leads = seedLeads(3);
		putInActiveCampaign([leads[2]._id]);

		const result = await run(workflow, ...leads.map((lead) => ({ leadId: lead._id })));

		const errors = result.output('SendKit', ERROR_OUTPUT);
		expect(errors.map((item) => item.error?.context.itemIndex)).toEqual([0, 1, 2]);
		expect(errors.map((item) => item.json.error)).toEqual(
			Array(3).fill('SendKit deleted none of the 3 leads of one request (items 0-2): some are in active campaigns: Q3 Founders Outreach'),
		);
		expect(errors[0].error?.description).toBe(
			'Turn on the Force option to remove these leads from Q3 Founders Outreach and delete them, or pause the campaigns first.',
		);
	});

	it('without an error output, the active-campaign refusal stops the workflow with the campaign named and the fix', async () => {
		const [lead] = seedLeads(1);
		putInActiveCampaign([lead._id]);

		const result = await run(withNodeSettings(workflow, 'SendKit', { onError: 'stopWorkflow' }), { leadId: lead._id });

		expect(result.error?.message).toContain('Q3 Founders Outreach');
		expect(result.error?.description).toMatch(/^Turn on the Force option to remove these leads from Q3 Founders Outreach/);
	});

	it('with Force, deletes leads in active campaigns and removes them from the campaign', async () => {
		const leads = seedLeads(2);
		putInActiveCampaign(leads.map((lead) => lead._id));

		const result = await run(withParameters(workflow, 'SendKit', { options: { force: true } }), ...leads.map((lead) => ({ leadId: lead._id })));

		expect(result.output('SendKit', 0).map((item) => item.json.deleted)).toEqual([true, true]);
		expect(requests('DELETE')[0].body).toEqual({ leadIds: leads.map((lead) => lead._id), force: true });
		expect(sendKit().store.campaigns.leadsOf(sendKit().activeCampaignId)).toHaveLength(0);
	});

	it('a malformed id fails alone, before any request', async () => {
		const [lead] = seedLeads(1);

		const result = await run(workflow, { leadId: '../workspaces' }, { leadId: lead._id });

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(requests('DELETE')[0].body).toEqual({ leadIds: [lead._id] });
	});
});
