import type { INode } from 'n8n-workflow';

import { invokeAsTool, runWorkflow } from '../../dev/engine';
import { items, loadWorkflow, sendKitCredentials, useWorld, withNodeSettings, withParameters } from '../helpers/world';

const CREATED = 0;
const ALREADY_EXISTS = 1;
const FOUND = 0;
const NOT_FOUND = 1;
const ERROR_OUTPUT = 2;

const createWorkflow = loadWorkflow('test/fixtures/workflows/sendkit-create-lead.json');
const getByEmailWorkflow = loadWorkflow('test/fixtures/workflows/sendkit-get-lead-by-email.json');
const getByIdWorkflow = loadWorkflow('test/fixtures/workflows/sendkit-get-lead-by-id.json');

const world = useWorld();

const requests = () => world().sandbox.sendKit.control.requests;
const credentials = (overrides = {}) => sendKitCredentials(world().sandbox, overrides);

async function create(...inputs: Array<Record<string, unknown>>) {
	return await runWorkflow(world().engine, createWorkflow, { credentials: credentials(), input: items(...inputs) });
}

describe('SendKit › Create Lead', () => {
	it('puts a new lead on Created, with the fields SendKit stored', async () => {
		const result = await create({
			email: 'ada@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			companyName: 'Analytical Engines',
			tags: 'vip, enterprise',
			linkedinUrl: 'https://linkedin.com/in/ada',
			source: 'webinar',
		});

		expect(result.error).toBeUndefined();
		expect(result.output('SendKit', ALREADY_EXISTS)).toHaveLength(0);
		const [created] = result.output('SendKit', CREATED);
		expect(created.json).toMatchObject({
			email: 'ada@example.com',
			firstName: 'Ada',
			lastName: 'Lovelace',
			companyName: 'Analytical Engines',
			linkedinUrl: 'https://linkedin.com/in/ada',
			tags: ['vip', 'enterprise'],
			customFields: { source: 'webinar' },
			emailVerified: false,
		});
		expect(created.json._id).toMatch(/^[a-f0-9]{24}$/);
		expect(created.json).not.toHaveProperty('success');
		expect(created.pairedItem).toEqual({ item: 0 });
		expect(requests()).toHaveLength(1);
		expect(requests()[0]).toMatchObject({ method: 'POST', path: '/v1/leads' });
	});

	it('trims and lowercases the email before sending it', async () => {
		const result = await create({ email: '  Grace.Hopper@Example.COM ' });

		expect(result.output('SendKit', CREATED)[0].json.email).toBe('grace.hopper@example.com');
		expect(requests()[0].body).toMatchObject({ email: 'grace.hopper@example.com' });
	});

	it('sends phone as SendKit expects and shows phoneNumber as SendKit answers', async () => {
		const workflow = withParameters(createWorkflow, 'SendKit', {
			additionalFields: { phone: '+1-555-123-4567', city: 'San Francisco', state: 'CA', country: 'US', jobTitle: 'CTO' },
		});
		const result = await runWorkflow(world().engine, workflow, { credentials: credentials(), input: items({ email: 'p@example.com' }) });

		expect(requests()[0].body).toEqual({
			email: 'p@example.com',
			phone: '+1-555-123-4567',
			city: 'San Francisco',
			state: 'CA',
			country: 'US',
			jobTitle: 'CTO',
		});
		expect(result.output('SendKit', CREATED)[0].json).toMatchObject({ phoneNumber: '+1-555-123-4567', jobTitle: 'CTO' });
	});

	it('puts a duplicate on Already Exists with the existing lead and the API message, without another request', async () => {
		const first = await create({ email: 'dup@example.com', firstName: 'First' });
		const existingId = first.output('SendKit', CREATED)[0].json._id;

		const second = await create({ email: 'DUP@example.com', firstName: 'Second' });

		expect(second.output('SendKit', CREATED)).toHaveLength(0);
		const [duplicate] = second.output('SendKit', ALREADY_EXISTS);
		expect(duplicate.json).toMatchObject({
			_id: existingId,
			email: 'dup@example.com',
			firstName: 'First',
			conflict: { code: 'CONFLICT', message: 'Lead with this email already exists' },
		});
		expect(duplicate.pairedItem).toEqual({ item: 0 });
		expect(requests().map((request) => request.method)).toEqual(['POST', 'POST']);
	});

	it('with Update Existing Lead, patches the duplicate and puts the updated lead on Already Exists', async () => {
		await create({ email: 'upd@example.com', firstName: 'Old', source: 'ads' });
		const workflow = withParameters(createWorkflow, 'SendKit', {
			updateExisting: true,
			additionalFields: {
				jobTitle: 'Head of Growth',
				customFields: { field: [{ name: 'plan', value: 'pro' }] },
			},
		});

		const result = await runWorkflow(world().engine, workflow, {
			credentials: credentials(),
			input: items({ email: 'upd@example.com' }),
		});

		const [updated] = result.output('SendKit', ALREADY_EXISTS);
		expect(updated.json).toMatchObject({
			email: 'upd@example.com',
			firstName: 'Old',
			jobTitle: 'Head of Growth',
			customFields: { source: 'ads', plan: 'pro' },
			conflict: { code: 'CONFLICT' },
		});
		const patch = requests().find((request) => request.method === 'PATCH');
		expect(patch?.path).toBe(`/v1/leads/${String(updated.json._id)}`);
		expect(patch?.body).toEqual({ jobTitle: 'Head of Growth', customFields: { plan: 'pro' } });
	});

	it('routes a mixed batch: new to Created, duplicate to Already Exists, invalid to the Error output, each once', async () => {
		await create({ email: 'taken@example.com' });
		requests().length = 0;

		const result = await create(
			{ email: 'fresh@example.com' },
			{ email: 'taken@example.com' },
			{ email: 'not-an-email' },
			{ email: 'also-fresh@example.com', linkedinUrl: 'linkedin.com/in/no-scheme' },
		);

		expect(result.error).toBeUndefined();
		expect(result.outputCount('SendKit')).toBe(3);
		expect(result.output('SendKit', CREATED).map((item) => [item.json.email, item.pairedItem])).toEqual([
			['fresh@example.com', { item: 0 }],
		]);
		expect(result.output('SendKit', ALREADY_EXISTS).map((item) => [item.json.email, item.pairedItem])).toEqual([
			['taken@example.com', { item: 1 }],
		]);
		const errors = result.output('SendKit', ERROR_OUTPUT);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 3 }]);
		expect(errors[0].json.error).toBe('Invalid "Email" in item 2: must be a valid email address, like name@example.com');
		expect(errors[1].json.error).toBe('Invalid "LinkedIn URL" in item 3: must be a full URL, like https://example.com/page');
		// Invalid items never reach the API.
		expect(requests()).toHaveLength(2);
	});

	it('without an error output, an invalid item stops the node with an error naming the field and the item', async () => {
		const workflow = withNodeSettings(createWorkflow, 'SendKit', { onError: 'stopWorkflow' });

		const result = await runWorkflow(world().engine, workflow, {
			credentials: credentials(),
			input: items({ email: 'ok@example.com' }, { email: '' }),
		});

		expect(result.error?.message).toBe('Invalid "Email" in item 1: is required');
		expect(result.error?.name).toBe('NodeOperationError');
	});

	it('reports a wrong API key as a clear authorization error, with the key nowhere in the run', async () => {
		const wrongKey = `sk_${'0'.repeat(48)}`;
		const workflow = withNodeSettings(createWorkflow, 'SendKit', { onError: 'stopWorkflow' });

		const result = await runWorkflow(world().engine, workflow, {
			credentials: credentials({ apiKey: wrongKey }),
			input: items({ email: 'ada@example.com' }),
		});

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toBe('SendKit: Invalid or missing API key');
		expect(JSON.stringify(result.run)).not.toContain(wrongKey);
	});

	it('works with a platform key and its workspace id, sending X-Workspace-Id', async () => {
		const { platformKey, workspaceId } = world().sandbox.sendKit;
		const result = await runWorkflow(world().engine, createWorkflow, {
			credentials: credentials({ apiKey: platformKey, workspaceId }),
			input: items({ email: 'platform@example.com' }),
		});

		expect(result.output('SendKit', CREATED)[0].json).toMatchObject({ email: 'platform@example.com', workspaceId });
		expect(requests()[0].headers['x-workspace-id']).toBe(workspaceId);
	});

	it('stops a platform key without workspace id with a clear error, before any request', async () => {
		const result = await runWorkflow(world().engine, createWorkflow, {
			credentials: credentials({ apiKey: world().sandbox.sendKit.platformKey, workspaceId: '' }),
			input: items({ email: 'a@example.com' }, { email: 'b@example.com' }),
		});

		const errors = result.output('SendKit', ERROR_OUTPUT);
		expect(errors).toHaveLength(2);
		expect(errors[0].json.error).toBe(
			'The SendKit credential uses a platform API key (sk_user_...), which needs a Workspace ID',
		);
		expect(requests()).toHaveLength(0);
	});

	it('never shows the API key in output items, errors or request logs', async () => {
		const { workspaceKey } = world().sandbox.sendKit;
		const result = await create({ email: 'k1@example.com' }, { email: 'k1@example.com' }, { email: 'bad' });

		expect(result.output('SendKit', CREATED)).toHaveLength(1);
		expect(JSON.stringify(result.run)).not.toContain(workspaceKey);
		expect(JSON.stringify(requests())).not.toContain(workspaceKey);
	});

	it('retries a 429 after its Retry-After and then creates the lead', async () => {
		world().sandbox.sendKit.control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 0 }] });

		const result = await create({ email: 'limited@example.com' });

		expect(result.output('SendKit', CREATED)).toHaveLength(1);
		expect(requests().filter((request) => request.method === 'POST')).toHaveLength(2);
	});

	it('after a 5xx, looks the lead up before sending the create again, and sends it again only when it is not there', async () => {
		world().sandbox.sendKit.control.setFaults({ queue: [{ status: 503 }] });

		const result = await create({ email: 'flaky@example.com' });

		expect(result.output('SendKit', ERROR_OUTPUT)).toHaveLength(0);
		expect(result.output('SendKit', CREATED).map((item) => [item.json.email, item.pairedItem])).toEqual([['flaky@example.com', { item: 0 }]]);
		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/leads', 'GET /v1/leads', 'POST /v1/leads']);
	});
});

