import type { AxiosInstance } from 'axios';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, Logger } from 'n8n-workflow';

import type { ActiveWorkflow } from '../../dev/engine/triggers';
import { client } from '../sandbox/helpers';
import { useTriggerHost } from '../helpers/triggers';
import { useSendKit } from '../helpers/sendkit';
import { loadWorkflow, withParameters } from '../helpers/world';
import { SENDKIT_VARIANTS } from '../../sandbox/sendkit/variants';

const TRIGGER = 'SendKit Trigger';
const WEBHOOK_ID = '5a1c0b1e-0000-4000-8000-00000000b001';
const triggerWorkflow = loadWorkflow('test/sendkit/trigger.workflow.json');

const { world, sendKit, credentials } = useSendKit();
const { host, activate, deactivate } = useTriggerHost(world);

const webhooks = () => sendKit().store.webhooks;
const requests = () => sendKit().control.requests;
const api = (): AxiosInstance => client(sendKit().url, { 'X-Api-Key': sendKit().workspaceKey });
const withEvents = (...events: string[]) => withParameters(triggerWorkflow, TRIGGER, { events });
const webhookUrl = () => `${host().webhookBaseUrl}/${WEBHOOK_ID}/webhook`;

const activateTrigger = async (workflow = triggerWorkflow, staticData?: IDataObject) =>
	await activate(workflow, { credentials: credentials(), staticData });

async function createLead(email: string, tags: string[] = []): Promise<string> {
	const response = await api().post('/v1/leads', { email, tags });
	expect(response.status).toBe(201);
	return (response.data as { data: { _id: string } }).data._id;
}

async function tag(leadId: string, tags: string[]): Promise<void> {
	const response = await api().patch(`/v1/leads/${leadId}`, { tags });
	expect(response.status).toBe(200);
}

async function settle(active: ActiveWorkflow) {
	await webhooks().outbox.settled();
	return await active.settledRuns();
}

const webhookRequests = (method: string, path: RegExp) =>
	requests().filter((request) => request.method === method && path.test(request.path));

/** What the trigger logged through n8n's logger while answering deliveries during a test, by level. */
function useLogLines() {
	const lines: Array<{ level: keyof Logger; message: string }> = [];
	const record = (level: keyof Logger) => (message: string) => {
		lines.push({ level, message });
	};
	const logger: Logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
	beforeEach(() => {
		lines.length = 0;
		// The node sees only n8n-workflow's Logger interface of n8n's logger class.
		jest.spyOn(WebhookContext.prototype, 'logger', 'get').mockReturnValue(logger as unknown as WebhookContext['logger']);
	});
	afterEach(() => jest.restoreAllMocks());
	return (level: keyof Logger) => lines.filter((line) => line.level === level && line.message.startsWith('SendKit Trigger')).map((line) => line.message);
}

