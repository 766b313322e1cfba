import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { loadOutputSchema } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import {
	items,
	kickoffLabsCredentials,
	loadWorkflow,
	repoRoot,
	sendKitCredentials,
	useWorld,
	withParameters,
} from '../helpers/world';

/**
 * Every output schema against what the node really outputs: real workflows through the n8n engine against the sandbox,
 * every item of the operation's first output (and of the outputs that carry the same kind of item) validated with ajv
 * against the schema n8n-core loads from dist/. Each item must match the schema as shipped and must not carry a field the
 * schema does not name.
 */

type NodeFolder = 'SendKit' | 'KickoffLabs';

const SENDKIT = 'SendKit';
const KICKOFFLABS = 'KickoffLabs';

const sendKitCreate = loadWorkflow('test/fixtures/workflows/sendkit-create-lead.json');
const sendKitGetByEmail = loadWorkflow('test/fixtures/workflows/sendkit-get-lead-by-email.json');
const sendKitGetById = loadWorkflow('test/fixtures/workflows/sendkit-get-lead-by-id.json');
const sendKitFixture = (resource: string, operation: string) => loadWorkflow(`test/sendkit/${resource}/${operation}.workflow.json`);
const kickoffLabsCreate = loadWorkflow('test/fixtures/workflows/kickofflabs-create-lead.json');
const kickoffLabsGet = loadWorkflow('test/fixtures/workflows/kickofflabs-get-lead.json');
const kickoffLabsUpdate = loadWorkflow('test/fixtures/workflows/kickofflabs-update-lead.json');
const kickoffLabsDelete = loadWorkflow('test/fixtures/workflows/kickofflabs-delete-leads.json');
const kickoffLabsAddPoints = loadWorkflow('test/fixtures/workflows/kickofflabs-add-points.json');
const kickoffLabsCompleteAction = loadWorkflow('test/fixtures/workflows/kickofflabs-complete-action.json');
const kickoffLabsGetCampaigns = loadWorkflow('test/fixtures/workflows/kickofflabs-get-campaigns.json');
const kickoffLabsGetStats = loadWorkflow('test/fixtures/workflows/kickofflabs-get-campaign-stats.json');

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

type JsonSchema = Record<string, unknown>;

/** The schema with `additionalProperties: false` wherever it lists properties, so an unnamed field fails too. */
function closed(schema: unknown): unknown {
	if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
	const copy: JsonSchema = { ...(schema as JsonSchema) };
	if (copy.properties && typeof copy.properties === 'object') {
		copy.properties = Object.fromEntries(
			Object.entries(copy.properties as JsonSchema).map(([key, child]) => [key, closed(child)]),
		);
		copy.additionalProperties ??= false;
	}
	if (copy.items !== undefined) copy.items = closed(copy.items);
	return copy;
}

const validators = new Map<string, { shipped: ValidateFunction; closed: ValidateFunction }>();

function validatorsFor(folder: NodeFolder, resource: string, operation: string) {
	const key = `${folder} ${resource}/${operation}`;
	let found = validators.get(key);
	if (!found) {
		const schema = loadOutputSchema({ nodeDir: `${repoRoot}/dist/nodes/${folder}`, version: 1, resource, operation });
		if (!schema) throw new Error(`No output schema for ${key} in dist/: run npm run build`);
		found = { shipped: ajv.compile(schema), closed: ajv.compile(closed(schema) as JsonSchema) };
		validators.set(key, found);
	}
	return found;
}

/** What is wrong with each item, as readable lines; empty when every item matches. */
function mismatches(folder: NodeFolder, resource: string, operation: string, outputItems: INodeExecutionData[]): string[] {
	const { shipped, closed: closedValidator } = validatorsFor(folder, resource, operation);
	const problems: string[] = [];
	outputItems.forEach((item, index) => {
		for (const [variant, validate] of [
			['schema', shipped],
			['fields named by the schema', closedValidator],
		] as const) {
			if (validate(item.json)) continue;
			for (const error of validate.errors ?? []) {
				const extra = error.keyword === 'additionalProperties' ? ` "${String(error.params.additionalProperty)}"` : '';
				problems.push(`item ${index} (${variant}) at "${error.instancePath || '/'}": ${error.message ?? error.keyword}${extra}`);
			}
		}
	});
	return problems;
}

/** Asserts there are items, and that every one matches the operation's schema. */
function expectMatchingItems(folder: NodeFolder, resource: string, operation: string, outputItems: INodeExecutionData[]) {
	expect(outputItems.length).toBeGreaterThan(0);
	expect(mismatches(folder, resource, operation, outputItems)).toEqual([]);
}

/** The items of the named output, after checking the run went through without an error item. */
function outputNamed(result: WorkflowRun, nodeName: string, outputName: string): INodeExecutionData[] {
	const names = result.outputNames(nodeName);
	expect(result.error).toBeUndefined();
	expect(result.output(nodeName, names.indexOf('Error')).map((item) => item.json)).toEqual([]);
	expect(names).toContain(outputName);
	return result.output(nodeName, names.indexOf(outputName));
}

const world = useWorld();

