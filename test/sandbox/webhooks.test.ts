/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import type { AxiosInstance } from 'axios';
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { client } from './helpers';

interface Received {
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A receiver on a free local port that answers 200 and keeps what arrived. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(200).end('ok');
		});
	});
	server.on('connection', (socket) => socket.unref());
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	server.unref();
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		received,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

let sandbox: RunningSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let sendKit: AxiosInstance;
let kickoffLabs: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox();
	receiver = await startReceiver();
	sendKit = client(sandbox.sendKit.url, { 'X-Api-Key': sandbox.sendKit.workspaceKey });
	kickoffLabs = client(sandbox.kickoffLabs.url, { Authorization: `Bearer ${sandbox.kickoffLabs.apiKey}` });
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => {
	for (const service of sandbox.services) service.control.reset();
	receiver.received.length = 0;
});

describe('SendKit /v1/webhooks', () => {
	it('creates a webhook with a generated 32-byte hex secret and the documented defaults', async () => {
		const response = await sendKit.post('/v1/webhooks', { name: 'n8n', url: receiver.url, events: ['email.sent'] });
		expect(response.status).toBe(201);
		expect(response.data.data).toMatchObject({ name: 'n8n', url: receiver.url, events: ['email.sent'], status: 'active', retryAttempts: 3, timeoutMs: 10000 });
		expect(response.data.data.secret).toMatch(/^[0-9a-f]{64}$/);
	});

	it.each([
		[{ url: 'https://x.example.com', events: ['email.sent'] }, /name/],
		[{ name: 'n', url: 'not a url', events: ['email.sent'] }, /url/],
		[{ name: 'n', url: 'https://x.example.com', events: [] }, /events/],
		[{ name: 'n', url: 'https://x.example.com' }, /events/],
	])('refuses an incomplete webhook %j with a validation error', async (body, message) => {
		const response = await sendKit.post('/v1/webhooks', body);
		expect(response.status).toBe(400);
		expect(response.data.error.message).toMatch(message);
	});

	it('gets, updates and deletes by id; an unknown id is 404; another key sees nothing', async () => {
		const { data } = await sendKit.post('/v1/webhooks', { name: 'n8n', url: receiver.url, events: ['email.sent'], secret: 's3cret' });
		const id = data.data._id as string;
		expect((await sendKit.get(`/v1/webhooks/${id}`)).data.data).toMatchObject({ _id: id, secret: 's3cret' });
		expect((await sendKit.patch(`/v1/webhooks/${id}`, { events: ['lead.updated'] })).data.data.events).toEqual(['lead.updated']);
		expect((await sendKit.get('/v1/webhooks')).data.data).toHaveLength(1);
		expect((await client(sandbox.sendKit.url).get(`/v1/webhooks/${id}`)).status).toBe(401);
		expect((await sendKit.delete(`/v1/webhooks/${id}`)).status).toBe(200);
		expect((await sendKit.get(`/v1/webhooks/${id}`)).status).toBe(404);
		expect((await sendKit.delete(`/v1/webhooks/${id}`)).status).toBe(404);
	});

	it('a test delivery is signed with the secret (HMAC-SHA256 of the raw body, hex) and reports the outcome', async () => {
		const { data } = await sendKit.post('/v1/webhooks', { name: 'n8n', url: receiver.url, events: ['email.sent'], secret: 'topsecret' });
		const response = await sendKit.post(`/v1/webhooks/${data.data._id}/test`);
		expect(response.data).toEqual({ success: true, data: { statusCode: 200, delivered: true } });
		const [delivery] = receiver.received;
		expect(delivery.headers['x-webhook-event']).toBe('test');
		expect(delivery.headers['x-webhook-signature']).toBe(createHmac('sha256', 'topsecret').update(delivery.body).digest('hex'));
	});

	it('a tag change delivers lead.tag_changed; an update without one only lead.updated', async () => {
		await sendKit.post('/v1/webhooks', { name: 'n8n', url: receiver.url, events: ['lead.tag_changed', 'lead.updated'] });
		const lead = (await sendKit.post('/v1/leads', { email: 'ada@example.com', tags: ['a'] })).data.data;
		await sendKit.patch(`/v1/leads/${lead._id}`, { jobTitle: 'CTO' });
		await sendKit.patch(`/v1/leads/${lead._id}`, { tags: ['a', 'b'] });
		await sandbox.sendKit.store.webhooks.outbox.settled();
		const events = receiver.received.map((delivery) => delivery.headers['x-webhook-event']);
		expect(events).toEqual(['lead.updated', 'lead.updated', 'lead.tag_changed']);
		const tagChange = JSON.parse(receiver.received[2].body) as { event: string; data: { previousTags: string[]; tags: string[] } };
		expect(tagChange).toMatchObject({ event: 'lead.tag_changed', data: { previousTags: ['a'], tags: ['a', 'b'] } });
	});

	it('forges unsigned, wrongly signed and tampered deliveries on request', async () => {
		const { data } = await sendKit.post('/v1/webhooks', { name: 'n8n', url: receiver.url, events: ['email.sent'], secret: 'k' });
		const hook = sandbox.sendKit.store.webhooks.find(sandbox.sendKit.workspaceId, data.data._id);
		if (!hook) throw new Error('webhook not stored');
		const sign = (body: string) => createHmac('sha256', 'k').update(body).digest('hex');
		await sandbox.sendKit.store.webhooks.forge(hook, 'unsigned', 'email.sent', {});
		await sandbox.sendKit.store.webhooks.forge(hook, 'forged', 'email.sent', {});
		await sandbox.sendKit.store.webhooks.forge(hook, 'tampered', 'email.sent', {});
		const [unsigned, forged, tampered] = receiver.received;
		expect(unsigned.headers['x-webhook-signature']).toBeUndefined();
		expect(forged.headers['x-webhook-signature']).not.toBe(sign(forged.body));
		expect(tampered.headers['x-webhook-signature']).not.toBe(sign(tampered.body));
		expect(JSON.parse(tampered.body).data).toEqual({ tampered: true });
	});
});

