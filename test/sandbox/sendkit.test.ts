import type { AxiosInstance } from 'axios';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { client, extractJsonObject, readSeed } from './helpers';

const seedText = readSeed('sendkit-create-lead.txt');
const seedCreated = extractJsonObject(seedText, '"success": true') as { success: true; data: Record<string, unknown> };
const seedConflict = extractJsonObject(seedText, '"success": false');
const seedRequest = extractJsonObject(seedText, '"email": "john@acme.com"');

const NOT_FOUND = { error: 'Not Found', message: 'The requested resource was not found', code: 404 };

let sandbox: RunningSandbox;
let api: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox();
	api = client(sandbox.sendKit.url, { 'X-Api-Key': sandbox.sendKit.workspaceKey });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.sendKit.control.reset());

async function createLead(body: Record<string, unknown>): Promise<Record<string, unknown>> {
	const response = await api.post('/v1/leads', body);
	expect(response.status).toBe(201);
	return response.data.data;
}

describe('POST /v1/leads', () => {
	it('answers the seed example field for field and in the same key order', async () => {
		expect(seedRequest.email).toBe('john@acme.com');
		const response = await api.post('/v1/leads', seedRequest);

		expect(response.status).toBe(201);
		expect(Object.keys(response.data)).toEqual(Object.keys(seedCreated));
		expect(Object.keys(response.data.data)).toEqual(Object.keys(seedCreated.data));
		const generated = new Set(['_id', 'userId', 'workspaceId', 'createdAt', 'updatedAt']);
		for (const [key, value] of Object.entries(seedCreated.data)) {
			if (!generated.has(key)) expect([key, response.data.data[key]]).toEqual([key, value]);
		}
		expect(response.data.data._id).toMatch(/^[0-9a-f]{24}$/);
		expect(response.data.data.workspaceId).toBe(sandbox.sendKit.workspaceId);
		expect(new Date(response.data.data.createdAt).toISOString()).toBe(response.data.data.createdAt);
	});

	it('stores the email trimmed and lower-cased, omits fields never sent and defaults tags and customFields', async () => {
		const lead = await createLead({ email: '  Ada@Example.COM ', firstName: 'Ada' });
		expect(lead.email).toBe('ada@example.com');
		expect(Object.keys(lead)).toEqual([
			'_id', 'email', 'firstName', 'tags', 'customFields', 'emailVerified', 'userId', 'workspaceId', 'createdAt', 'updatedAt',
		]);
		expect(lead.tags).toEqual([]);
		expect(lead.customFields).toEqual({});
	});

	it('gives ids that increase with every lead', async () => {
		const first = await createLead({ email: 'a@example.com' });
		const second = await createLead({ email: 'b@example.com' });
		expect(String(second._id) > String(first._id)).toBe(true);
	});

	it('answers a duplicate email (any case) with the seed 409 body', async () => {
		const created = await createLead(seedRequest);
		const response = await api.post('/v1/leads', { email: 'JOHN@acme.com', firstName: 'Johnny' });

		expect(response.status).toBe(409);
		expect(response.data).toEqual({ ...seedConflict, data: { ...(seedConflict.data as object), _id: created._id } });
		expect(Object.keys(response.data.data)).toEqual(Object.keys(seedConflict.data as object));
	});

	it.each([
		[{}, 'email must be a valid email'],
		[{ email: 'not-an-email' }, 'email must be a valid email'],
		[{ email: 'a@example.com', linkedinUrl: 'linkedin.com/in/x' }, 'linkedinUrl must be a valid uri'],
		[{ email: 'a@example.com', tags: 'vip' }, 'tags must be an array of strings'],
		[{ email: 'a@example.com', customFields: ['x'] }, 'customFields must be an object'],
	])('rejects %j with a VALIDATION_ERROR', async (body, message) => {
		const response = await api.post('/v1/leads', body);
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message } });
	});
});

