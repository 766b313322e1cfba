import type { AxiosInstance } from 'axios';
import { createHash } from 'node:crypto';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { client, extractJsonObject, readSeed } from './helpers';

const seedLead = extractJsonObject(readSeed('kickofflabs-create-lead-response.txt'));
const PRIVATE_KEYS = ['email', 'phone_number', 'custom_fields', 'uid', 'parent_id', 'opted_out', 'utm', 'tags', 'ip', 'referrer', 'fraudulent'];
const URL_KEYS = ['social_url', 'redirect_url', 'thankyou_url', 'status_url', 'unsubscribe_url'];

let sandbox: RunningSandbox;
let api: AxiosInstance;
let anonymous: AxiosInstance;
let campaign: string;

beforeAll(async () => {
	sandbox = await startSandbox();
	api = client(sandbox.kickoffLabs.url, { Authorization: `Bearer ${sandbox.kickoffLabs.apiKey}` });
	anonymous = client(sandbox.kickoffLabs.url);
	campaign = sandbox.kickoffLabs.defaultCampaignId;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.kickoffLabs.control.reset());

type Lead = Record<string, unknown> & { id: number; social_id: string };

async function signUp(body: Record<string, unknown>, path = `/v2/${campaign}`): Promise<Lead> {
	const response = await api.post(path, body);
	expect(response.status).toBe(200);
	return response.data;
}

async function lookUp(email: string): Promise<Lead> {
	const response = await api.get(`/v2/${campaign}`, { params: { email } });
	expect(response.status).toBe(200);
	return response.data;
}

describe('POST /v2/:campaign (create or update)', () => {
	it('answers with the seed lead object, key for key and in order', async () => {
		const lead = await signUp({ email: 'me@example.com' });

		expect(Object.keys(lead)).toEqual(Object.keys(seedLead));
		expect(lead).toMatchObject({
			rank: 1,
			counter: 1,
			lead_count: 1,
			contest_score: 0,
			contest_score_rank: 1,
			contest_score_rank_relative_position: 0,
			rank_relative_position: 0,
			campaign_id: 135544,
			list_id: 135544,
			given_name: null,
			first_name: null,
			avatar: `https://www.gravatar.com/avatar/${createHash('md5').update('me@example.com').digest('hex')}?r=g&d=identicon&s=600`,
			enhanced: true,
			display_name: 'me',
			completed_actions: [],
			social_url: `https://www.example.com/?kid=${lead.social_id}`,
			redirect_url: `https://example.com/thanks?kolid=${lead.social_id}`,
			email: 'me@example.com',
			custom_fields: {},
			verified_leads: seedLead.verified_leads,
			subscription_number: 1,
			ip: '127.0.0.1',
			fraudulent: false,
		});
		expect(lead.social_id).toMatch(/^[0-9A-Z]{6}$/);
		expect(lead.when).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
		expect(Object.keys(lead.unsubscribe_url as object)).toEqual(['default', 'safe']);
	});

	it('updates the same lead on a re-submit and counts every submission', async () => {
		const first = await signUp({ email: 'repeat@example.com' });
		await signUp({ email: 'REPEAT@example.com', first_name: 'Rita' });
		const third = await signUp({ email: 'repeat@example.com', last_name: 'Lee' });

		expect(third).toMatchObject({ id: first.id, social_id: first.social_id, counter: 3, first_name: 'Rita', given_name: 'Rita', family_name: 'Lee', display_name: 'Rita', lead_count: 1 });
	});

	it('matches by phone number when there is no email, with the country code prepended', async () => {
		const created = await signUp({ phone_number: '5551234567', country_code: '1' });
		expect(created.phone_number).toBe('+15551234567');
		const again = await signUp({ phone_number: '+1 555 123 4567' });
		expect(again).toMatchObject({ id: created.id, counter: 2 });
	});

	it('turns every non-reserved parameter into a lower-cased custom field', async () => {
		const response = await api.post(`/v2/${campaign}?Plan=pro`, {
			email: 'fields@example.com',
			first_name: 'Fay',
			Company: 'Acme',
			seats: 5,
			custom_fields: { Source: 'webinar' },
			__uid: 'user-42',
			__referrer: 'https://news.example.org/',
			__url: 'https://www.example.com/?utm_source=newsletter&utm_medium=email',
			ip: '203.0.113.9',
			must_exist: false,
			redirect_url: 'https://example.com/next',
		});

		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({
			custom_fields: { plan: 'pro', company: 'Acme', seats: '5', source: 'webinar' },
			uid: 'user-42',
			referrer: 'https://news.example.org/',
			utm: { utm_source: 'newsletter', utm_medium: 'email' },
			ip: '203.0.113.9',
			first_name: 'Fay',
		});
		expect(Object.keys(response.data.custom_fields).sort()).toEqual(['company', 'plan', 'seats', 'source']);
	});

	it('credits the referrer and the referrer\'s referrer, and moves referrers up the ranks', async () => {
		const early = await signUp({ email: 'early@example.com' });
		const grandparent = await signUp({ email: 'gp@example.com' });
		const parent = await signUp({ email: 'parent@example.com', social_id: grandparent.social_id });
		const child = await signUp({ email: 'child@example.com', __url: `https://www.example.com/?kid=${parent.social_id}` });
		await signUp({ email: 'kid-param@example.com', kid: parent.social_id });

		expect(parent.parent_id).toBe(grandparent.id);
		expect(child.parent_id).toBe(parent.id);
		expect(await lookUp('parent@example.com')).toMatchObject({
			referrals: 2,
			unverified_leads: { indirect: 0, direct: 2 },
			influence: { indirect: 0, direct: 2 },
			rank: 1,
			rank_relative_position: 0,
			subscription_number: 1,
		});
		expect(await lookUp('gp@example.com')).toMatchObject({
			referrals: 1,
			unverified_leads: { indirect: 2, direct: 1 },
			influence: { indirect: 2, direct: 1 },
			rank: 2,
		});
		expect(await lookUp('early@example.com')).toMatchObject({ id: early.id, rank: 3, referrals: 0, lead_count: 5 });
	});

	it('keeps ranks right as signups, points and deletions reorder the campaign', async () => {
		await signUp({ email: 'first@example.com' });
		await signUp({ email: 'second@example.com' });
		expect(await lookUp('second@example.com')).toMatchObject({ rank: 2, contest_score_rank: 2 });
		expect((await api.post(`/v2/${campaign}/points`, { email: 'second@example.com', points: 5 })).status).toBe(200);
		expect(await lookUp('second@example.com')).toMatchObject({ rank: 2, contest_score_rank: 1 });
		const third = await signUp({ email: 'third@example.com' });
		expect(third).toMatchObject({ rank: 3, contest_score_rank: 3 });
		expect((await api.delete(`/v2/${campaign}?email=first@example.com`)).status).toBe(202);
		expect(await lookUp('second@example.com')).toMatchObject({ rank: 1, contest_score_rank: 1, lead_count: 2 });
		expect(await lookUp('third@example.com')).toMatchObject({ rank: 2, contest_score_rank: 2 });
		expect(await signUp({ email: 'fourth@example.com', points: 9 })).toMatchObject({ rank: 3, contest_score_rank: 1 });
	});

	it('credits no referral on a re-submit of an existing lead', async () => {
		const referrer = await signUp({ email: 'ref@example.com' });
		await signUp({ email: 'existing@example.com' });
		const again = await signUp({ email: 'existing@example.com', social_id: referrer.social_id });
		expect(again.parent_id).toBeNull();
		expect((await lookUp('ref@example.com')).referrals).toBe(0);
	});

	it('leaves out URLs and completed actions on request', async () => {
		const lead = await signUp({ email: 'skip@example.com', __skip_urls: 1, __skip_actions: '1' });
		for (const key of [...URL_KEYS, 'completed_actions']) expect(lead).not.toHaveProperty(key);
		expect(Object.keys(lead)).toEqual(Object.keys(seedLead).filter((key) => ![...URL_KEYS, 'completed_actions'].includes(key)));
	});

	it('withholds PII without a key, on create and on lookup', async () => {
		const created = await anonymous.post(`/v2/${campaign}`, { email: 'anon@example.com', plan: 'pro', points: 500 });
		const found = await anonymous.get(`/v2/${campaign}`, { params: { email: 'anon@example.com' } });

		for (const response of [created, found]) {
			expect(response.status).toBe(200);
			expect(Object.keys(response.data)).toEqual(Object.keys(seedLead).filter((key) => !PRIVATE_KEYS.includes(key)));
			expect(JSON.stringify(response.data)).not.toContain('anon@example.com');
		}
		// points are only honoured with a key
		expect(created.data.contest_score).toBe(0);
		expect((await lookUp('anon@example.com')).custom_fields).toEqual({ plan: 'pro' });
	});

	it('sets the contest score from points on an authenticated create', async () => {
		expect((await signUp({ email: 'scored@example.com', points: 250 })).contest_score).toBe(250);
	});

	it('resets opt-out on a re-submit unless asked not to', async () => {
		await signUp({ email: 'opt@example.com' });
		const stored = () => sandbox.kickoffLabs.store.findLead(Number(campaign), { kind: 'email', value: 'opt@example.com' });
		stored()!.opted_out = true;
		expect((await signUp({ email: 'opt@example.com', __do_not_reset_opt_out: 1 })).opted_out).toBe(true);
		expect((await signUp({ email: 'opt@example.com' })).opted_out).toBe(false);
	});

	it.each([
		[{ first_name: 'NoId' }, 409, 'Please include a lead id or email'],
		[{ email: 'not-an-email' }, 400, 'Email is invalid'],
		[{ email: 'ghost@example.com', must_exist: 'true' }, 404, 'No lead found'],
		[{ email: 'big@example.com', points: 100000 }, 409, 'Max Points Exceeded'],
	])('rejects %j with %i', async (body, status, message) => {
		const response = await api.post(`/v2/${campaign}`, body);
		expect(response.status).toBe(status);
		expect(response.data).toEqual({ message });
	});

	it('accepts a form-encoded body and the api_key parameter', async () => {
		const response = await anonymous.post(
			`/v2/${campaign}`,
			new URLSearchParams({ api_key: sandbox.kickoffLabs.apiKey, email: 'form@example.com', 'custom_fields[team]': 'red' }),
		);
		expect(response.status).toBe(200);
		expect(response.data).toMatchObject({ email: 'form@example.com', custom_fields: { team: 'red' } });
	});
});

describe('keys, campaigns and routes', () => {
	it('rejects a wrong key anywhere, and a missing key outside create and lookup', async () => {
		const wrong = client(sandbox.kickoffLabs.url, { Authentication: 'Token wrong-key' });
		expect((await wrong.post(`/v2/${campaign}`, { email: 'x@example.com' })).data).toEqual({ message: 'Invalid API key' });
		expect((await anonymous.get(`/v2/${campaign}?api_key=wrong`, { params: { email: 'x@example.com' } })).status).toBe(401);
		for (const path of ['/v2/campaigns', `/v2/${campaign}/stats`, `/v2/${campaign}/actions`]) {
			const response = await anonymous.get(path);
			expect([path, response.status, response.data]).toEqual([path, 401, { message: 'Invalid API key' }]);
		}
		expect((await anonymous.delete(`/v2/${campaign}?email=x@example.com`)).status).toBe(401);
		expect((await anonymous.post(`/v2/${campaign}/points`, { email: 'x@example.com', points: 1 })).status).toBe(401);
	});

	it('takes the final token of an Authentication header', async () => {
		const viaHeader = client(sandbox.kickoffLabs.url, { Authentication: `Token ${sandbox.kickoffLabs.apiKey}` });
		expect((await viaHeader.get('/v2/campaigns')).status).toBe(200);
	});

	it('lists campaigns with their jump-started lead counts, and stats', async () => {
		await signUp({ email: 'count@example.com' }, `/v2/${sandbox.kickoffLabs.otherCampaignId}`);
		const campaigns = await api.get('/v2/campaigns');
		expect(campaigns.data).toEqual([
			{ id: 135544, name: 'Launch Waitlist', lead_count: 0 },
			{ id: 135545, name: 'Beta Referral Program', lead_count: 101 },
		]);
		const stats = await api.get(`/v2/${sandbox.kickoffLabs.otherCampaignId}/stats`);
		expect(stats.data.leads).toEqual({ total: 1, total_with_jumpstart: 101, removed_from_waitlist: 0 });
	});

	it('404s unknown campaigns and unknown routes with their own messages', async () => {
		expect((await api.post('/v2/999999', { email: 'x@example.com' })).data).toEqual({ message: 'Campaign not found' });
		expect((await api.get('/v2/999999/stats')).status).toBe(404);
		const unknown = await api.get(`/v2/${campaign}/nothing/here`);
		expect([unknown.status, unknown.data]).toEqual([404, { message: 'Not found' }]);
	});
});

describe('GET /v2/:campaign (lookup)', () => {
	it('finds a lead by email, phone, social_id or kid', async () => {
		const lead = await signUp({ email: 'find@example.com', phone_number: '+15550001111' });
		for (const params of [{ email: 'FIND@example.com' }, { phone_number: '+15550001111' }, { social_id: lead.social_id }, { kid: lead.social_id }]) {
			const response = await api.get(`/v2/${campaign}`, { params });
			expect([params, response.status, response.data.id]).toEqual([params, 200, lead.id]);
		}
	});

	it('answers 404 for no match and 409 without an identifier', async () => {
		const missing = await api.get(`/v2/${campaign}`, { params: { email: 'nobody@example.com' } });
		expect([missing.status, missing.data]).toEqual([404, { message: 'No lead found' }]);
		const noIdentifier = await api.get(`/v2/${campaign}`);
		expect([noIdentifier.status, noIdentifier.data]).toEqual([409, { message: 'Please include a lead id or email' }]);
	});
});

describe('DELETE /v2/:campaign', () => {
	const emails = ['d1@example.com', 'd2@example.com', 'd3@example.com'];
	beforeEach(async () => {
		for (const email of emails) await signUp({ email });
	});
	const remaining = () => sandbox.kickoffLabs.store.leads(Number(campaign)).map((lead) => lead.email);

	it('deletes by a JSON body array and counts only the matches', async () => {
		const response = await api.delete(`/v2/${campaign}`, { data: { email: ['d1@example.com', 'd2@example.com', 'nobody@example.com'] } });
		expect(response.status).toBe(202);
		expect(response.data).toEqual({ message: 'Your leads have been equeued for deletion', deleted: 2 });
		expect(remaining()).toEqual(['d3@example.com']);
	});

	it.each([
		['repeated keys', 'email=d1@example.com&email=d3@example.com', 2],
		['empty brackets', 'email[]=d1@example.com&email[]=d3@example.com', 2],
		['indexed brackets', 'email[0]=d1@example.com&email[1]=d3@example.com', 2],
		['encoded brackets', 'email%5B%5D=d1@example.com&email%5B%5D=d3@example.com', 2],
		['a single value', 'email=d2@example.com', 1],
	])('reads identifiers from the query string (%s)', async (_form, query, deleted) => {
		const response = await api.delete(`/v2/${campaign}?${query}`);
		expect([response.status, response.data.deleted]).toEqual([202, deleted]);
		expect(remaining()).toHaveLength(3 - deleted);
	});

	it('deletes by social_id', async () => {
		const lead = (await lookUp('d1@example.com')).social_id;
		expect((await api.delete(`/v2/${campaign}`, { params: { social_id: lead } })).data.deleted).toBe(1);
	});

	it('refuses more than 250 items and mixed identifier kinds', async () => {
		const tooMany = await api.delete(`/v2/${campaign}`, { data: { email: Array.from({ length: 251 }, (_, index) => `m${index}@example.com`) } });
		expect([tooMany.status, tooMany.data]).toEqual([413, { message: 'Too many items to update or delete' }]);
		const mixed = await api.delete(`/v2/${campaign}`, { data: { email: ['d1@example.com'], social_id: ['ABCDEF'] } });
		expect([mixed.status, mixed.data]).toEqual([409, { message: 'Please include a lead id or email' }]);
		expect(remaining()).toHaveLength(3);
	});
});

describe('points and actions', () => {
	it('adds and subtracts points, never below zero', async () => {
		const lead = await signUp({ email: 'points@example.com' });
		const added = await api.post(`/v2/${campaign}/points`, { points: 40, email: 'points@example.com', message: 'bonus' });
		expect([added.status, added.data]).toEqual([200, { message: 'Custom Points added' }]);
		await api.post(`/v2/${campaign}/points`, { points: '-15', kid: lead.social_id });
		expect((await lookUp('points@example.com')).contest_score).toBe(25);
		await api.post(`/v2/${campaign}/points`, { points: -99999, emails: ['points@example.com'] });
		expect((await lookUp('points@example.com')).contest_score).toBe(0);
	});

	it.each([
		[{ email: 'p@example.com' }, 409, 'No points value found'],
		[{ email: 'p@example.com', points: -100000 }, 409, 'Max Points Exceeded'],
		[{ points: 5 }, 409, 'Please include a lead id or email'],
		[{ email: 'nobody@example.com', points: 5 }, 404, 'No leads found'],
	])('rejects points request %j', async (body, status, message) => {
		await signUp({ email: 'p@example.com' });
		const response = await api.post(`/v2/${campaign}/points`, body);
		expect([response.status, response.data]).toEqual([status, { message }]);
	});

	it('lists actions and marks one completed once', async () => {
		const actions = await api.get(`/v2/${campaign}/actions`);
		expect(actions.data).toEqual([
			{ id: 9001, text: 'Follow us on X' },
			{ id: 9002, text: 'Share on LinkedIn' },
		]);
		const lead = await signUp({ email: 'act@example.com' });
		for (let attempt = 0; attempt < 2; attempt++) {
			const response = await api.post(`/v2/${campaign}/actions/9002`, { social_id: lead.social_id });
			expect([response.status, response.data]).toEqual([200, { message: 'Lead added to action' }]);
		}
		expect((await lookUp('act@example.com')).completed_actions).toEqual([9002]);
	});

	it('answers 404 for an unknown action or lead, 409 without an identifier', async () => {
		await signUp({ email: 'act@example.com' });
		const action = await api.post(`/v2/${campaign}/actions/1234`, { email: 'act@example.com' });
		expect([action.status, action.data]).toEqual([404, { message: 'Action not found' }]);
		const lead = await api.post(`/v2/${campaign}/actions/9001`, { email: 'nobody@example.com' });
		expect([lead.status, lead.data]).toEqual([404, { message: 'No lead found' }]);
		const none = await api.post(`/v2/${campaign}/actions/9001`, {});
		expect(none.status).toBe(409);
	});
});
