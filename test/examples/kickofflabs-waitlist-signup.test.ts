import { runWorkflow } from '../../dev/engine';
import { kickoffLabsCredentials, loadWorkflow, useWorld } from '../helpers/world';

const world = useWorld();

describe('examples/kickofflabs-waitlist-signup.json', () => {
	it('runs as shipped: new signups get a welcome bonus, a repeat signup is marked returning, a typo goes to Error', async () => {
		const workflow = loadWorkflow('examples/kickofflabs-waitlist-signup.json');
		const { kickoffLabs } = world().sandbox;
		const campaignId = Number(kickoffLabs.defaultCampaignId);

		const result = await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox) });

		expect(result.error).toBeUndefined();
		expect(workflow.nodes[0]).toMatchObject({ type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 });
		expect(result.outputNames('Join Waitlist')).toEqual(['New Lead', 'Existing Lead', 'Error']);
		const emails = (node: string, output: number) => result.output(node, output).map((item) => item.json.email);
		expect(emails('Join Waitlist', 0)).toEqual(['hedy@example.com', 'katherine@example.com']);
		expect(emails('Join Waitlist', 1)).toEqual(['hedy@example.com']);
		expect(result.output('Join Waitlist', 2).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Email" in item 3: must be a valid email address, like name@example.com', { item: 3 }],
		]);

		expect(result.output('Welcome Bonus', 0).map((item) => item.json)).toEqual([
			expect.objectContaining({ points: 10, success: true }),
			expect.objectContaining({ points: 10, success: true }),
		]);
		expect(result.output('Mark as Returning', 0)).toEqual([
			expect.objectContaining({ json: expect.objectContaining({ email: 'hedy@example.com', counter: 3 }) }),
		]);

		const stored = kickoffLabs.store.leads(campaignId);
		expect(stored.map((lead) => [lead.email, lead.contest_score, lead.custom_fields])).toEqual([
			['hedy@example.com', 10, { company: 'Frequency Hopping Inc.', returning: '2' }],
			['katherine@example.com', 10, { company: 'NASA' }],
		]);
		expect(result.output('Join Waitlist', 0)[0].json).toMatchObject({ ip: '203.0.113.7', utm: { utm_source: 'newsletter' } });
		expect(JSON.stringify(result.run)).not.toContain(kickoffLabs.apiKey);
	});
});