describe('authentication', () => {
	const lead = { email: 'auth@example.com' };

	it('rejects a missing or unknown key with the generic 401 body', async () => {
		const attempts: Record<string, string>[] = [{}, { 'X-Api-Key': 'sk_wrong' }, { Authorization: 'Bearer sk_wrong' }];
		for (const headers of attempts) {
			const response = await client(sandbox.sendKit.url, headers).get('/v1/workspaces');
			expect(response.status).toBe(401);
			expect(response.data).toEqual({ error: 'Unauthorized', message: 'Invalid or missing API key', code: 401 });
		}
	});

	it('accepts the key as a Bearer token too', async () => {
		const response = await client(sandbox.sendKit.url, { Authorization: `Bearer ${sandbox.sendKit.workspaceKey}` }).post('/v1/leads', lead);
		expect(response.status).toBe(201);
	});

	it('refuses X-Workspace-Id from a workspace key', async () => {
		const response = await api.post('/v1/leads', lead, { headers: { 'X-Workspace-Id': sandbox.sendKit.workspaceId } });
		expect(response.status).toBe(400);
		expect(response.data).toEqual({ error: 'Bad Request', message: 'Do not send X-Workspace-Id with a workspace API key', code: 400 });
	});

	it('makes a platform key name its workspace, and only one it belongs to', async () => {
		const platform = client(sandbox.sendKit.url, { 'X-Api-Key': sandbox.sendKit.platformKey });

		const missing = await platform.post('/v1/leads', lead);
		expect(missing.status).toBe(400);
		expect(missing.data).toEqual({ error: 'Bad Request', message: 'X-Workspace-Id header is required for platform API keys', code: 400 });

		const foreign = await platform.get('/v1/leads', { headers: { 'X-Workspace-Id': sandbox.sendKit.otherWorkspaceId } });
		expect(foreign.status).toBe(403);
		expect(foreign.data).toEqual({ error: 'Forbidden', message: "You don't have permission to access this resource", code: 403 });

		const own = await platform.post('/v1/leads', lead, { headers: { 'X-Workspace-Id': sandbox.sendKit.workspaceId } });
		expect(own.status).toBe(201);
		expect(own.data.data.workspaceId).toBe(sandbox.sendKit.workspaceId);
	});

	it('lists workspaces per key kind without X-Workspace-Id', async () => {
		const forWorkspaceKey = await api.get('/v1/workspaces');
		const forPlatformKey = await client(sandbox.sendKit.url, { 'X-Api-Key': sandbox.sendKit.platformKey }).get('/v1/workspaces');
		for (const response of [forWorkspaceKey, forPlatformKey]) {
			expect(response.status).toBe(200);
			expect(response.data.success).toBe(true);
			expect(response.data.data.map((workspace: { id: string }) => workspace.id)).toEqual([sandbox.sendKit.workspaceId]);
			expect(Object.keys(response.data.data[0])).toEqual(['id', 'name', 'ownerId', 'memberCount', 'createdAt']);
		}
	});
});

