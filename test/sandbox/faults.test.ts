/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: runs in plain Node, not inside n8n */
import axios from 'axios';

import { startSandbox } from '../../sandbox';
import { client, useSandbox } from './helpers';

const sandbox = useSandbox();

const sendKit = () => client(sandbox().sendKit.url, { 'X-Api-Key': sandbox().sendKit.workspaceKey });
const kickoffLabs = () => client(sandbox().kickoffLabs.url);
const createSendKitLead = (email: string) => sendKit().post('/v1/leads', { email });
const sendKitEmails = () => sandbox().sendKit.store.allLeads().map((lead) => lead.email);

/** Polls until `condition` holds (a wait for the server to get somewhere, not a timing assertion). */
async function waitFor(condition: () => boolean): Promise<void> {
	for (let attempt = 0; attempt < 500 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
	if (!condition()) throw new Error('condition never held');
}

/** The error a request ends with: its code, and the status and body when headers had arrived. */
async function failure(request: Promise<unknown>): Promise<{ code?: string; status?: number; data?: unknown }> {
	const error: unknown = await request.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	if (!axios.isAxiosError(error)) throw new Error(`expected an axios error, got ${String(error)}`);
	return { code: error.code, status: error.response?.status, data: error.response?.data };
}

describe('respond', () => {
	it('answers exactly the given status, JSON body and headers, without touching the store', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ respond: { status: 201, body: { ok: 'maybe' }, headers: { 'X-Custom': 'yes' } } }] });
		const response = await createSendKitLead('respond@example.com');
		expect([response.status, response.data, response.headers['x-custom']]).toEqual([201, { ok: 'maybe' }, 'yes']);
		expect(response.headers['content-type']).toContain('application/json');
		expect(sandbox().sendKit.store.allLeads()).toEqual([]);
		expect(sandbox().sendKit.control.faultStats).toEqual({ respond: 1 });
	});

	it('sends a string body as-is, e.g. an HTML error page from a proxy', async () => {
		const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
		sandbox().kickoffLabs.control.setFaults({ queue: [{ respond: { status: 502, body: page, headers: { 'content-type': 'text/html' } } }] });
		const response = await kickoffLabs().post('/v2/135544', { email: 'html@example.com' });
		expect([response.status, response.headers['content-type'], response.data]).toEqual([502, 'text/html', page]);
		expect(sandbox().kickoffLabs.store.allLeads()).toEqual([]);
	});
});

describe('echo', () => {
	it('quotes the URL with its query, every header and the raw body, in the JSON body and x-echo-* headers', async () => {
		const key = sandbox().kickoffLabs.apiKey;
		sandbox().kickoffLabs.control.setFaults({ queue: [{ echo: { status: 500 } }] });
		const response = await kickoffLabs().post(`/v2/135544?api_key=${key}`, { email: 'echo@example.com', api_key: key }, {
			headers: { Authorization: `Bearer ${key}` },
		});

		expect(response.status).toBe(500);
		expect(response.data).toMatchObject({
			message: `Internal Server Error at /v2/135544?api_key=${key}`,
			url: `/v2/135544?api_key=${key}`,
			headers: { authorization: `Bearer ${key}` },
			body: JSON.stringify({ email: 'echo@example.com', api_key: key }),
		});
		expect(response.headers['x-echo-url']).toBe(`/v2/135544?api_key=${key}`);
		expect(response.headers['x-echo-authorization']).toBe(`Bearer ${key}`);
		// The log stays redacted, and nothing was stored.
		expect(JSON.stringify(sandbox().kickoffLabs.control.requests)).not.toContain(key);
		expect(sandbox().kickoffLabs.store.allLeads()).toEqual([]);
	});

	it('echoes the X-Api-Key header as x-echo-api-key and in an HTML page', async () => {
		const key = sandbox().sendKit.workspaceKey;
		sandbox().sendKit.control.setFaults({ queue: [{ echo: { status: 400, format: 'html' } }] });
		const response = await createSendKitLead('echo@example.com');
		expect(response.status).toBe(400);
		expect(response.headers['content-type']).toContain('text/html');
		expect(response.headers['x-echo-api-key']).toBe(key);
		expect(response.data).toContain('Bad Request at /v1/leads');
		expect(response.data).toContain(`x-api-key: ${key}`);
		expect(response.data).toContain('echo@example.com');
		expect(JSON.stringify(sandbox().sendKit.control.requests)).not.toContain(key);
	});
});

