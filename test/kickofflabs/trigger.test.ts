import type { AxiosInstance } from 'axios';
import type { IDataObject } from 'n8n-workflow';

import type { ActiveWorkflow } from '../../dev/engine/triggers';
import { leadFromBody } from '../../nodes/KickoffLabs/trigger/body';
import { urlWithToken } from '../../nodes/KickoffLabs/trigger/registration';
import { client } from '../sandbox/helpers';
import { useTriggerHost } from '../helpers/triggers';
import { kickoffLabsCredentials, loadWorkflow, useWorld, withParameters } from '../helpers/world';
import { KICKOFFLABS_VARIANTS } from '../../sandbox/kickofflabs/variants';

const TRIGGER = 'KickoffLabs Trigger';
const WEBHOOK_ID = '5a1c0b1e-0000-4000-8000-00000000a001';
const triggerWorkflow = loadWorkflow('test/kickofflabs/trigger.workflow.json');

const world = useWorld();
const { host, activate, deactivate } = useTriggerHost(world);

const kickoffLabs = () => world().sandbox.kickoffLabs;
const webhooks = () => kickoffLabs().store.webhooks;
const requests = () => kickoffLabs().control.requests;
const credentials = (overrides: Partial<{ apiKey: string; campaignId: string }> = {}) => kickoffLabsCredentials(world().sandbox, overrides);
const campaign = () => kickoffLabs().defaultCampaignId;
const otherCampaign = () => kickoffLabs().otherCampaignId;
const api = (): AxiosInstance => client(kickoffLabs().url, { Authorization: `Bearer ${kickoffLabs().apiKey}` });
const withEvents = (...events: string[]) => withParameters(triggerWorkflow, TRIGGER, { events });
const inCampaign = (id: string) => withParameters(triggerWorkflow, TRIGGER, { campaign: { __rl: true, mode: 'id', value: id } });

const activateTrigger = async (workflow = triggerWorkflow, options: { staticData?: IDataObject; campaignId?: string } = {}) =>
	await activate(workflow, {
		credentials: credentials(options.campaignId === undefined ? {} : { campaignId: options.campaignId }),
		staticData: options.staticData,
	});

async function signUp(body: Record<string, unknown>, campaignId = campaign()): Promise<void> {
	const response = await api().post(`/v2/${campaignId}`, body);
	expect(response.status).toBe(200);
}

/** Every delivery answered and every run it started finished. */
async function settle(active: ActiveWorkflow) {
	await webhooks().outbox.settled();
	return await active.settledRuns();
}

const registrationRequests = (method: 'POST' | 'DELETE') =>
	requests().filter((request) => request.method === method && request.path.endsWith('/outbound-webhook'));