async function runSendKit(workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>) {
	return await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox), input: items(...inputs) });
}

async function runKickoffLabs(workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>) {
	return await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox), input: items(...inputs) });
}

const campaignById = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('SendKit output schemas', () => {
	const everyField = {
		firstName: 'Ada',
		lastName: 'Lovelace',
		companyName: 'Analytical Engines',
		jobTitle: 'CTO',
		phone: '+1-555-123-4567',
		linkedinUrl: 'https://linkedin.com/in/ada',
		city: 'London',
		state: 'LDN',
		country: 'GB',
		tags: 'vip, enterprise',
		customFields: { field: [{ name: 'industry', value: 'SaaS' }] },
	};

	it('lead/create: Created, Already Exists, and Already Exists after an update match the create schema', async () => {
		const created = await runSendKit(
			withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }),
			{ email: 'full@example.com' },
		);
		const minimal = await runSendKit(sendKitCreate, { email: 'minimal@example.com' }, { email: 'named@example.com', firstName: 'Grace' });
		const duplicates = await runSendKit(sendKitCreate, { email: 'full@example.com' }, { email: 'minimal@example.com' });
		const updated = await runSendKit(
			withParameters(sendKitCreate, SENDKIT, { updateExisting: true, additionalFields: { jobTitle: 'CEO', city: 'Paris' } }),
			{ email: 'named@example.com' },
		);

		const createdItems = [...outputNamed(created, SENDKIT, 'Created'), ...outputNamed(minimal, SENDKIT, 'Created')];
		const existingItems = [...outputNamed(duplicates, SENDKIT, 'Existing Lead'), ...outputNamed(updated, SENDKIT, 'Existing Lead')];
		expect(createdItems).toHaveLength(3);
		expect(existingItems).toHaveLength(3);
		expect(existingItems.every((item) => item.json.conflict !== undefined)).toBe(true);
		expectMatchingItems(SENDKIT, 'lead', 'create', createdItems);
		expectMatchingItems(SENDKIT, 'lead', 'create', existingItems);
	});

	it('lead/get: Found by email (the list\'s shorter lead) and by ID (the full lead) match the get schema', async () => {
		const seeded = await runSendKit(
			withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }),
			{ email: 'full@example.com' },
		);
		await runSendKit(sendKitCreate, { email: 'minimal@example.com' });
		const fullId = outputNamed(seeded, SENDKIT, 'Created')[0].json._id;

		const byEmail = await runSendKit(sendKitGetByEmail, { email: 'full@example.com' }, { email: 'minimal@example.com' });
		const byId = await runSendKit(sendKitGetById, { leadId: fullId });

		const found = [...outputNamed(byEmail, SENDKIT, 'Found'), ...outputNamed(byId, SENDKIT, 'Found')];
		expect(found).toHaveLength(3);
		expectMatchingItems(SENDKIT, 'lead', 'get', found);
	});
});