describe('redirect', () => {
	it('answers a redirect to the given URL without touching the store', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ redirect: { status: 307, location: 'http://127.0.0.1:9/elsewhere' } }] });
		const response = await sendKit().post('/v1/leads', { email: 'redirect@example.com' }, { maxRedirects: 0 });
		expect([response.status, response.headers.location]).toEqual([307, 'http://127.0.0.1:9/elsewhere']);
		expect(sandbox().sendKit.store.allLeads()).toEqual([]);
	});
});

describe('processed, then cut off', () => {
	it('truncate: the lead is created, the client gets a cut-off answer', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ truncate: true }] });
		const result = await failure(axios.post(`${sandbox().sendKit.url}/v1/leads`, { email: 'cut@example.com' }, {
			headers: { 'X-Api-Key': sandbox().sendKit.workspaceKey },
			timeout: 5000,
		}));
		// The headers (201, full Content-Length) arrived; the body never completed.
		expect(result).toMatchObject({ status: 201, data: undefined });
		expect(result.code).toBeDefined();
		expect(sendKitEmails()).toEqual(['cut@example.com']);
		expect(sandbox().sendKit.control.faultStats).toEqual({ truncate: 1 });
	});

	it('dropAfterProcessing: the lead is created, no answer comes, and a retry meets the duplicate', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ dropAfterProcessing: true }] });
		const result = await failure(axios.post(`${sandbox().sendKit.url}/v1/leads`, { email: 'dropped@example.com' }, {
			headers: { 'X-Api-Key': sandbox().sendKit.workspaceKey },
			timeout: 5000,
		}));
		expect(result).toEqual({ code: 'ECONNRESET', status: undefined, data: undefined });
		expect(sendKitEmails()).toEqual(['dropped@example.com']);
		expect((await createSendKitLead('dropped@example.com')).status).toBe(409);
		expect(sandbox().sendKit.store.allLeads()[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('dropAfterProcessing on KickoffLabs: the upsert happened, a retry counts a second signup', async () => {
		sandbox().kickoffLabs.control.setFaults({ queue: [{ dropAfterProcessing: true }] });
		await failure(axios.post(`${sandbox().kickoffLabs.url}/v2/135544`, { email: 'twice@example.com' }, { timeout: 5000 }));
		expect((await kickoffLabs().post('/v2/135544', { email: 'twice@example.com' })).data.counter).toBe(2);
		expect(sandbox().kickoffLabs.store.allLeads()).toHaveLength(1);
	});
});

describe('hang', () => {
	it('never answers: the client timeout fires, and the next request is served', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ hang: true }] });
		const result = await failure(axios.get(`${sandbox().sendKit.url}/v1/workspaces`, { timeout: 200, headers: { 'X-Api-Key': sandbox().sendKit.workspaceKey } }));
		expect(result.code).toBe('ECONNABORTED');
		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
		await waitFor(() => sandbox().sendKit.control.stats.inFlight === 0);
	});

	it('does not keep the server from closing', async () => {
		const other = await startSandbox();
		other.kickoffLabs.control.setFaults({ queue: [{ hang: true }] });
		const hung = failure(axios.get(`${other.kickoffLabs.url}/v2/campaigns`, { timeout: 20000 }));
		await waitFor(() => other.kickoffLabs.control.stats.inFlight === 1);
		await other.close();
		expect((await hung).status).toBeUndefined();
	});
});

