import type { INode } from 'n8n-workflow';

import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { invokeAsTool, runWorkflow } from '../../dev/engine';
import { items, kickoffLabsCredentials, loadWorkflow, useWorld, withNodeSettings, withParameters } from '../helpers/world';

const NODE = 'KickoffLabs';

const NEW_LEAD = 0;
const EXISTING_LEAD = 1;
const FOUND = 0;
const UPDATED = 0;
const NOT_FOUND = 1;

const createWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-create-lead.json');
const getWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-get-lead.json');
const updateWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-update-lead.json');
const deleteWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-delete-leads.json');
const addPointsWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-add-points.json');
const completeActionWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-complete-action.json');
const getCampaignsWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-get-campaigns.json');
const getStatsWorkflow = loadWorkflow('test/fixtures/workflows/kickofflabs-get-campaign-stats.json');

const world = useWorld();

/** Every run of this file, so the last test can look for the API key in all of them. */
const allRuns: WorkflowRun[] = [];

const kickoffLabs = () => world().sandbox.kickoffLabs;
const requests = () => kickoffLabs().control.requests;
const credentials = (overrides: Partial<{ apiKey: string; campaignId: string; baseUrl: string }> = {}) =>
	kickoffLabsCredentials(world().sandbox, overrides);
const defaultCampaign = () => Number(kickoffLabs().defaultCampaignId);

async function run(
	workflow: WorkflowJson,
	inputs: Array<Record<string, unknown>>,
	credentialOverrides: Partial<{ apiKey: string; campaignId: string; baseUrl: string }> = {},
): Promise<WorkflowRun> {
	const result = await runWorkflow(world().engine, workflow, {
		credentials: credentials(credentialOverrides),
		input: items(...inputs),
	});
	allRuns.push(result);
	return result;
}

const create = async (...inputs: Array<Record<string, unknown>>) => await run(createWorkflow, inputs);

/** Creates leads and forgets the requests that did it. */
async function seed(...inputs: Array<Record<string, unknown>>) {
	const result = await create(...inputs);
	expect(result.error).toBeUndefined();
	requests().length = 0;
	return [...result.output(NODE, NEW_LEAD), ...result.output(NODE, EXISTING_LEAD)].map((item) => item.json);
}

