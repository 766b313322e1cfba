/**
 * Every output schema against what the node really outputs: real workflows through the n8n engine against the sandbox,
 * every item of the operation's first output (and of the outputs that carry the same kind of item) validated with ajv
 * against the schema n8n-core loads from dist/. Each item must match the schema as shipped and must not carry a field the
 * schema does not name.
 */
import type { WorkflowJson } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import {
	addPointsWorkflow as kickoffLabsAddPoints,
	completeActionWorkflow as kickoffLabsCompleteAction,
	createWorkflow as kickoffLabsCreate,
	deleteWorkflow as kickoffLabsDelete,
	getCampaignsWorkflow as kickoffLabsGetCampaigns,
	getStatsWorkflow as kickoffLabsGetStats,
	getWorkflow as kickoffLabsGet,
	updateWorkflow as kickoffLabsUpdate,
} from '../helpers/kickofflabs';
import { expectMatchingItems, outputNamed } from '../helpers/output-schemas';
import { items, kickoffLabsCredentials, useWorld, withParameters } from '../helpers/world';

const KICKOFFLABS = 'KickoffLabs';

const world = useWorld();

async function runKickoffLabs(workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>) {
	return await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox), input: items(...inputs) });
}

const campaignById = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('KickoffLabs output schemas', () => {
	const kickoffLabs = () => world().sandbox.kickoffLabs;

	/** Creates leads and returns them as the New Lead output gave them. */
	async function seed(...inputs: Array<Record<string, unknown>>) {
		const result = await runKickoffLabs(kickoffLabsCreate, ...inputs);
		return outputNamed(result, KICKOFFLABS, 'New Lead').map((item) => item.json);
	}

	it('lead/create: New Lead (by email, by phone only, referred, with every field and options) and Existing Lead match the create schema', async () => {
		const [referrer] = await seed({ email: 'referrer@example.com', firstName: 'Ref' });
		const plain = await runKickoffLabs(
			kickoffLabsCreate,
			{ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical', plan: 'pro' },
			{ phone: '+1 555 123 4567' },
			{ email: 'friend@example.com', referredBy: referrer.social_id },
		);
		const everything = await runKickoffLabs(
			withParameters(kickoffLabsCreate, KICKOFFLABS, {
				email: 'all@example.com',
				additionalFields: {
					firstName: 'Alan',
					lastName: 'Turing',
					phoneNumber: '+44 20 7946 0958',
					ipAddress: '203.0.113.7',
					signupUrl: 'https://example.com/launch?utm_source=newsletter&utm_campaign=spring',
					referrerUrl: 'https://news.example.com/post',
					userAgent: 'Mozilla/5.0',
					source: 'webinar',
					externalUid: 'user-42',
					points: 25,
					customFields: { field: [{ name: 'Team Size', value: '12' }] },
				},
				options: { skipUrls: true, skipActions: true, doNotResetOptOut: true },
			}),
			{},
		);
		const again = await runKickoffLabs(kickoffLabsCreate, { email: 'ada@example.com', plan: 'team' }, { email: 'referrer@example.com' });

		const newLeads = [...outputNamed(plain, KICKOFFLABS, 'New Lead'), ...outputNamed(everything, KICKOFFLABS, 'New Lead')];
		const existingLeads = outputNamed(again, KICKOFFLABS, 'Existing Lead');
		expect(newLeads).toHaveLength(4);
		expect(newLeads[1].json.email).toBeNull();
		expect(newLeads[2].json.parent_id).toBe(referrer.id);
		expect(existingLeads).toHaveLength(2);
		expectMatchingItems(KICKOFFLABS, 'lead', 'create', newLeads);
		expectMatchingItems(KICKOFFLABS, 'lead', 'create', existingLeads);
	});

	it('lead/get: Found by email, social ID and phone number, with completed actions and referrals, matches the get schema', async () => {
		const [referrer, phoneLead] = await seed({ email: 'referrer@example.com', firstName: 'Ref' }, { phone: '+1 555 000 1111' });
		await seed({ email: 'friend@example.com', referredBy: referrer.social_id });
		await runKickoffLabs(kickoffLabsCompleteAction, { social_id: referrer.social_id });

		const byEmail = await runKickoffLabs(kickoffLabsGet, { email: 'referrer@example.com' }, { email: 'friend@example.com' });
		const bySocialId = await runKickoffLabs(
			withParameters(kickoffLabsGet, KICKOFFLABS, { getBy: 'socialId', socialId: '={{ $json.kid }}' }),
			{ kid: phoneLead.social_id },
		);
		const byPhone = await runKickoffLabs(
			withParameters(kickoffLabsGet, KICKOFFLABS, { getBy: 'phoneNumber', phoneNumber: '={{ $json.phone }}' }),
			{ phone: '+15550001111' },
		);

		const found = [
			...outputNamed(byEmail, KICKOFFLABS, 'Found'),
			...outputNamed(bySocialId, KICKOFFLABS, 'Found'),
			...outputNamed(byPhone, KICKOFFLABS, 'Found'),
		];
		expect(found).toHaveLength(4);
		expect(found[0].json).toMatchObject({ completed_actions: [9001], referrals: 1 });
		expectMatchingItems(KICKOFFLABS, 'lead', 'get', found);
	});

	it('lead/update: Updated matches the update schema', async () => {
		await seed({ email: 'member@example.com', firstName: 'Old' }, { email: 'other@example.com' });

		const result = await runKickoffLabs(
			kickoffLabsUpdate,
			{ email: 'member@example.com', firstName: 'New', plan: 'team' },
			{ email: 'other@example.com' },
		);

		const updated = outputNamed(result, KICKOFFLABS, 'Updated');
		expect(updated).toHaveLength(2);
		expectMatchingItems(KICKOFFLABS, 'lead', 'update', updated);
	});

	it('lead/delete: the items of deletes by email, social ID and phone number match the delete schema', async () => {
		const [byKid] = await seed({ email: 'kid@example.com' }, { email: 'gone@example.com' }, { phone: '+1 555 222 3333' });

		const byEmail = await runKickoffLabs(kickoffLabsDelete, { email: 'gone@example.com' }, { email: 'never-there@example.com' });
		const bySocialId = await runKickoffLabs(
			withParameters(kickoffLabsDelete, KICKOFFLABS, { deleteBy: 'socialId', socialId: '={{ $json.kid }}' }),
			{ kid: byKid.social_id },
		);
		const byPhone = await runKickoffLabs(
			withParameters(kickoffLabsDelete, KICKOFFLABS, { deleteBy: 'phoneNumber', phoneNumber: '={{ $json.phone }}' }),
			{ phone: '+15552223333' },
		);

		const deleted = [
			...outputNamed(byEmail, KICKOFFLABS, 'Success'),
			...outputNamed(bySocialId, KICKOFFLABS, 'Success'),
			...outputNamed(byPhone, KICKOFFLABS, 'Success'),
		];
		expect(deleted.map((item) => Object.keys(item.json)[0])).toEqual(['email', 'email', 'social_id', 'phone_number']);
		expectMatchingItems(KICKOFFLABS, 'lead', 'delete', deleted);
		expect(kickoffLabs().store.leads(Number(kickoffLabs().defaultCampaignId))).toHaveLength(0);
	});

	it('lead/addPoints: the items of points added by email and by social ID match the addPoints schema', async () => {
		const [lead] = await seed({ email: 'scorer@example.com' });

		const byEmail = await runKickoffLabs(
			kickoffLabsAddPoints,
			{ email: 'scorer@example.com', points: 50, reason: 'Webinar' },
			{ email: 'scorer@example.com', points: -20 },
		);
		const bySocialId = await runKickoffLabs(
			withParameters(kickoffLabsAddPoints, KICKOFFLABS, { identifyBy: 'socialId', socialId: '={{ $json.kid }}' }),
			{ kid: lead.social_id, points: 5 },
		);

		const added = [...outputNamed(byEmail, KICKOFFLABS, 'Success'), ...outputNamed(bySocialId, KICKOFFLABS, 'Success')];
		expect(added).toHaveLength(3);
		expectMatchingItems(KICKOFFLABS, 'lead', 'addPoints', added);
	});

	it('lead/completeAction: the items of actions completed by social ID and by email match the completeAction schema', async () => {
		const [lead] = await seed({ email: 'doer@example.com' }, { email: 'other@example.com' });

		const bySocialId = await runKickoffLabs(kickoffLabsCompleteAction, { social_id: lead.social_id });
		const byEmail = await runKickoffLabs(
			withParameters(kickoffLabsCompleteAction, KICKOFFLABS, { identifyBy: 'email', email: '={{ $json.email }}' }),
			{ email: 'other@example.com' },
		);

		const completed = [...outputNamed(bySocialId, KICKOFFLABS, 'Success'), ...outputNamed(byEmail, KICKOFFLABS, 'Success')];
		expect(completed).toHaveLength(2);
		expectMatchingItems(KICKOFFLABS, 'lead', 'completeAction', completed);
	});

	it('campaign/getMany: one item per campaign, all or up to a limit, matches the getMany schema', async () => {
		await seed({ email: 'counted@example.com' });

		const all = await runKickoffLabs(kickoffLabsGetCampaigns, {});
		const limited = await runKickoffLabs(withParameters(kickoffLabsGetCampaigns, KICKOFFLABS, { returnAll: false, limit: 1 }), {});

		const campaigns = [...outputNamed(all, KICKOFFLABS, 'Success'), ...outputNamed(limited, KICKOFFLABS, 'Success')];
		expect(campaigns).toHaveLength(3);
		expectMatchingItems(KICKOFFLABS, 'campaign', 'getMany', campaigns);
	});

	it('campaign/getStats: the stats of the default and of another campaign match the getStats schema', async () => {
		const [lead] = await seed({ email: 's1@example.com' }, { email: 's2@example.com' });
		await runKickoffLabs(kickoffLabsCompleteAction, { social_id: lead.social_id });

		const byDefault = await runKickoffLabs(kickoffLabsGetStats, {});
		const byNode = await runKickoffLabs(
			withParameters(kickoffLabsGetStats, KICKOFFLABS, { campaign: campaignById(kickoffLabs().otherCampaignId) }),
			{},
		);

		const stats = [...outputNamed(byDefault, KICKOFFLABS, 'Success'), ...outputNamed(byNode, KICKOFFLABS, 'Success')];
		expect(stats).toHaveLength(2);
		expect(stats[0].json).toMatchObject({ leads: { total: 2 }, actions: { completed: 1 } });
		expectMatchingItems(KICKOFFLABS, 'campaign', 'getStats', stats);
	});
});
