/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import axios from 'axios';
import http from 'node:http';

import { describeSandbox, parseCliOptions } from '../../sandbox/cli';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import { client } from './helpers';

let sandbox: RunningSandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.sendKit.control.reset();
	sandbox.kickoffLabs.control.reset();
});

const sendKit = () => client(sandbox.sendKit.url, { 'X-Api-Key': sandbox.sendKit.workspaceKey });
const kickoffLabs = () => client(sandbox.kickoffLabs.url, { Authorization: `Bearer ${sandbox.kickoffLabs.apiKey}` });

describe('faults', () => {
	it('answers 429 with Retry-After and each API\'s own body, once', async () => {
		sandbox.sendKit.control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 7 }] });
		sandbox.kickoffLabs.control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 2 }] });

		const limitedSendKit = await sendKit().get('/v1/workspaces');
		expect([limitedSendKit.status, limitedSendKit.headers['retry-after'], limitedSendKit.data]).toEqual([
			429,
			'7',
			{ error: 'Too Many Requests', message: 'Rate limit exceeded', code: 429 },
		]);
		const limitedKickoffLabs = await kickoffLabs().get('/v2/campaigns');
		expect([limitedKickoffLabs.status, limitedKickoffLabs.headers['retry-after'], limitedKickoffLabs.data]).toEqual([
			429,
			'2',
			{ message: 'Rate limit exceeded' },
		]);

		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
		expect((await kickoffLabs().get('/v2/campaigns')).status).toBe(200);
	});

	it('sends no Retry-After when the fault gives none', async () => {
		sandbox.sendKit.control.setFaults({ queue: [{ status: 429 }] });
		const response = await sendKit().get('/v1/workspaces');
		expect(response.status).toBe(429);
		expect(response.headers).not.toHaveProperty('retry-after');
	});

	it('applies queued faults in order, then answers normally', async () => {
		sandbox.sendKit.control.setFaults({ queue: [{ status: 503 }, { status: 500 }, { status: 502 }] });
		const statuses: number[] = [];
		for (let attempt = 0; attempt < 4; attempt++) statuses.push((await sendKit().get('/v1/workspaces')).status);
		expect(statuses).toEqual([503, 500, 502, 200]);
	});

	it('drops the connection without an answer', async () => {
		sandbox.sendKit.control.setFaults({ queue: [{ drop: true }] });
		const error: unknown = await axios.get(`${sandbox.sendKit.url}/v1/workspaces`).catch((caught: unknown) => caught);
		expect(axios.isAxiosError(error) && error.response === undefined).toBe(true);
		expect(axios.isAxiosError(error) && error.code).toBe('ECONNRESET');
		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
	});

	it('delays every answer by latencyMs', async () => {
		sandbox.kickoffLabs.control.setFaults({ latencyMs: 150 });
		const started = Date.now();
		expect((await kickoffLabs().get('/v2/campaigns')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});
});

describe('request log', () => {
	it('records method, path, query, lower-cased headers and body, with every key redacted', async () => {
		await sendKit().post('/v1/leads?dryRun=1', { email: 'log@example.com' });
		await client(sandbox.sendKit.url, { Authorization: `Bearer ${sandbox.sendKit.platformKey}` }).get('/v1/workspaces');
		await client(sandbox.kickoffLabs.url).post(`/v2/135544?api_key=${sandbox.kickoffLabs.apiKey}`, {
			email: 'log@example.com',
			api_key: sandbox.kickoffLabs.apiKey,
			__url: `https://www.example.com/?leak=${sandbox.kickoffLabs.apiKey}`,
		});

		const [create, list] = sandbox.sendKit.control.requests;
		expect(create).toMatchObject({ method: 'POST', path: '/v1/leads', query: { dryRun: '1' }, body: { email: 'log@example.com' } });
		expect(create.headers['x-api-key']).toBe('***');
		expect(create.headers['content-type']).toContain('application/json');
		expect(list.headers.authorization).toBe('Bearer ***');
		const [signup] = sandbox.kickoffLabs.control.requests;
		expect(signup.query.api_key).toBe('***');
		expect(signup.body).toMatchObject({ api_key: '***', __url: 'https://www.example.com/?leak=***' });

		const everything = JSON.stringify([sandbox.sendKit.control.requests, sandbox.kickoffLabs.control.requests]);
		for (const key of [sandbox.sendKit.workspaceKey, sandbox.sendKit.platformKey, sandbox.kickoffLabs.apiKey]) {
			expect(everything).not.toContain(key);
		}
	});

	it('records faulted requests but never the control endpoints', async () => {
		sandbox.sendKit.control.setFaults({ queue: [{ status: 500 }] });
		await sendKit().get('/v1/workspaces');
		await axios.get(`${sandbox.sendKit.url}/__sandbox/requests`);
		expect(sandbox.sendKit.control.requests.map((request) => request.path)).toEqual(['/v1/workspaces']);
	});
});