const errorOutput = (result: WorkflowRun) => result.output(NODE, result.outputCount(NODE) - 1);
const campaignById = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe('KickoffLabs › Create or Update', () => {
	it('puts a lead this call created on New Lead, carrying the lead as KickoffLabs returned it', async () => {
		const result = await create({ email: ' Ada@Example.com ', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical' });

		expect(result.error).toBeUndefined();
		expect(result.outputNames(NODE)).toEqual(['New Lead', 'Existing Lead', 'Error']);
		expect(result.output(NODE, EXISTING_LEAD)).toHaveLength(0);
		const [lead] = result.output(NODE, NEW_LEAD);
		expect(lead.pairedItem).toEqual({ item: 0 });
		expect(lead.json).toMatchObject({
			email: 'ada@example.com',
			first_name: 'Ada',
			family_name: 'Lovelace',
			counter: 1,
			rank: 1,
			campaign_id: defaultCampaign(),
			referrals: 0,
			custom_fields: { company: 'Analytical' },
			unverified_leads: { direct: 0, indirect: 0 },
		});
		expect(lead.json.social_url).toBe(`https://www.example.com/?kid=${String(lead.json.social_id)}`);

		expect(requests()).toHaveLength(1);
		const [request] = requests();
		expect(request).toMatchObject({ method: 'POST', path: `/v2/${defaultCampaign()}`, query: { api_key: '***' } });
		expect(request.body).toEqual({
			email: 'ada@example.com',
			first_name: 'Ada',
			last_name: 'Lovelace',
			__source: 'n8n',
			company: 'Analytical',
		});
	});

	it('puts a lead that already existed on Existing Lead (counter above 1)', async () => {
		await seed({ email: 'grace@example.com', firstName: 'Grace' });

		const result = await create({ email: 'grace@example.com', plan: 'pro' });

		expect(result.output(NODE, NEW_LEAD)).toHaveLength(0);
		const [existing] = result.output(NODE, EXISTING_LEAD);
		expect(existing.json).toMatchObject({
			email: 'grace@example.com',
			first_name: 'Grace',
			counter: 2,
			custom_fields: { plan: 'pro' },
		});
		expect(existing.pairedItem).toEqual({ item: 0 });
	});

	it('sends every field under the parameter name KickoffLabs documents', async () => {
		const workflow = withParameters(createWorkflow, NODE, {
			email: 'all@example.com',
			additionalFields: {
				firstName: 'Alan',
				lastName: 'Turing',
				phoneNumber: '+44 20 7946 0958',
				ipAddress: '203.0.113.7',
				signupUrl: 'https://example.com/launch?utm_source=newsletter',
				referrerUrl: 'https://news.example.com/post',
				userAgent: 'Mozilla/5.0',
				source: 'webinar',
				externalUid: 'user-42',
				points: 25,
				customFields: { field: [{ name: 'Team Size', value: '12' }] },
			},
			options: { skipUrls: true, skipActions: true, doNotResetOptOut: true },
		});

		const result = await run(workflow, [{}]);

		expect(requests()[0].body).toEqual({
			email: 'all@example.com',
			phone_number: '+44 20 7946 0958',
			first_name: 'Alan',
			last_name: 'Turing',
			ip: '203.0.113.7',
			__url: 'https://example.com/launch?utm_source=newsletter',
			__referrer: 'https://news.example.com/post',
			__user_agent: 'Mozilla/5.0',
			__source: 'webinar',
			__uid: 'user-42',
			points: 25,
			'team size': '12',
			__skip_urls: '1',
			__skip_actions: '1',
			__do_not_reset_opt_out: '1',
		});
		const [lead] = result.output(NODE, NEW_LEAD);
		expect(lead.json).toMatchObject({ ip: '203.0.113.7', uid: 'user-42', contest_score: 25, utm: { utm_source: 'newsletter' } });
		expect(lead.json).not.toHaveProperty('social_url');
		expect(lead.json).not.toHaveProperty('completed_actions');
	});

	it('accepts a phone number instead of an email', async () => {
		const result = await create({ phone: '+1 555 123 4567', firstName: 'Phoebe' });

		const [lead] = result.output(NODE, NEW_LEAD);
		expect(lead.json).toMatchObject({ phone_number: '+1 555 123 4567', email: null, first_name: 'Phoebe' });
		expect(requests()[0].body).not.toHaveProperty('email');
	});

	it('credits the referrer: the referral shows in the referrer\'s counts and rank', async () => {
		const [, referrer] = await seed({ email: 'first@example.com' }, { email: 'referrer@example.com' });
		expect(referrer).toMatchObject({ rank: 2, referrals: 0 });
		const referrerSocialId = String(referrer.social_id);

		const result = await create({ email: 'friend@example.com', referredBy: referrerSocialId });

		const [friend] = result.output(NODE, NEW_LEAD);
		expect(requests()[0].body).toMatchObject({ social_id: referrerSocialId });
		const lookup = await run(getWorkflow, [{ email: 'referrer@example.com' }]);
		const [updatedReferrer] = lookup.output(NODE, FOUND);
		expect(friend.json.parent_id).toBe(updatedReferrer.json.id);
		expect(updatedReferrer.json).toMatchObject({
			referrals: 1,
			unverified_leads: { direct: 1, indirect: 0 },
			influence: { direct: 1, indirect: 0 },
			rank: 1,
		});
	});

	it('works in the credential\'s default campaign, or in the campaign chosen in the node', async () => {
		const other = kickoffLabs().otherCampaignId;

		const fromCredential = await create({ email: 'default@example.com' });
		const fromNodeById = await run(withParameters(createWorkflow, NODE, { campaign: campaignById(other) }), [
			{ email: 'other@example.com' },
		]);
		const fromNodeByList = await run(
			withParameters(createWorkflow, NODE, { campaign: { __rl: true, mode: 'list', value: other, cachedResultName: 'Beta Referral Program' } }),
			[{ email: 'listed@example.com' }],
			{ campaignId: '' },
		);

		expect(fromCredential.output(NODE, NEW_LEAD)[0].json.campaign_id).toBe(defaultCampaign());
		expect(fromNodeById.output(NODE, NEW_LEAD)[0].json.campaign_id).toBe(Number(other));
		expect(fromNodeByList.output(NODE, NEW_LEAD)[0].json.campaign_id).toBe(Number(other));
		expect(requests().map((request) => request.path)).toEqual([
			`/v2/${defaultCampaign()}`,
			`/v2/${other}`,
			`/v2/${other}`,
		]);
		expect(kickoffLabs().store.leads(Number(other)).map((lead) => lead.email)).toEqual(['other@example.com', 'listed@example.com']);
	});

	it('without a campaign in the node or the credential, stops every item with a clear error and sends nothing', async () => {
		const result = await run(createWorkflow, [{ email: 'a@example.com' }, { email: 'b@example.com' }], { campaignId: '' });

		const errors = errorOutput(result);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(errors[0].json.error).toBe(
			'Invalid "Campaign" in item 0: no campaign is chosen in the node and the KickoffLabs credential has no Default Campaign ID. Choose a campaign, or set Default Campaign ID in the credential',
		);
		expect(requests()).toHaveLength(0);
	});

	it('refuses a campaign ID that is not digits, before any request', async () => {
		// Typed in By ID mode, n8n itself flags it (the mode's regex); from an expression it reaches the node.
		const result = await run(withParameters(createWorkflow, NODE, { campaign: campaignById('={{ $json.campaign }}') }), [
			{ email: 'a@example.com', campaign: '../campaigns' },
		]);

		expect(errorOutput(result)[0].json.error).toBe(
			'Invalid "Campaign" in item 0: must be a KickoffLabs campaign ID: digits only, like 135544',
		);
		expect(requests()).toHaveLength(0);
	});

	it('reports an unknown campaign as an error, not as a missing lead', async () => {
		const result = await run(withParameters(getWorkflow, NODE, { campaign: campaignById('999999') }), [
			{ email: 'a@example.com' },
		]);

		expect(result.output(NODE, NOT_FOUND)).toHaveLength(0);
		const [failed] = errorOutput(result);
		expect(failed.json.error).toBe('KickoffLabs: Campaign not found');
		expect(failed.error).toMatchObject({ httpCode: '404' });
	});

	it('routes a mixed batch: each item exactly once, invalid ones to the Error output with pairedItem, none of them sent', async () => {
		await seed({ email: 'taken@example.com' });

		const result = await create(
			{ email: 'fresh@example.com' },
			{ email: 'not-an-email' },
			{ email: 'taken@example.com' },
			{ firstName: 'Nobody' },
			{ email: 'bad-referrer@example.com', referredBy: 'not a kid!' },
			{ email: 'custom@example.com', company: 'x', plan: 'y' },
			{ email: 'phone@example.com', phone: 'call me' },
		);

		expect(result.error).toBeUndefined();
		expect(result.outputCount(NODE)).toBe(3);
		const summary = (output: number) => result.output(NODE, output).map((item) => [item.json.email, item.pairedItem]);
		expect(summary(NEW_LEAD)).toEqual([
			['fresh@example.com', { item: 0 }],
			['custom@example.com', { item: 5 }],
		]);
		expect(summary(EXISTING_LEAD)).toEqual([['taken@example.com', { item: 2 }]]);
		const errors = errorOutput(result);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }, { item: 4 }, { item: 6 }]);
		expect(errors.map((item) => item.json.error)).toEqual([
			'Invalid "Email" in item 1: must be a valid email address, like name@example.com',
			'Invalid "Email" in item 3: is required unless a Phone Number is given under Additional Fields: KickoffLabs identifies a lead by one of them',
			'Invalid "Referrer Social ID" in item 4: must be a KickoffLabs social ID (the kid of a referral link): letters and digits, like 36N38P',
			'Invalid "Phone Number" in item 6: must be a phone number: digits, optionally with a leading + and spaces, dashes, dots or parentheses',
		]);
		expect(requests()).toHaveLength(3);
	});

	it('refuses a custom field named like a KickoffLabs parameter (it would change the request)', async () => {
		const workflow = withParameters(createWorkflow, NODE, {
			additionalFields: { customFields: { field: [{ name: 'API_KEY', value: 'x' }] } },
		});

		const result = await run(workflow, [{ email: 'a@example.com' }]);

		expect(errorOutput(result)[0].json.error).toMatch(
			/^Invalid "Custom Fields" in item 0: "API_KEY" is a name KickoffLabs reserves for its own parameters/,
		);
		expect(requests()).toHaveLength(0);
	});

	it('without an error output, an invalid item stops the node with an error naming the field and the item', async () => {
		const workflow = withNodeSettings(createWorkflow, NODE, { onError: 'stopWorkflow' });

		const result = await run(workflow, [{ email: 'ok@example.com' }, { email: 'nope' }]);

		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Invalid "Email" in item 1: must be a valid email address, like name@example.com');
	});

	it('reports a wrong API key as a clear authorization error, with the key nowhere in the run', async () => {
		const wrongKey = 'ffffffffffffffffffffffffwrongkey';
		const workflow = withNodeSettings(createWorkflow, NODE, { onError: 'stopWorkflow' });

		const result = await run(workflow, [{ email: 'ada@example.com' }], { apiKey: wrongKey });

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toBe('KickoffLabs: Invalid API key');
		expect(result.error?.description).toBe(
			'Authorization failed: check the API Key in the KickoffLabs credential (HTTP 401)',
		);
		expect(JSON.stringify(result.run)).not.toContain(wrongKey);
		expect(JSON.stringify(requests())).not.toContain(wrongKey);
	});

	it('retries a 429 (after its Retry-After) and then creates the lead once', async () => {
		kickoffLabs().control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 0 }] });

		const result = await create({ email: 'limited@example.com' });

		expect(result.output(NODE, NEW_LEAD)).toHaveLength(1);
		expect(requests().map((request) => request.method)).toEqual(['POST', 'POST']);
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(1);
	});

	it('after a 5xx, looks the lead up before signing it up again, and signs it up again only when it is not there', async () => {
		kickoffLabs().control.setFaults({ queue: [{ status: 503 }] });

		const result = await create({ email: 'flaky@example.com' });

		expect(errorOutput(result)).toHaveLength(0);
		expect(result.output(NODE, 0).map((item) => [item.json.email, item.json.counter, item.pairedItem])).toEqual([
			['flaky@example.com', 1, { item: 0 }],
		]);
		expect(requests().map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
	});
});