describe('KickoffLabs Trigger: activation and deactivation', () => {
	it('registers its URL with a token of its own in the campaign, for the chosen events', async () => {
		const active = await activateTrigger(withEvents('new_signup', 'referral'));
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(hook.campaignId).toBe(Number(campaign()));
		expect(hook.events.sort()).toEqual(['new_signup', 'referral']);
		const url = new URL(hook.url);
		expect(`${url.origin}${url.pathname}`).toBe(`${host().webhookBaseUrl}/${WEBHOOK_ID}/webhook`);
		expect(url.searchParams.get('token')).toMatch(/^[0-9a-f]{64}$/);
		expect(active.nodeStaticData(TRIGGER)).toMatchObject({ url: hook.url, campaignId: campaign(), events: ['new_signup', 'referral'] });
		expect(active.nodeStaticData(TRIGGER).token).toBe(url.searchParams.get('token'));
	});

	it('each activation gets a new token', async () => {
		const first = await activateTrigger();
		const firstToken = first.nodeStaticData(TRIGGER).token;
		await deactivate(first);
		const second = await activateTrigger();
		expect(second.nodeStaticData(TRIGGER).token).not.toBe(firstToken);
	});

	it('after a restart with its static data, finds its registration and registers nothing', async () => {
		const first = await activateTrigger();
		const staticData = first.staticData();
		requests().length = 0;
		const restarted = await activate(triggerWorkflow, { credentials: credentials(), staticData, activation: 'init' });
		expect(requests()).toHaveLength(0);
		expect(webhooks().list()).toHaveLength(1);
		expect(restarted.nodeStaticData(TRIGGER)).toEqual(first.nodeStaticData(TRIGGER));
	});

	it('a changed event set is registered again, and the old registration removed first', async () => {
		const first = await activateTrigger();
		const oldUrl = first.nodeStaticData(TRIGGER).url;
		requests().length = 0;
		const changed = await activateTrigger(withEvents('new_signup', 'score_change'), { staticData: first.staticData() });
		expect(registrationRequests('DELETE')).toHaveLength(1);
		expect(registrationRequests('DELETE')[0].query.url).toBe(oldUrl);
		expect(registrationRequests('POST')).toHaveLength(1);
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(hook.events.sort()).toEqual(['new_signup', 'score_change']);
		expect(hook.url).toBe(changed.nodeStaticData(TRIGGER).url);
	});

	it('a changed campaign moves the registration to the new campaign', async () => {
		const first = await activateTrigger();
		await activateTrigger(inCampaign(otherCampaign()), { staticData: first.staticData() });
		expect(webhooks().list(Number(campaign()))).toHaveLength(0);
		expect(webhooks().list(Number(otherCampaign()))).toHaveLength(1);
	});

	it('a changed n8n URL is registered again', async () => {
		const first = await activateTrigger();
		const moved = { ...triggerWorkflow, nodes: triggerWorkflow.nodes.map((node) => ({ ...node, webhookId: '5a1c0b1e-0000-4000-8000-00000000a002' })) };
		await activateTrigger(moved, { staticData: first.staticData() });
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(hook.url).toContain('/5a1c0b1e-0000-4000-8000-00000000a002/webhook?token=');
	});

	it('uses the campaign chosen in the node over the credential default', async () => {
		await activateTrigger(inCampaign(otherCampaign()));
		expect(webhooks().list()[0].campaignId).toBe(Number(otherCampaign()));
	});

	it('deactivation removes the webhook by URL and forgets it', async () => {
		const active = await activateTrigger();
		const url = active.nodeStaticData(TRIGGER).url;
		await deactivate(active);
		expect(webhooks().list()).toHaveLength(0);
		expect(registrationRequests('DELETE')[0].query.url).toBe(url);
		expect(active.nodeStaticData(TRIGGER)).toEqual({});
	});

	it('deactivation succeeds when the webhook was already removed in KickoffLabs', async () => {
		const active = await activateTrigger();
		webhooks().remove(Number(campaign()), String(active.nodeStaticData(TRIGGER).url));
		await expect(deactivate(active)).resolves.toBeUndefined();
		expect(active.nodeStaticData(TRIGGER)).toEqual({});
	});

	it.each([
		['an empty object', {}],
		['an object without its message', { deleted: true }],
		['plain text', 'OK'],
	])('a removal answered with a success status but %s is an error, and the registration is kept', async (_, body) => {
		const active = await activateTrigger();
		const registration = active.nodeStaticData(TRIGGER);
		kickoffLabs().control.setFaults({ queue: [{ method: 'DELETE', path: '/outbound-webhook$', respond: { status: 200, body } }] });

		await expect(deactivate(active)).rejects.toThrow(/KickoffLabs answered in an unexpected format|did not come from the KickoffLabs API/);

		expect(active.nodeStaticData(TRIGGER)).toEqual(registration);
	});

	it('an error from KickoffLabs fails the activation', async () => {
		await expect(
			activate(triggerWorkflow, { credentials: credentials({ apiKey: 'wrong-key' }) }),
		).rejects.toThrow(/Authorization failed|Invalid API key/i);
		expect(webhooks().list()).toHaveLength(0);
	});

	it('an error answer that quotes the request (URL and token) back never puts the token into the error', async () => {
		const active = await activateTrigger();
		const token = String(active.nodeStaticData(TRIGGER).token);
		// A careless server's error page: "Bad Request at /v2/…/outbound-webhook?url=…token%3D…".
		kickoffLabs().control.setFaults({ queue: [{ method: 'DELETE', path: '/outbound-webhook$', echo: { status: 400 } }] });
		const error = await deactivate(active).then(
			() => undefined,
			(thrown: unknown) => thrown as Error & { description?: string },
		);
		expect(error?.message).toMatch(/Bad Request at \/v2\//);
		expect(JSON.stringify({ message: error?.message, description: error?.description })).not.toContain(token);
	});

	it('no campaign in the node or the credential fails the activation before any request', async () => {
		await expect(activateTrigger(triggerWorkflow, { campaignId: '' })).rejects.toThrow(/Campaign/);
		expect(requests()).toHaveLength(0);
	});
});

describe.each(KICKOFFLABS_VARIANTS.webhookDeleteAnswer)('KickoffLabs Trigger: a removal answered with %s', (answer) => {
	beforeEach(() => kickoffLabs().store.variants.set({ webhookDeleteAnswer: answer }));

	it('counts as removed: deactivation succeeds and forgets the registration', async () => {
		const active = await activateTrigger();
		await deactivate(active);
		expect(webhooks().list()).toHaveLength(0);
		expect(active.nodeStaticData(TRIGGER)).toEqual({});
	});

	it('a changed event set removes the old registration and registers the new one', async () => {
		const first = await activateTrigger();
		await activateTrigger(withEvents('referral'), { staticData: first.staticData() });
		expect(registrationRequests('DELETE')).toHaveLength(1);
		expect(webhooks().list().map((hook) => hook.events)).toEqual([['referral']]);
	});
});

describe('KickoffLabs Trigger: deliveries', () => {
	it('a new signup starts the workflow once with the lead as sent and the event name once, in event', async () => {
		const active = await activateTrigger();
		await signUp({ email: 'ada@example.com', first_name: 'Ada', 'custom_fields[plan]': 'pro' });
		const runs = await settle(active);
		expect(runs).toHaveLength(1);
		expect(runs[0].error).toBeUndefined();
		const items = runs[0].output(TRIGGER);
		expect(items).toHaveLength(1);
		const lead = items[0].json;
		expect(Object.keys(lead)[0]).toBe('event');
		expect(lead).toMatchObject({ event: 'new_signup', email: 'ada@example.com', first_name: 'Ada', custom_fields: { plan: 'pro' } });
		expect(lead).not.toHaveProperty('__event');
		expect(lead.social_id).toMatch(/^[0-9A-Z]{6}$/);
		expect(webhooks().outbox.deliveries.map((delivery) => delivery.status)).toEqual([200]);
	});

	it('accepts a form-encoded delivery and rebuilds its nested fields', async () => {
		const active = await activateTrigger();
		webhooks().format = 'form';
		await signUp({ email: 'form@example.com', 'custom_fields[plan]': 'pro' });
		const [run] = await settle(active);
		const lead = run.output(TRIGGER)[0].json;
		expect(webhooks().outbox.deliveries[0].headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(lead).toMatchObject({ event: 'new_signup', email: 'form@example.com', custom_fields: { plan: 'pro' }, unverified_leads: { direct: '0' } });
	});

	it('a repeat signup and a score change carry their event and extra block', async () => {
		const active = await activateTrigger(withEvents('repeat_signup', 'score_change'));
		await signUp({ email: 'kay@example.com' });
		await signUp({ email: 'kay@example.com' });
		await api().post(`/v2/${campaign()}/points`, { email: 'kay@example.com', points: 25 });
		const runs = await settle(active);
		const events = runs.map((run) => run.output(TRIGGER)[0].json);
		expect(events.map((lead) => lead.event).sort()).toEqual(['repeat_signup', 'score_change']);
		const scoreChange = events.find((lead) => lead.event === 'score_change');
		expect(scoreChange?.__score_change).toEqual({ current_contest_score: 25, previous_contest_score: 0 });
	});

	it('a referral delivers the referrer with the referred lead in __referral', async () => {
		const active = await activateTrigger(withEvents('referral'));
		await signUp({ email: 'parent@example.com' });
		const parent = (await api().get(`/v2/${campaign()}`, { params: { email: 'parent@example.com' } })).data as { social_id: string };
		await signUp({ email: 'child@example.com', social_id: parent.social_id });
		const runs = await settle(active);
		expect(runs).toHaveLength(1);
		const lead = runs[0].output(TRIGGER)[0].json;
		expect(lead).toMatchObject({ event: 'referral', email: 'parent@example.com', referrals: 1 });
		expect(lead.__referral).toMatchObject({ email: 'child@example.com' });
	});

	it.each(['wrongToken', 'noToken'] as const)('a call with %s gets 401 and starts nothing', async (kind) => {
		const active = await activateTrigger();
		const [hook] = webhooks().list();
		const delivery = await webhooks().forge(hook, kind, { email: 'mallory@example.com' });
		expect(delivery.status).toBe(401);
		expect(await settle(active)).toHaveLength(0);
	});

	it('after deactivation, a delivery to the old URL starts nothing', async () => {
		const active = await activateTrigger();
		const [hook] = webhooks().list();
		await deactivate(active);
		const response = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__event":"new_signup"}' });
		expect(response.status).toBe(404);
		expect(await active.settledRuns()).toHaveLength(0);
	});

	it('an event the trigger was not registered for is answered but starts nothing', async () => {
		const active = await activateTrigger();
		const url = String(active.nodeStaticData(TRIGGER).url);
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"__event":"opted_out","email":"x@example.com"}' });
		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({ message: expect.stringMatching(/opted_out.*ignored/) });
		expect(await active.settledRuns()).toHaveLength(0);
	});
});

describe('KickoffLabs Trigger helpers', () => {
	it('rebuilds Rails-style form keys into objects and arrays', () => {
		expect(
			leadFromBody({
				__event: 'new_signup',
				email: 'a@example.com',
				'custom_fields[plan]': 'pro',
				'custom_fields[team]': 'red',
				'completed_actions[]': ['1', '2'],
				'__fraudulent[]': 'bounced',
			}),
		).toEqual({
			__event: 'new_signup',
			email: 'a@example.com',
			custom_fields: { plan: 'pro', team: 'red' },
			completed_actions: ['1', '2'],
			__fraudulent: ['bounced'],
		});
		expect(leadFromBody('text')).toEqual({});
	});

	it('puts the token in the query of the registered URL', () => {
		expect(urlWithToken('http://n8n.local/webhook/x/webhook', 'abc')).toBe('http://n8n.local/webhook/x/webhook?token=abc');
		expect(urlWithToken('http://n8n.local/hook?a=1', 'abc')).toBe('http://n8n.local/hook?a=1&token=abc');
	});
});