describe('KickoffLabs /v2/:campaign/outbound-webhook', () => {
	const path = () => `/v2/${sandbox.kickoffLabs.defaultCampaignId}/outbound-webhook`;

	it('registers with an API key only, validates the URL and the events', async () => {
		expect((await client(sandbox.kickoffLabs.url).post(path(), { url: receiver.url, events: ['new_signup'] })).status).toBe(401);
		expect((await kickoffLabs.post(path(), { url: 'ftp://x', events: ['new_signup'] })).status).toBe(409);
		expect((await kickoffLabs.post(path(), { url: receiver.url, events: ['bogus'] })).status).toBe(409);
		const created = await kickoffLabs.post(path(), { url: receiver.url, event: 'new_signup' });
		expect(created.data).toEqual({ message: 'Webhook Created', referenceId: expect.any(Number), events: ['new_signup'] });
	});

	it('delivers the lead with __event as JSON, or form-encoded with Rails brackets', async () => {
		await kickoffLabs.post(path(), { url: receiver.url, events: ['new_signup'] });
		await kickoffLabs.post(`/v2/${sandbox.kickoffLabs.defaultCampaignId}`, { email: 'json@example.com', 'custom_fields[plan]': 'pro' });
		sandbox.kickoffLabs.store.webhooks.format = 'form';
		await kickoffLabs.post(`/v2/${sandbox.kickoffLabs.defaultCampaignId}`, { email: 'form@example.com', 'custom_fields[plan]': 'pro' });
		await sandbox.kickoffLabs.store.webhooks.outbox.settled();
		const [json, form] = receiver.received;
		expect(JSON.parse(json.body)).toMatchObject({ __event: 'new_signup', email: 'json@example.com', custom_fields: { plan: 'pro' } });
		const params = new URLSearchParams(form.body);
		expect(params.get('__event')).toBe('new_signup');
		expect(params.get('custom_fields[plan]')).toBe('pro');
	});

	it('keeps its registered webhooks through a reset, as an account keeps its settings: a published trigger still receives signups', async () => {
		await kickoffLabs.post(path(), { url: receiver.url, events: ['new_signup'] });
		expect((await client(sandbox.kickoffLabs.url).post('/__sandbox/reset')).status).toBe(200);
		expect(sandbox.kickoffLabs.store.webhooks.list()).toEqual([expect.objectContaining({ url: receiver.url, events: ['new_signup'] })]);
		await kickoffLabs.post(`/v2/${sandbox.kickoffLabs.defaultCampaignId}`, { email: 'after-reset@example.com' });
		await sandbox.kickoffLabs.store.webhooks.outbox.settled();
		expect(receiver.received.map((delivery) => JSON.parse(delivery.body).email)).toEqual(['after-reset@example.com']);
	});

	it('removes by URL; an unknown URL is 404', async () => {
		await kickoffLabs.post(path(), { url: receiver.url, events: ['new_signup'] });
		expect((await kickoffLabs.delete(path(), { params: { url: receiver.url } })).status).toBe(200);
		expect(sandbox.kickoffLabs.store.webhooks.list()).toHaveLength(0);
		expect((await kickoffLabs.delete(path(), { params: { url: receiver.url } })).status).toBe(404);
	});
});