describe('fault filters', () => {
	it('a fault with a path and method waits for a matching request; others pass through', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ status: 503, path: '^/v1/leads$', method: 'post' }] });
		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
		expect((await sendKit().get('/v1/leads')).status).toBe(200);
		expect((await createSendKitLead('filtered@example.com')).status).toBe(503);
		expect((await createSendKitLead('filtered@example.com')).status).toBe(201);
	});

	it('each request takes the first queued fault that matches it', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ status: 500, method: 'POST' }, { status: 502 }, { status: 503 }] });
		expect((await sendKit().get('/v1/workspaces')).status).toBe(502);
		expect((await createSendKitLead('order@example.com')).status).toBe(500);
		expect((await sendKit().get('/v1/workspaces')).status).toBe(503);
		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
		expect(sandbox().sendKit.control.faultStats).toEqual({ 500: 1, 502: 1, 503: 1 });
	});
});

describe('random faults', () => {
	async function statuses(seed: number, count: number): Promise<number[]> {
		sandbox().sendKit.control.setFaults({ random: { seed, rate: 0.5, kinds: ['429', '500', '503'], retryAfterSeconds: 3 } });
		const seen: number[] = [];
		for (let index = 0; index < count; index++) seen.push((await sendKit().get('/v1/workspaces')).status);
		return seen;
	}

	it('the same seed gives the same faults on the same requests', async () => {
		const first = await statuses(42, 40);
		const stats = sandbox().sendKit.control.faultStats;
		expect(await statuses(42, 40)).toEqual(first);
		expect(sandbox().sendKit.control.faultStats).toEqual(stats);
		expect(await statuses(43, 40)).not.toEqual(first);

		expect(new Set(first)).toEqual(new Set([200, 429, 500, 503]));
		const faulted = first.filter((status) => status !== 200).length;
		expect((stats['429'] ?? 0) + (stats['500'] ?? 0) + (stats['503'] ?? 0)).toBe(faulted);
		expect(stats['429']).toBe(first.filter((status) => status === 429).length);
	});

	it('random 429s carry the configured Retry-After', async () => {
		sandbox().kickoffLabs.control.setFaults({ random: { seed: 1, rate: 1, kinds: ['429'], retryAfterSeconds: 3 } });
		const response = await kickoffLabs().get('/v2/campaigns');
		expect([response.status, response.headers['retry-after'], response.data]).toEqual([429, '3', { message: 'Rate limit exceeded' }]);
	});

	it('random processed-then-dropped requests change the store', async () => {
		sandbox().sendKit.control.setFaults({ random: { seed: 5, rate: 1, kinds: ['dropAfterProcessing'] } });
		await failure(axios.post(`${sandbox().sendKit.url}/v1/leads`, { email: 'random@example.com' }, { headers: { 'X-Api-Key': sandbox().sendKit.workspaceKey } }));
		expect(sendKitEmails()).toEqual(['random@example.com']);
		expect(sandbox().sendKit.control.faultStats).toEqual({ dropAfterProcessing: 1 });
	});

	it('queued faults come before random ones', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ status: 502 }], random: { seed: 9, rate: 1, kinds: ['500'] } });
		expect((await sendKit().get('/v1/workspaces')).status).toBe(502);
		expect((await sendKit().get('/v1/workspaces')).status).toBe(500);
	});
});