describe('HTTP control surface', () => {
	it('sets faults, lists requests and resets over HTTP', async () => {
		const control = client(sandbox.kickoffLabs.url);
		expect((await control.post('/__sandbox/faults', { queue: [{ status: 503 }] })).status).toBe(200);
		expect((await kickoffLabs().get('/v2/campaigns')).status).toBe(503);
		await kickoffLabs().post('/v2/135544', { email: 'http@example.com' });

		const requests = await control.get('/__sandbox/requests');
		expect(requests.data.map((request: { method: string; path: string }) => `${request.method} ${request.path}`)).toEqual([
			'GET /v2/campaigns',
			'POST /v2/135544',
		]);
		expect(sandbox.kickoffLabs.store.leads(135544)).toHaveLength(1);

		expect((await control.post('/__sandbox/reset')).data).toEqual({ ok: true });
		expect(sandbox.kickoffLabs.store.leads(135544)).toHaveLength(0);
		expect((await control.get('/__sandbox/requests')).data).toEqual([]);
	});

	it('rejects malformed faults without changing anything', async () => {
		const control = client(sandbox.sendKit.url);
		const response = await control.post('/__sandbox/faults', { queue: [{ status: 418 }] });
		expect(response.status).toBe(400);
		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
	});
});

describe('lifecycle', () => {
	it('closes even with a keep-alive connection open', async () => {
		const other = await startSandbox();
		const agent = new http.Agent({ keepAlive: true });
		const response = await axios.get(`${other.sendKit.url}/v1/workspaces`, {
			httpAgent: agent,
			headers: { 'X-Api-Key': other.sendKit.workspaceKey },
		});
		expect(response.status).toBe(200);
		const started = Date.now();
		await other.close();
		expect(Date.now() - started).toBeLessThan(1000);
		agent.destroy();
		await expect(axios.get(`${other.sendKit.url}/v1/workspaces`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
	});

	it('gives fixed keys on every start and fresh random keys otherwise', async () => {
		const fixedA = await startSandbox({ keys: 'fixed' });
		const fixedB = await startSandbox({ keys: 'fixed' });
		try {
			expect(fixedA.sendKit.workspaceKey).toBe(fixedB.sendKit.workspaceKey);
			expect(fixedA.sendKit.workspaceKey).toMatch(/^sk_[0-9a-f]{48}$/);
			expect(fixedA.sendKit.platformKey).toMatch(/^sk_user_[0-9a-f]{40}$/);
			expect(fixedA.sendKit.workspaceId).toMatch(/^[0-9a-f]{24}$/);
			expect([fixedA.kickoffLabs.defaultCampaignId, fixedA.kickoffLabs.otherCampaignId]).toEqual(['135544', '135545']);
			expect(fixedA.sendKit.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
			expect(sandbox.sendKit.workspaceKey).not.toBe(fixedA.sendKit.workspaceKey);
			expect(sandbox.kickoffLabs.apiKey).not.toBe(fixedA.kickoffLabs.apiKey);
		} finally {
			await Promise.all([fixedA.close(), fixedB.close()]);
		}
	});
});

describe('cli', () => {
	it('reads ports from the environment and --ttl-seconds from the arguments', () => {
		expect(parseCliOptions([], {})).toEqual({ ports: { sendKit: 5680, kickoffLabs: 5681, openAi: 5682 }, ttlSeconds: undefined, faults: undefined, variants: undefined });
		expect(parseCliOptions(['--ttl-seconds', '30'], { SENDKIT_SANDBOX_PORT: '7000', KICKOFFLABS_SANDBOX_PORT: '7001' })).toEqual({
			ports: { sendKit: 7000, kickoffLabs: 7001, openAi: 5682 },
			ttlSeconds: 30,
			faults: undefined,
		});
		expect(parseCliOptions(['--ttl-seconds=5'], {}).ttlSeconds).toBe(5);
		expect(() => parseCliOptions(['--ttl-seconds', 'soon'], {})).toThrow('--ttl-seconds');
		expect(() => parseCliOptions([], { SENDKIT_SANDBOX_PORT: 'x' })).toThrow('SENDKIT_SANDBOX_PORT');
	});

	it('prints urls, keys, workspace ids and campaign ids', () => {
		const text = describeSandbox(sandbox);
		for (const value of [
			sandbox.sendKit.url,
			sandbox.sendKit.workspaceKey,
			sandbox.sendKit.platformKey,
			sandbox.sendKit.workspaceId,
			sandbox.sendKit.otherWorkspaceId,
			sandbox.kickoffLabs.url,
			sandbox.kickoffLabs.apiKey,
			sandbox.kickoffLabs.defaultCampaignId,
			sandbox.kickoffLabs.otherCampaignId,
		]) {
			expect(text).toContain(value);
		}
	});
});