describe('SendKit › Get Lead', () => {
	async function seed(...emails: string[]) {
		const result = await create(...emails.map((email) => ({ email })));
		requests().length = 0;
		return result.output('SendKit', CREATED).map((item) => item.json);
	}

	it('by email: a known lead goes to Found, an unknown one to Not Found with the input item unchanged', async () => {
		await seed('known@example.com', 'someone.known@example.com');

		const result = await runWorkflow(world().engine, getByEmailWorkflow, {
			credentials: credentials(),
			input: items({ email: 'KNOWN@example.com', row: 1 }, { email: 'nobody@example.com', row: 2 }),
		});

		expect(result.output('SendKit', FOUND).map((item) => [item.json.email, item.pairedItem])).toEqual([
			['known@example.com', { item: 0 }],
		]);
		expect(result.output('SendKit', NOT_FOUND)).toEqual([
			{ json: { email: 'nobody@example.com', row: 2 }, pairedItem: { item: 1 } },
		]);
	});

	it('by email: follows the pages of a search until the exact email turns up', async () => {
		const lookalikes = Array.from({ length: 120 }, (_, index) => `x${index}.target@example.com`);
		await seed(...lookalikes, 'target@example.com');

		const result = await runWorkflow(world().engine, getByEmailWorkflow, {
			credentials: credentials(),
			input: items({ email: 'target@example.com' }),
		});

		expect(result.output('SendKit', FOUND)[0].json.email).toBe('target@example.com');
		const searches = requests().filter((request) => request.path === '/v1/leads');
		expect(searches).toHaveLength(2);
		expect(searches[1].query.cursor).toEqual(expect.any(String));
	});

	it('by id: Found carries the full lead; an unknown id goes to Not Found', async () => {
		const [lead] = await seed('by-id@example.com');

		const result = await runWorkflow(world().engine, getByIdWorkflow, {
			credentials: credentials(),
			input: items({ leadId: lead._id }, { leadId: 'ffffffffffffffffffffffff' }),
		});

		expect(result.output('SendKit', FOUND)[0].json).toEqual(lead);
		expect(result.output('SendKit', NOT_FOUND)).toEqual([
			{ json: { leadId: 'ffffffffffffffffffffffff' }, pairedItem: { item: 1 } },
		]);
	});

	it('by id: a malformed id is an input error, and nothing is sent for it', async () => {
		const result = await runWorkflow(world().engine, getByIdWorkflow, {
			credentials: credentials(),
			input: items({ leadId: 'abc' }),
		});

		expect(result.output('SendKit', ERROR_OUTPUT)[0].json.error).toMatch(/^Invalid "Lead ID" in item 0: must be a SendKit lead ID/);
		expect(requests()).toHaveLength(0);
	});

	it('retries a dropped connection on a read and still answers', async () => {
		await seed('retry@example.com');
		world().sandbox.sendKit.control.setFaults({ queue: [{ drop: true }] });

		const result = await runWorkflow(world().engine, getByEmailWorkflow, {
			credentials: credentials(),
			input: items({ email: 'retry@example.com' }),
		});

		expect(result.output('SendKit', FOUND)).toHaveLength(1);
	});
});