describe('GET /v1/leads', () => {
	it('walks every lead page by page with the cursor', async () => {
		const created: string[] = [];
		for (let index = 0; index < 7; index++) created.push(String((await createLead({ email: `walk${index}@example.com` }))._id));

		const seen: string[] = [];
		const pages: Array<{ count: number; hasMore: boolean }> = [];
		let cursor: string | undefined;
		do {
			const response = await api.get('/v1/leads', { params: { limit: 3, cursor } });
			expect(response.status).toBe(200);
			const { data, pagination } = response.data;
			expect(pagination).toMatchObject({ limit: 3, total: 7 });
			seen.push(...data.map((item: { _id: string }) => item._id));
			pages.push({ count: data.length, hasMore: pagination.hasMore });
			cursor = pagination.hasMore ? pagination.nextCursor : undefined;
		} while (cursor);

		expect(seen).toEqual(created);
		expect(pages).toEqual([
			{ count: 3, hasMore: true },
			{ count: 3, hasMore: true },
			{ count: 1, hasMore: false },
		]);
	});

	it('lists the reduced projection with the documented pagination keys', async () => {
		await createLead(seedRequest);
		const response = await api.get('/v1/leads');
		expect(Object.keys(response.data)).toEqual(['success', 'data', 'pagination']);
		expect(Object.keys(response.data.pagination)).toEqual(['limit', 'total', 'hasMore', 'nextCursor']);
		expect(response.data.pagination).toEqual({ limit: 25, total: 1, hasMore: false, nextCursor: response.data.data[0]._id });
		const item = response.data.data[0];
		for (const hidden of ['linkedinUrl', 'phoneNumber', 'customFields', 'updatedAt']) expect(item).not.toHaveProperty(hidden);
		expect(item).toMatchObject({ email: 'john@acme.com', companyName: 'Acme Corp', tags: ['vip', 'enterprise'] });
	});

	it('filters by search (case-insensitive, several fields) and by any of the tags', async () => {
		await createLead({ email: 'one@example.com', companyName: 'Globex', tags: ['a'] });
		await createLead({ email: 'two@example.com', lastName: 'Globetrotter', tags: ['b'] });
		await createLead({ email: 'three@example.com', tags: ['c'] });

		const searched = await api.get('/v1/leads', { params: { search: 'GLOBE' } });
		expect(searched.data.data.map((lead: { email: string }) => lead.email)).toEqual(['one@example.com', 'two@example.com']);
		const tagged = await api.get('/v1/leads', { params: { tags: 'c,a' } });
		expect(tagged.data.data.map((lead: { email: string }) => lead.email)).toEqual(['one@example.com', 'three@example.com']);
	});

	it('rejects a limit outside 1..100', async () => {
		const response = await api.get('/v1/leads', { params: { limit: 101 } });
		expect(response.status).toBe(400);
		expect(response.data.error.code).toBe('VALIDATION_ERROR');
	});
});

describe('GET and PATCH /v1/leads/:id', () => {
	it('gets one lead in full, and 404s unknown or malformed ids', async () => {
		const created = await createLead(seedRequest);
		const found = await api.get(`/v1/leads/${created._id}`);
		expect(found.status).toBe(200);
		expect(found.data).toEqual({ success: true, data: created });

		for (const id of ['665d4e5f6a7b8c9d0e1f2a3b', 'not-an-id']) {
			const missing = await api.get(`/v1/leads/${id}`);
			expect(missing.status).toBe(404);
			expect(missing.data).toEqual(NOT_FOUND);
		}
	});

	it('merges custom fields, replaces tags, maps phone and moves updatedAt', async () => {
		const created = await createLead(seedRequest);
		const response = await api.patch(`/v1/leads/${created._id}`, {
			jobTitle: 'CEO',
			phone: '+1-555-000-0000',
			tags: ['customer'],
			customFields: { revenue: '$20M', stage: 'won' },
		});

		expect(response.status).toBe(200);
		const updated = response.data.data;
		expect(Object.keys(updated)).toEqual(Object.keys(seedCreated.data));
		expect(updated).toMatchObject({
			jobTitle: 'CEO',
			phoneNumber: '+1-555-000-0000',
			tags: ['customer'],
			customFields: { industry: 'SaaS', revenue: '$20M', stage: 'won' },
			firstName: 'John',
			createdAt: created.createdAt,
		});
		expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(String(created.updatedAt)));
	});

	it('refuses to change the email and 404s unknown leads', async () => {
		const created = await createLead(seedRequest);
		const emailChange = await api.patch(`/v1/leads/${created._id}`, { email: 'new@acme.com' });
		expect(emailChange.status).toBe(400);
		expect(emailChange.data).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: 'Email cannot be changed after creation' } });

		const missing = await api.patch('/v1/leads/665d4e5f6a7b8c9d0e1f2a3b', { jobTitle: 'x' });
		expect(missing.status).toBe(404);
		expect(missing.data).toEqual(NOT_FOUND);
	});
});

it('answers any other path with the generic 404', async () => {
	for (const [method, url] of [['GET', '/v1/nope'], ['PUT', '/v1/leads'], ['GET', '/']] as const) {
		const response = await api.request({ method, url });
		expect(response.status).toBe(404);
		expect(response.data).toEqual(NOT_FOUND);
	}
});