describe('KickoffLabs › Get', () => {
	it('by email: a known lead goes to Found, an unknown one to Not Found with the input item unchanged', async () => {
		await seed({ email: 'known@example.com', firstName: 'Known' });

		const result = await run(getWorkflow, [
			{ email: 'KNOWN@example.com', row: 1 },
			{ email: 'nobody@example.com', row: 2 },
		]);

		expect(result.outputNames(NODE)).toEqual(['Found', 'Not Found', 'Error']);
		const [found] = result.output(NODE, FOUND);
		expect(found).toMatchObject({ json: { email: 'known@example.com', first_name: 'Known', counter: 1 }, pairedItem: { item: 0 } });
		expect(result.output(NODE, NOT_FOUND)).toEqual([{ json: { email: 'nobody@example.com', row: 2 }, pairedItem: { item: 1 } }]);
		expect(requests().map((request) => [request.method, request.query])).toEqual([
			['GET', { api_key: '***', email: 'known@example.com' }],
			['GET', { api_key: '***', email: 'nobody@example.com' }],
		]);
	});

	it('by social ID and by phone number', async () => {
		const [lead] = await seed({ email: 'social@example.com', phone: '+1 (555) 000-1111' });
		const bySocialId = withParameters(getWorkflow, NODE, { getBy: 'socialId', socialId: '={{ $json.kid }}' });
		const byPhone = withParameters(getWorkflow, NODE, { getBy: 'phoneNumber', phoneNumber: '={{ $json.phone }}' });

		const social = await run(bySocialId, [{ kid: lead.social_id }, { kid: 'ZZZZZZ' }]);
		const phone = await run(byPhone, [{ phone: '+15550001111' }]);

		expect(social.output(NODE, FOUND)[0].json.email).toBe('social@example.com');
		expect(social.output(NODE, NOT_FOUND)[0].json).toEqual({ kid: 'ZZZZZZ' });
		expect(phone.output(NODE, FOUND)[0].json.email).toBe('social@example.com');
		expect(requests().map((request) => request.query)).toEqual([
			{ api_key: '***', social_id: lead.social_id },
			{ api_key: '***', social_id: 'ZZZZZZ' },
			{ api_key: '***', phone_number: '+15550001111' },
		]);
	});

	it('retries a read that hit a 502 and still answers', async () => {
		await seed({ email: 'retry@example.com' });
		kickoffLabs().control.setFaults({ queue: [{ status: 502 }, { drop: true }] });

		const result = await run(getWorkflow, [{ email: 'retry@example.com' }]);

		expect(result.output(NODE, FOUND)).toHaveLength(1);
		expect(requests()).toHaveLength(3);
	});
});

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