describe('SendKit › as an AI Agent tool', () => {
	const toolNode = (): INode => ({ ...createWorkflow.nodes[1], parameters: { ...createWorkflow.nodes[1].parameters } });

	it('reports every outcome on output 0 with an outcome field', async () => {
		const created = JSON.parse(await invokeAsTool(world().engine, toolNode(), { email: 'agent@example.com' }, credentials()));
		const duplicate = JSON.parse(await invokeAsTool(world().engine, toolNode(), { email: 'agent@example.com' }, credentials()));

		expect(created).toEqual([expect.objectContaining({ outcome: 'created', email: 'agent@example.com' })]);
		expect(duplicate).toEqual([
			expect.objectContaining({ outcome: 'alreadyExists', email: 'agent@example.com', conflict: expect.any(Object) }),
		]);
	});
});

describe('SendKit › unreachable service', () => {
	it('names the service and the failure, keeps the network code, and shows no key', async () => {
		const result = await runWorkflow(world().engine, createWorkflow, {
			credentials: credentials({ baseUrl: 'http://127.0.0.1:9' }),
			input: items({ email: 'offline@example.com' }),
		});

		const [failed] = result.output('SendKit', ERROR_OUTPUT);
		expect(failed.json.error).toBe('SendKit: the service could not be reached (the connection was refused)');
		expect(failed.error).toMatchObject({ httpCode: 'ECONNREFUSED' });
		expect(JSON.stringify(result.run)).not.toContain(world().sandbox.sendKit.workspaceKey);
	});
});
