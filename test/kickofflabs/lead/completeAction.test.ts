import { NODE, FOUND, getWorkflow, completeActionWorkflow, errorOutput, useKickoffLabs } from '../../helpers/kickofflabs';
import { withParameters } from '../../helpers/world';

const { requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Complete Action', () => {
	it('marks a campaign action as completed by a lead', async () => {
		const [lead] = await seed({ email: 'doer@example.com' });

		const result = await run(completeActionWorkflow, [{ social_id: lead.social_id }]);

		expect(result.output(NODE, 0)).toEqual([
			{ json: { social_id: lead.social_id, actionId: '9001', success: true, message: 'Lead added to action' }, pairedItem: { item: 0 } },
		]);
		expect(requests()[0]).toMatchObject({
			method: 'POST',
			path: `/v2/${defaultCampaign()}/actions/9001`,
			body: { social_id: lead.social_id },
		});
		const lookup = await run(getWorkflow, [{ email: 'doer@example.com' }]);
		expect(lookup.output(NODE, FOUND)[0].json.completed_actions).toEqual([9001]);
	});

	it('reports an unknown action as a clear error', async () => {
		const [lead] = await seed({ email: 'doer@example.com' });

		const result = await run(withParameters(completeActionWorkflow, NODE, { actionId: '424242' }), [{ social_id: lead.social_id }]);

		expect(errorOutput(result)[0].json.error).toBe('KickoffLabs: Action not found');
	});
});