describe('KickoffLabs › Delete', () => {
	it('deletes 600 leads in 3 requests of at most 250 identifiers, one output item per input item', async () => {
		const emails = Array.from({ length: 600 }, (_, index) => `bulk${index}@example.com`);
		for (const email of emails.slice(0, 10)) kickoffLabs().store.addLead(defaultCampaign(), blankLead(email));

		const result = await run(deleteWorkflow, emails.map((email) => ({ email })));

		expect(result.error).toBeUndefined();
		const deletes = requests().filter((request) => request.method === 'DELETE');
		expect(deletes).toHaveLength(3);
		expect(deletes.map((request) => (request.body as { email: string[] }).email.length)).toEqual([250, 250, 100]);
		expect(deletes.every((request) => request.path === `/v2/${defaultCampaign()}` && request.query.api_key === '***')).toBe(true);
		expect((deletes[0].body as { email: string[] }).email.slice(0, 2)).toEqual(['bulk0@example.com', 'bulk1@example.com']);

		const output = result.output(NODE, 0);
		expect(output).toHaveLength(600);
		expect(output.map((item) => item.pairedItem)).toEqual(emails.map((_, index) => ({ item: index })));
		expect(output[0].json).toEqual({
			email: 'bulk0@example.com',
			deleted: 'queued',
			message: 'Your leads have been equeued for deletion',
			deletedInRequest: 10,
		});
		expect(output[599].json).toMatchObject({ email: 'bulk599@example.com', deleted: 'queued', deletedInRequest: 0 });
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('batches per campaign, keeps input order, and sends an invalid item to the Error output without sending it', async () => {
		const other = kickoffLabs().otherCampaignId;
		await seed({ email: 'gone@example.com' });
		const workflow = withParameters(deleteWorkflow, NODE, { campaign: campaignById('={{ $json.campaign }}') });

		const result = await run(workflow, [
			{ email: 'a@example.com', campaign: kickoffLabs().defaultCampaignId },
			{ email: 'b@example.com', campaign: other },
			{ email: 'broken', campaign: other },
			{ email: 'gone@example.com', campaign: kickoffLabs().defaultCampaignId },
		]);

		expect(requests().map((request) => [request.path, request.body])).toEqual([
			[`/v2/${defaultCampaign()}`, { email: ['a@example.com', 'gone@example.com'] }],
			[`/v2/${other}`, { email: ['b@example.com'] }],
		]);
		expect(result.output(NODE, 0).map((item) => [item.json, item.pairedItem])).toEqual([
			[{ email: 'a@example.com', deleted: 'queued', message: 'Your leads have been equeued for deletion', deletedInRequest: 1 }, { item: 0 }],
			[{ email: 'b@example.com', deleted: 'queued', message: 'Your leads have been equeued for deletion', deletedInRequest: 0 }, { item: 1 }],
			[{ email: 'gone@example.com', deleted: 'queued', message: 'Your leads have been equeued for deletion', deletedInRequest: 1 }, { item: 3 }],
		]);
		expect(errorOutput(result).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Email" in item 2: must be a valid email address, like name@example.com', { item: 2 }],
		]);
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('deletes by social ID or phone number, sent under the API\'s name for it', async () => {
		const [lead] = await seed({ email: 'kid@example.com' }, { email: 'phone@example.com', phone: '+1 555 222 3333' });
		const bySocialId = withParameters(deleteWorkflow, NODE, { deleteBy: 'socialId', socialId: '={{ $json.kid }}' });
		const byPhone = withParameters(deleteWorkflow, NODE, { deleteBy: 'phoneNumber', phoneNumber: '={{ $json.phone }}' });

		const social = await run(bySocialId, [{ kid: lead.social_id }]);
		const phone = await run(byPhone, [{ phone: '+15552223333' }]);

		expect(requests().map((request) => request.body)).toEqual([
			{ social_id: [lead.social_id] },
			{ phone_number: ['+15552223333'] },
		]);
		expect(social.output(NODE, 0)[0].json).toMatchObject({ social_id: lead.social_id, deleted: 'queued' });
		expect(phone.output(NODE, 0)[0].json).toMatchObject({ phone_number: '+15552223333', deleted: 'queued' });
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('a failed batch fails each of its items once; without an error output, an invalid item stops before any request', async () => {
		kickoffLabs().control.setFaults({ queue: [{ respond: { status: 403, body: { message: 'Forbidden campaign' } } }] });

		const failed = await run(deleteWorkflow, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);

		expect(errorOutput(failed).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['KickoffLabs: Forbidden campaign', { item: 0 }],
			['KickoffLabs: Forbidden campaign', { item: 1 }],
		]);
		expect(requests()).toHaveLength(1);

		requests().length = 0;
		const stopped = await run(withNodeSettings(deleteWorkflow, NODE, { onError: 'stopWorkflow' }), [
			{ email: 'a@example.com' },
			{ email: '' },
		]);
		expect(stopped.error?.message).toBe('Invalid "Email" in item 1: is required');
		expect(requests()).toHaveLength(0);
	});
});

describe('KickoffLabs › Add Points and Complete Action', () => {
	it('adds and subtracts points; out-of-range or zero points are refused before any request', async () => {
		await seed({ email: 'scorer@example.com' });

		const result = await run(addPointsWorkflow, [
			{ email: 'scorer@example.com', points: 50, reason: 'Webinar' },
			{ email: 'scorer@example.com', points: '-20' },
			{ email: 'scorer@example.com', points: 100000 },
			{ email: 'scorer@example.com', points: 2.5 },
			{ email: 'scorer@example.com', points: 0 },
		]);

		expect(result.outputCount(NODE)).toBe(2);
		expect(result.output(NODE, 0)).toEqual([
			{ json: { email: 'scorer@example.com', points: 50, success: true, message: 'Custom Points added' }, pairedItem: { item: 0 } },
			{ json: { email: 'scorer@example.com', points: -20, success: true, message: 'Custom Points added' }, pairedItem: { item: 1 } },
		]);
		expect(errorOutput(result).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Points" in item 2: must be at most 99999', { item: 2 }],
			['Invalid "Points" in item 3: must be a whole number', { item: 3 }],
			['Invalid "Points" in item 4: must not be 0', { item: 4 }],
		]);
		expect(requests().map((request) => [request.path, request.body])).toEqual([
			[`/v2/${defaultCampaign()}/points`, { email: 'scorer@example.com', points: 50, message: 'Webinar' }],
			[`/v2/${defaultCampaign()}/points`, { email: 'scorer@example.com', points: -20 }],
		]);
		const lookup = await run(getWorkflow, [{ email: 'scorer@example.com' }]);
		expect(lookup.output(NODE, FOUND)[0].json.contest_score).toBe(30);
	});

	it('reports points for an unknown lead as a clear error', async () => {
		const result = await run(addPointsWorkflow, [{ email: 'ghost@example.com', points: 5 }]);

		const [failed] = errorOutput(result);
		expect(failed.json).toEqual({ error: 'KickoffLabs: No leads found' });
		expect(failed.error).toMatchObject({
			httpCode: '404',
			description: 'Not found: check the campaign and the lead or action it names (HTTP 404)',
		});
	});

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

describe('KickoffLabs › as an AI Agent tool', () => {
	const toolNode = (workflow: WorkflowJson): INode => {
		const node = workflow.nodes.find((candidate) => candidate.name === NODE)!;
		return { ...node, parameters: { ...node.parameters } };
	};

	it('puts every outcome on output 0 with an outcome field naming the branch', async () => {
		const created = JSON.parse(await invokeAsTool(world().engine, toolNode(createWorkflow), { email: 'agent@example.com' }, credentials()));
		const again = JSON.parse(await invokeAsTool(world().engine, toolNode(createWorkflow), { email: 'agent@example.com' }, credentials()));
		const missing = JSON.parse(await invokeAsTool(world().engine, toolNode(getWorkflow), { email: 'nobody@example.com' }, credentials()));

		expect(created).toEqual([expect.objectContaining({ outcome: 'newLead', email: 'agent@example.com', counter: 1 })]);
		expect(again).toEqual([expect.objectContaining({ outcome: 'existingLead', email: 'agent@example.com', counter: 2 })]);
		expect(missing).toEqual([{ outcome: 'notFound', email: 'nobody@example.com' }]);
	});

	it('single-output operations answer without an outcome field; errors reach the agent as a clear message', async () => {
		await seed({ email: 'agent@example.com' });

		const points = JSON.parse(
			await invokeAsTool(world().engine, toolNode(addPointsWorkflow), { email: 'agent@example.com', points: 5 }, credentials()),
		);
		expect(points).toEqual([{ email: 'agent@example.com', points: 5, success: true, message: 'Custom Points added' }]);

		// With an error output configured, the failed item is the answer; without, the call fails with the message.
		const asItem = JSON.parse(await invokeAsTool(world().engine, toolNode(createWorkflow), { email: 'broken' }, credentials()));
		expect(asItem).toEqual([
			{
				error: 'Invalid "Email" in item 0: must be a valid email address, like name@example.com',
				details: 'Fix the "Email" parameter (or the input data it comes from) of item 0. Nothing was sent for this item.',
			},
		]);
		const stopping = { ...toolNode(createWorkflow), onError: 'stopWorkflow' as const };
		await expect(invokeAsTool(world().engine, stopping, { email: 'broken' }, credentials())).rejects.toThrow(
			'Invalid "Email" in item 0: must be a valid email address, like name@example.com',
		);
	});
});

describe('KickoffLabs › the API key', () => {
	it('appears in no output item, error or request log of any run of this file', () => {
		const { apiKey } = kickoffLabs();
		expect(allRuns.length).toBeGreaterThan(20);
		for (const result of allRuns) expect(JSON.stringify(result.run)).not.toContain(apiKey);
		expect(JSON.stringify(requests())).not.toContain(apiKey);
	});

	it('stays out of network errors too', async () => {
		const { apiKey } = kickoffLabs();
		const result = await run(createWorkflow, [{ email: 'a@example.com' }], { baseUrl: 'http://127.0.0.1:9' });

		const [failed] = errorOutput(result);
		expect(failed.error).toMatchObject({ httpCode: 'ECONNREFUSED' });
		expect(failed.error?.description).toMatch(/^Check the Base URL in the credential/);
		expect(JSON.stringify(result.run)).not.toContain(apiKey);
	});
});

function blankLead(email: string) {
	return {
		contest_score: 0,
		first_name: null,
		family_name: null,
		email,
		phone_number: null,
		completed_actions: [],
		custom_fields: {},
		uid: null,
		parent_id: null,
		opted_out: false,
		utm: {},
		tags: [],
		referrals: 0,
		unverified_leads: { indirect: 0, direct: 0 },
		influence: { indirect: 0, direct: 0 },
		ip: '127.0.0.1',
		referrer: null,
	};
}
