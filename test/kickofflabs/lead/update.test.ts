import { NODE, UPDATED, NOT_FOUND, updateWorkflow, useKickoffLabs } from '../../helpers/kickofflabs';
import { withParameters } from '../../helpers/world';

const { kickoffLabs, requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Update', () => {
	it('updates an existing lead (Updated) and sends a missing one to Not Found, creating nothing', async () => {
		await seed({ email: 'member@example.com', firstName: 'Old' });

		const result = await run(updateWorkflow, [
			{ email: 'member@example.com', firstName: 'New', plan: 'team' },
			{ email: 'stranger@example.com', firstName: 'Who' },
		]);

		expect(result.outputNames(NODE)).toEqual(['Updated', 'Not Found', 'Error']);
		const [updated] = result.output(NODE, UPDATED);
		expect(updated).toMatchObject({
			json: { email: 'member@example.com', first_name: 'New', counter: 2, custom_fields: { plan: 'team' } },
			pairedItem: { item: 0 },
		});
		expect(result.output(NODE, NOT_FOUND)).toEqual([
			{ json: { email: 'stranger@example.com', firstName: 'Who' }, pairedItem: { item: 1 } },
		]);
		expect(requests()[0].body).toEqual({
			email: 'member@example.com',
			first_name: 'New',
			__source: 'n8n',
			plan: 'team',
			__do_not_reset_opt_out: '1',
			must_exist: 'true',
		});
		expect(kickoffLabs().store.leads(defaultCampaign()).map((lead) => lead.email)).toEqual(['member@example.com']);
	});

	it('keeps an opted-out lead opted out, unless Keep Opt-Out is turned off', async () => {
		await seed({ email: 'quiet@example.com' });
		const stored = () => kickoffLabs().store.findLead(defaultCampaign(), { kind: 'email', value: 'quiet@example.com' });
		stored()!.opted_out = true;

		await run(updateWorkflow, [{ email: 'quiet@example.com', firstName: 'Still' }]);
		expect(stored()!.opted_out).toBe(true);

		await run(withParameters(updateWorkflow, NODE, { options: { doNotResetOptOut: false } }), [{ email: 'quiet@example.com' }]);
		expect(requests()[1].body).not.toHaveProperty('__do_not_reset_opt_out');
		expect(stored()!.opted_out).toBe(false);
	});
});