describe('SendKit Trigger: activation and deactivation', () => {
	it('creates a webhook named after the workflow, with its URL, events and a secret it generated', async () => {
		const active = await activateTrigger(withEvents('lead.tag_changed', 'email.replied'));
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(hook).toMatchObject({ url: webhookUrl(), status: 'active' });
		expect([...hook.events].sort()).toEqual(['email.replied', 'lead.tag_changed']);
		expect(hook.name).toContain('SendKit Trigger: lead events');
		expect(hook.name).toContain(TRIGGER);
		const [create] = webhookRequests('POST', /^\/v1\/webhooks$/);
		expect((create.body as { secret: string }).secret).toMatch(/^[0-9a-f]{64}$/);
		expect(active.nodeStaticData(TRIGGER)).toEqual({
			webhookId: hook._id,
			secret: hook.secret,
			url: webhookUrl(),
			events: ['email.replied', 'lead.tag_changed'],
		});
	});

	it('after a restart, checks its webhook in SendKit and creates nothing', async () => {
		const first = await activateTrigger();
		requests().length = 0;
		await activate(triggerWorkflow, { credentials: credentials(), staticData: first.staticData(), activation: 'init' });
		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/webhooks/${webhooks().list()[0]._id}`]);
		expect(webhooks().list()).toHaveLength(1);
	});

	it('a webhook deleted in SendKit is created again', async () => {
		const first = await activateTrigger();
		webhooks().remove(webhooks().list()[0]);
		const again = await activateTrigger(triggerWorkflow, first.staticData());
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(again.nodeStaticData(TRIGGER).webhookId).toBe(hook._id);
	});

	it.each([
		['URL', { url: 'https://elsewhere.example.com/hook' }],
		['events', { events: ['email.sent'] }],
		['status', { status: 'inactive' as const }],
	])('a webhook whose %s was changed in SendKit is replaced', async (_what, change) => {
		const first = await activateTrigger();
		const old = webhooks().list()[0];
		webhooks().update(old, change);
		requests().length = 0;
		const again = await activateTrigger(triggerWorkflow, first.staticData());
		expect(webhookRequests('DELETE', /^\/v1\/webhooks\//)).toHaveLength(1);
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(hook._id).not.toBe(old._id);
		expect(hook).toMatchObject({ url: webhookUrl(), events: ['lead.tag_changed'] });
		expect(again.nodeStaticData(TRIGGER).webhookId).toBe(hook._id);
	});

	it('a changed event set in the node replaces the webhook', async () => {
		const first = await activateTrigger();
		await activateTrigger(withEvents('lead.updated'), first.staticData());
		const [hook, ...others] = webhooks().list();
		expect(others).toHaveLength(0);
		expect(hook.events).toEqual(['lead.updated']);
	});

	it('a failing check is an error, not "missing": nothing is created', async () => {
		const first = await activateTrigger();
		sendKit().control.setFaults({ queue: [{ method: 'GET', path: '^/v1/webhooks/', respond: { status: 401, body: { error: 'Unauthorized', message: 'Invalid or missing API key', code: 401 } } }] });
		requests().length = 0;
		await expect(activateTrigger(triggerWorkflow, first.staticData())).rejects.toThrow(/API key/i);
		expect(webhookRequests('POST', /^\/v1\/webhooks$/)).toHaveLength(0);
		expect(webhookRequests('DELETE', /^\/v1\/webhooks\//)).toHaveLength(0);
	});

	it('the secret in SendKit\'s answer is not what the node relies on: deliveries are checked with its own', async () => {
		const active = await activateTrigger();
		expect(active.nodeStaticData(TRIGGER).secret).toBe(webhooks().list()[0].secret);
		expect(active.nodeStaticData(TRIGGER).secret).not.toBe('***');
	});

	it('when SendKit answers with a secret it generated instead of the node\'s, deliveries are checked with SendKit\'s', async () => {
		sendKit().store.variants.set({ webhookSecret: 'generated' });
		const active = await activateTrigger();
		const [hook] = webhooks().list();
		const [create] = webhookRequests('POST', /^\/v1\/webhooks$/);
		expect(hook.secret).not.toBe((create.body as { secret: string }).secret);
		expect(active.nodeStaticData(TRIGGER).secret).toBe(hook.secret);

		await tag(await createLead('generated@example.com'), ['vip']);
		const runs = await settle(active);
		expect(webhooks().outbox.deliveries.map((delivery) => delivery.status)).toEqual([200]);
		expect(runs).toHaveLength(1);
	});

	it('deactivation deletes the webhook and forgets it', async () => {
		const active = await activateTrigger();
		const id = String(active.nodeStaticData(TRIGGER).webhookId);
		await deactivate(active);
		expect(webhooks().list()).toHaveLength(0);
		expect(webhookRequests('DELETE', /^\/v1\/webhooks\//).map((request) => request.path)).toEqual([`/v1/webhooks/${id}`]);
		expect(active.nodeStaticData(TRIGGER)).toEqual({});
	});

	it('deactivation succeeds when the webhook is already gone', async () => {
		const active = await activateTrigger();
		webhooks().remove(webhooks().list()[0]);
		await expect(deactivate(active)).resolves.toBeUndefined();
	});
});

describe.each(SENDKIT_VARIANTS.signature)('SendKit Trigger: deliveries signed as %s', (form) => {
	const logged = useLogLines();
	beforeEach(() => sendKit().store.variants.set({ signature: form }));

	it('are accepted, start the workflow once, and the form is logged once per activation', async () => {
		const active = await activateTrigger();
		const leadId = await createLead('form@example.com');
		await tag(leadId, ['vip']);
		await tag(leadId, ['vip', 'hot']);
		const runs = await settle(active);
		expect(webhooks().outbox.deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
		expect(runs).toHaveLength(2);
		expect(logged('info')).toEqual([`SendKit Trigger "${TRIGGER}": SendKit signs its deliveries as ${form} (HMAC-SHA256 of the raw body)`]);
		expect(logged('warn')).toEqual([]);
	});

	it.each(['unsigned', 'forged', 'tampered', 'truncated'] as const)('a %s delivery gets 401, starts nothing, and the log says what came', async (kind) => {
		const active = await activateTrigger();
		const delivery = await webhooks().forge(webhooks().list()[0], kind, 'lead.tag_changed', { lead: { email: 'mallory@example.com' } });
		expect(delivery.status).toBe(401);
		expect(await settle(active)).toHaveLength(0);
		const [line, ...more] = logged('warn');
		expect(more).toEqual([]);
		expect(line).toContain('matched none of the forms tried (HMAC-SHA256 of the raw body as hex, base64 or base64url, each bare or after sha256=)');
		const secret = String(active.nodeStaticData(TRIGGER).secret);
		expect(line).not.toContain(secret);
		const sent = delivery.headers['x-webhook-signature'];
		if (kind === 'unsigned') expect(line).toContain('no X-Webhook-Signature header');
		else expect(line).toContain(form.startsWith('sha256=') ? 'a sha256= prefix' : 'no prefix');
		if (sent) expect(line).not.toContain(sent.replace(/^sha256=/, ''));
		expect(logged('info')).toEqual([]);
	});
});

describe.each(SENDKIT_VARIANTS.webhookDelete)('SendKit Trigger: deactivation when DELETE /v1/webhooks/{id} is %s', (support) => {
	beforeEach(() => sendKit().store.variants.set({ webhookDelete: support }));

	it('removes the webhook, or fails saying SendKit still has it and keeps the registration', async () => {
		const active = await activateTrigger();
		const registration = active.nodeStaticData(TRIGGER);
		if (support === 'supported') {
			await deactivate(active);
			expect(webhooks().list()).toHaveLength(0);
			expect(active.nodeStaticData(TRIGGER)).toEqual({});
		} else {
			await expect(deactivate(active)).rejects.toThrow(`SendKit did not delete the webhook ${String(registration.webhookId)}`);
			expect(webhooks().list()).toHaveLength(1);
			expect(active.nodeStaticData(TRIGGER)).toEqual(registration);
		}
	});

	it('a webhook already deleted in SendKit counts as deleted', async () => {
		const active = await activateTrigger();
		webhooks().remove(webhooks().list()[0]);
		await expect(deactivate(active)).resolves.toBeUndefined();
		expect(active.nodeStaticData(TRIGGER)).toEqual({});
	});
});

describe('SendKit Trigger: deliveries', () => {
	it('a tag change starts the workflow once, with the event from X-Webhook-Event and the body as sent', async () => {
		const active = await activateTrigger();
		const leadId = await createLead('ada@example.com', ['new']);
		await tag(leadId, ['new', 'vip']);
		const runs = await settle(active);
		expect(runs).toHaveLength(1);
		const [item, ...more] = runs[0].output(TRIGGER);
		expect(more).toHaveLength(0);
		expect(item.json).toMatchObject({
			event: 'lead.tag_changed',
			data: { lead: { _id: leadId, email: 'ada@example.com' }, previousTags: ['new'], tags: ['new', 'vip'] },
		});
		expect(webhooks().outbox.deliveries.map((delivery) => delivery.status)).toEqual([200]);
	});

	it('a test delivery from SendKit is accepted and says it is a test that carries no lead or email to map fields from', async () => {
		const active = await activateTrigger();
		const response = await api().post(`/v1/webhooks/${webhooks().list()[0]._id}/test`);
		expect(response.data).toEqual({ success: true, data: { statusCode: 200, delivered: true } });
		const runs = await settle(active);
		expect(runs).toHaveLength(1);
		expect(runs[0].output(TRIGGER)[0].json).toMatchObject({
			event: 'test',
			test: true,
			note: "This is SendKit's test delivery: it carries no lead or email fields. Real events carry the lead or the email: map fields from one of those.",
		});
	});

	it('an event the trigger does not listen to is answered but starts nothing', async () => {
		const active = await activateTrigger();
		const delivery = await webhooks().deliver(webhooks().list()[0], 'email.sent', {});
		expect(delivery.status).toBe(200);
		expect(await settle(active)).toHaveLength(0);
	});

	it('only chosen events are delivered: a lead update alone starts nothing', async () => {
		const active = await activateTrigger();
		const leadId = await createLead('quiet@example.com');
		await api().patch(`/v1/leads/${leadId}`, { jobTitle: 'CTO' });
		expect(await settle(active)).toHaveLength(0);
		expect(webhooks().outbox.deliveries).toHaveLength(0);
	});
});
