import { NODE, NEW_LEAD, EXISTING_LEAD, FOUND, NOT_FOUND, createWorkflow, getWorkflow, errorOutput, campaignById, useKickoffLabs } from '../../helpers/kickofflabs';
import { withNodeSettings, withParameters } from '../../helpers/world';
import { KICKOFFLABS_VARIANTS } from '../../../sandbox/kickofflabs/variants';

const { kickoffLabs, requests, defaultCampaign, run, create, seed } = useKickoffLabs();

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

describe.each(KICKOFFLABS_VARIANTS.lookupNotFound)('KickoffLabs › Create or Update, when KickoffLabs answers an unknown lead with %s', (answer) => {
	beforeEach(() => kickoffLabs().store.variants.set({ lookupNotFound: answer }));

	it('after a 5xx, the look-up that finds no lead signs it up again, once', async () => {
		kickoffLabs().control.setFaults({ queue: [{ status: 503 }] });

		const result = await create({ email: 'lost@example.com' });

		expect(errorOutput(result)).toHaveLength(0);
		expect(result.output(NODE, NEW_LEAD).map((item) => [item.json.email, item.json.counter, item.pairedItem])).toEqual([['lost@example.com', 1, { item: 0 }]]);
		expect(requests().map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
	});
});