describe('SendKit output schemas: the CRM-sync operations', () => {
	const sendKit = () => world().sandbox.sendKit;
	const everyField = {
		firstName: 'Ada',
		lastName: 'Lovelace',
		companyName: 'Analytical Engines',
		jobTitle: 'CTO',
		phone: '+1-555-123-4567',
		linkedinUrl: 'https://linkedin.com/in/ada',
		city: 'London',
		state: 'LDN',
		country: 'GB',
		tags: 'vip, enterprise',
		customFields: { field: [{ name: 'industry', value: 'SaaS' }] },
	};

	/** Leads created through the node, every field set on the first; returns their ids. */
	async function seed(...emails: string[]): Promise<string[]> {
		const [first, ...rest] = emails;
		const full = await runSendKit(withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }), { email: first });
		const plain = rest.length > 0 ? await runSendKit(sendKitCreate, ...rest.map((email) => ({ email }))) : undefined;
		return [...outputNamed(full, SENDKIT, 'Created'), ...(plain ? outputNamed(plain, SENDKIT, 'Created') : [])].map((item) => String(item.json._id));
	}

	/** Verifies the leads, so that they carry every enrichment field. */
	async function verify(...ids: string[]) {
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'complete' };
		return await runSendKit(sendKitFixture('lead', 'verifyEmail'), ...ids.map((_id) => ({ _id })));
	}

	it('lead/getAll: plain and verified leads from the list match the getAll schema', async () => {
		const ids = await seed('full@example.com', 'plain@example.com', 'cfo@catchall.proofpoint.example');
		await verify(ids[0], ids[2]);

		const result = await runSendKit(sendKitFixture('lead', 'getAll'), {});

		const leads = outputNamed(result, SENDKIT, 'Success');
		expect(leads).toHaveLength(3);
		expect(leads[2].json).toMatchObject({ emailVerificationResult: 'risky', segProtected: true });
		expectMatchingItems(SENDKIT, 'lead', 'getAll', leads);
	});

	it('lead/update, lead/get: an updated lead, plain and verified, matches the update and get schemas', async () => {
		const ids = await seed('full@example.com', 'plain@example.com');
		await verify(ids[0]);

		const result = await runSendKit(sendKitFixture('lead', 'update'), { leadId: ids[0], jobTitle: 'CEO', stage: 'won' }, { leadId: ids[1], tags: 'x' });
		const byId = await runSendKit(sendKitGetById, { leadId: ids[0] });

		const updated = outputNamed(result, SENDKIT, 'Updated');
		expect(updated).toHaveLength(2);
		expectMatchingItems(SENDKIT, 'lead', 'update', updated);
		expectMatchingItems(SENDKIT, 'lead', 'get', outputNamed(byId, SENDKIT, 'Found'));
	});

	it('lead/delete: confirmed and unconfirmed deletions match the delete schema', async () => {
		const ids = await seed('a@example.com', 'b@example.com');

		const all = await runSendKit(sendKitFixture('lead', 'delete'), { leadId: ids[0] });
		const some = await runSendKit(sendKitFixture('lead', 'delete'), { leadId: ids[1] }, { leadId: ids[0] });

		const deleted = [...outputNamed(all, SENDKIT, 'Success'), ...outputNamed(some, SENDKIT, 'Success')];
		expect(deleted.map((item) => item.json.deleted)).toEqual([true, null, null]);
		expectMatchingItems(SENDKIT, 'lead', 'delete', deleted);
	});

	it('lead/import: imported, skipped, duplicate-in-input, mixed and failed outcomes match the import schema', async () => {
		const first = await runSendKit(sendKitFixture('lead', 'import'), { email: 'one@example.com', firstName: 'One' }, { email: 'one@example.com' });
		const again = await runSendKit(sendKitFixture('lead', 'import'), { email: 'one@example.com' });
		const mixed = await runSendKit(sendKitFixture('lead', 'import'), { email: 'one@example.com' }, { email: 'two@example.com' });
		sendKit().control.setFaults({
			queue: [{ path: '^/v1/leads/bulk$', respond: { status: 200, body: { success: true, data: { imported: 0, updated: 0, skipped: 0, failed: 1, importedLeadIds: [], errors: [{ email: 'bad@example.com', error: 'Blocked' }] } } } }],
		});
		const failed = await runSendKit(sendKitFixture('lead', 'import'), { email: 'bad@example.com' });

		const outcomes = [first, again, mixed, failed].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(outcomes.map((item) => item.json.status)).toEqual(['imported', 'skipped', 'skipped', 'succeeded', 'succeeded', 'failed']);
		expectMatchingItems(SENDKIT, 'lead', 'import', outcomes);
	});

	it('lead/verifyEmail: verified, unknown, failed, timed-out, not-found and returned-at-once items match the verifyEmail schema', async () => {
		const ids = await seed('full@example.com', 'unknown.x@example.com');
		const verified = await verify(...ids, 'dddddddddddddddddddddddd');
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'fail' };
		const failed = await runSendKit(sendKitFixture('lead', 'verifyEmail'), { _id: ids[1] });
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 60_000, outcome: 'complete' };
		const timedOut = await runSendKit(withParameters(sendKitFixture('lead', 'verifyEmail'), SENDKIT, { options: { maxWaitSeconds: 1 } }), { _id: ids[1] });

		const atOnce = await runSendKit(withParameters(sendKitFixture('lead', 'verifyEmail'), SENDKIT, { options: { returnJob: true } }), { _id: ids[0] });

		const results = [verified, failed, timedOut, atOnce].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(results.map((item) => (item.json.verification as { status: string }).status)).toEqual([
			'completed',
			'completed',
			'leadNotFound',
			'failed',
			'timedOut',
			'started',
		]);
		expectMatchingItems(SENDKIT, 'lead', 'verifyEmail', results);
	});

	it('campaign/getAll, campaign/get, campaign/addLeads: campaigns and add outcomes match their schemas', async () => {
		const [leadId] = await seed('member@example.com');
		const campaignId = sendKit().activeCampaignId;
		const addLeads = sendKitFixture('campaign', 'addLeads');

		const added = await runSendKit(addLeads, { campaignId, email: 'new@example.com', firstName: 'New' }, { campaignId, email: 'new@example.com' });
		const byId = await runSendKit(withParameters(addLeads, SENDKIT, { addBy: 'leadId', leadId: '={{ $json.leadId }}' }), { campaignId, leadId }, { campaignId, leadId: 'ffffffffffffffffffffffff' });
		const list = await runSendKit(sendKitFixture('campaign', 'getAll'), {});
		const one = await runSendKit(sendKitFixture('campaign', 'get'), { campaignId });

		const outcomes = [...outputNamed(added, SENDKIT, 'Success'), ...outputNamed(byId, SENDKIT, 'Success')];
		expect(outcomes.map((item) => item.json.status)).toEqual(['added', 'skipped', 'added', 'failed']);
		expectMatchingItems(SENDKIT, 'campaign', 'addLeads', outcomes);
		expectMatchingItems(SENDKIT, 'campaign', 'getAll', outputNamed(list, SENDKIT, 'Success'));
		const [campaign] = outputNamed(one, SENDKIT, 'Success');
		expect(campaign.json.leadCounts).toEqual({ total: 2, active: 2 });
		expectMatchingItems(SENDKIT, 'campaign', 'get', [campaign]);
	});
});

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