describe('rate limit', () => {
	it('answers 429 with Retry-After and the API\'s own body beyond perSecond, without reaching the store', async () => {
		sandbox().sendKit.control.setFaults({ rateLimit: { perSecond: 3, maxInFlight: 100 } });
		const answers = [];
		for (let index = 0; index < 5; index++) answers.push(await createSendKitLead(`burst${index}@example.com`));
		expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 429, 429]);
		expect(answers[4].headers['retry-after']).toBe('1');
		expect(answers[4].data).toEqual({ error: 'Too Many Requests', message: 'Rate limit exceeded', code: 429 });
		expect(sandbox().sendKit.store.allLeads()).toHaveLength(3);
		expect(sandbox().sendKit.control.stats).toEqual({ accepted: 3, rateLimited: 2, inFlight: 0, peakInFlight: 1 });
		expect(sandbox().sendKit.control.requests).toHaveLength(5);
	});

	it('answers 429 beyond maxInFlight concurrent requests and counts the peak', async () => {
		sandbox().kickoffLabs.control.setFaults({
			queue: [{ hang: true }, { hang: true }],
			rateLimit: { perSecond: 1000, maxInFlight: 2, retryAfterSeconds: 5 },
		});
		const abort = new AbortController();
		const hung = [1, 2].map(() => failure(axios.get(`${sandbox().kickoffLabs.url}/v2/campaigns`, { signal: abort.signal })));
		await waitFor(() => sandbox().kickoffLabs.control.stats.inFlight === 2);

		const limited = await kickoffLabs().get('/v2/campaigns');
		expect([limited.status, limited.headers['retry-after'], limited.data]).toEqual([429, '5', { message: 'Rate limit exceeded' }]);
		expect(sandbox().kickoffLabs.control.stats).toEqual({ accepted: 2, rateLimited: 1, inFlight: 2, peakInFlight: 2 });

		abort.abort();
		await Promise.all(hung);
		await waitFor(() => sandbox().kickoffLabs.control.stats.inFlight === 0);
		expect((await kickoffLabs().get(`/v2/campaigns?api_key=${sandbox().kickoffLabs.apiKey}`)).status).toBe(200);
	});

	it('latency and stats are reachable over HTTP', async () => {
		const control = client(sandbox().sendKit.url);
		expect((await control.post('/__sandbox/faults', { latencyMs: 5, rateLimit: { perSecond: 1, maxInFlight: 1 } })).status).toBe(200);
		expect((await sendKit().get('/v1/workspaces')).status).toBe(200);
		expect((await sendKit().get('/v1/workspaces')).status).toBe(429);
		expect((await control.get('/__sandbox/stats')).data).toEqual({ accepted: 1, rateLimited: 1, inFlight: 0, peakInFlight: 1, faults: {} });
	});
});

describe('HTTP control surface for the new faults', () => {
	it('accepts every new fault kind, random and rate-limit settings', async () => {
		const control = client(sandbox().sendKit.url);
		const response = await control.post('/__sandbox/faults', {
			queue: [
				{ respond: { status: 200, body: 'ok', headers: { 'content-type': 'text/plain' } }, path: '^/v1/' },
				{ echo: { status: 500, format: 'html' }, method: 'GET' },
				{ redirect: { status: 302, location: 'https://example.com/login' } },
				{ truncate: true },
				{ dropAfterProcessing: true },
				{ hang: true },
			],
			random: { seed: 1, rate: 0.1, kinds: ['hang', 'truncate'] },
			rateLimit: { perSecond: 10, maxInFlight: 2, retryAfterSeconds: 2 },
		});
		expect(response.data).toEqual({ ok: true });
		const answer = await sendKit().get('/v1/workspaces');
		expect([answer.status, answer.data]).toEqual([200, 'ok']);
	});

	it.each([
		['a path that is no regular expression', { queue: [{ status: 500, path: '(' }] }],
		['a redirect status that is not one', { queue: [{ redirect: { status: 200, location: 'https://example.com' } }] }],
		['a relative redirect', { queue: [{ redirect: { status: 302, location: '/login' } }] }],
		['an unknown random kind', { random: { seed: 1, rate: 0.5, kinds: ['teapot'] } }],
		['a rate above 1', { random: { seed: 1, rate: 2, kinds: ['500'] } }],
		['a rate limit without maxInFlight', { rateLimit: { perSecond: 1 } }],
	])('rejects %s', async (_what, faults) => {
		const response = await client(sandbox().sendKit.url).post('/__sandbox/faults', faults);
		expect(response.status).toBe(400);
	});
});
