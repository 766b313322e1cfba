import { CREATED, EXISTING_LEAD, ERROR_OUTPUT, createWorkflow, useSendKit } from '../../helpers/sendkit';
import { withNodeSettings, withParameters } from '../../helpers/world';
import { SENDKIT_VARIANTS } from '../../../sandbox/sendkit/variants';

const { sendKit, requests, forgetRequests, run, create } = useSendKit();

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
		expect(result.output('SendKit', EXISTING_LEAD)).toHaveLength(0);
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
		const result = await run(workflow, { email: 'p@example.com' });

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

	it('puts a duplicate on Existing Lead with the existing lead and the API message, without another request', async () => {
		const first = await create({ email: 'dup@example.com', firstName: 'First' });
		const existingId = first.output('SendKit', CREATED)[0].json._id;

		const second = await create({ email: 'DUP@example.com', firstName: 'Second' });

		expect(second.output('SendKit', CREATED)).toHaveLength(0);
		const [duplicate] = second.output('SendKit', EXISTING_LEAD);
		expect(duplicate.json).toMatchObject({
			_id: existingId,
			email: 'dup@example.com',
			firstName: 'First',
			conflict: { code: 'CONFLICT', message: 'Lead with this email already exists' },
		});
		expect(duplicate.pairedItem).toEqual({ item: 0 });
		expect(requests().map((request) => request.method)).toEqual(['POST', 'POST']);
	});

	it('with Return Full Existing Lead, fetches the whole existing lead (one GET per duplicate) for Existing Lead', async () => {
		const first = await create({ email: 'full@example.com', firstName: 'Full', companyName: 'Acme', linkedinUrl: 'https://linkedin.com/in/full' });
		const existingId = String(first.output('SendKit', CREATED)[0].json._id);
		const workflow = withParameters(createWorkflow, 'SendKit', { options: { fetchExisting: true } });

		const second = await run(workflow, { email: 'full@example.com' });

		const [duplicate] = second.output('SendKit', EXISTING_LEAD);
		// The 409 carries only _id, email and names: companyName and linkedinUrl come from the extra GET.
		expect(duplicate.json).toMatchObject({
			_id: existingId,
			companyName: 'Acme',
			linkedinUrl: 'https://linkedin.com/in/full',
			conflict: { code: 'CONFLICT' },
		});
		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1/leads',
			'POST /v1/leads',
			`GET /v1/leads/${existingId}`,
		]);
	});

	it('with Update Existing Lead, patches the duplicate and puts the updated lead on Existing Lead', async () => {
		await create({ email: 'upd@example.com', firstName: 'Old', source: 'ads' });
		const workflow = withParameters(createWorkflow, 'SendKit', {
			updateExisting: true,
			additionalFields: {
				jobTitle: 'Head of Growth',
				customFields: { field: [{ name: 'plan', value: 'pro' }] },
			},
		});

		const result = await run(workflow, { email: 'upd@example.com' });

		const [updated] = result.output('SendKit', EXISTING_LEAD);
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

	it('with Update Existing Lead, adds Tags to the existing lead\'s own by default, reading the lead for them first', async () => {
		await create({ email: 'rita@example.com', tags: 'customer' });
		forgetRequests();
		const workflow = withParameters(createWorkflow, 'SendKit', { updateExisting: true, additionalFields: { tags: 'waitlist, customer' } });

		const result = await run(workflow, { email: 'rita@example.com' });

		const [existing] = result.output('SendKit', EXISTING_LEAD);
		expect(existing.json.tags).toEqual(['customer', 'waitlist']);
		expect(requests().map((request) => request.method)).toEqual(['POST', 'GET', 'PATCH']);
	});

	it('with Update Existing Lead and Tags Mode Replace All, the existing lead\'s tags become exactly the given ones', async () => {
		await create({ email: 'rita@example.com', tags: 'customer' });
		const workflow = withParameters(createWorkflow, 'SendKit', { updateExisting: true, tagsMode: 'replace', additionalFields: { tags: 'waitlist' } });

		const result = await run(workflow, { email: 'rita@example.com' });

		expect(result.output('SendKit', EXISTING_LEAD).map((item) => item.json.tags)).toEqual([['waitlist']]);
	});

	it('routes a mixed batch: new to Created, duplicate to Existing Lead, invalid to the Error output, each once', async () => {
		await create({ email: 'taken@example.com' });
		forgetRequests();

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
		expect(result.output('SendKit', EXISTING_LEAD).map((item) => [item.json.email, item.pairedItem])).toEqual([
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

		const result = await run(workflow, { email: 'ok@example.com' }, { email: '' });

		expect(result.error?.message).toBe('Invalid "Email" in item 1: is required');
		expect(result.error?.name).toBe('NodeOperationError');
	});


	it('never shows the API key in output items, errors or request logs', async () => {
		const { workspaceKey } = sendKit();
		const result = await create({ email: 'k1@example.com' }, { email: 'k1@example.com' }, { email: 'bad' });

		expect(result.output('SendKit', CREATED)).toHaveLength(1);
		expect(JSON.stringify(result.run)).not.toContain(workspaceKey);
		expect(JSON.stringify(requests())).not.toContain(workspaceKey);
	});

	it('retries a 429 after its Retry-After and then creates the lead', async () => {
		sendKit().control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 0 }] });

		const result = await create({ email: 'limited@example.com' });

		expect(result.output('SendKit', CREATED)).toHaveLength(1);
		expect(requests().filter((request) => request.method === 'POST')).toHaveLength(2);
	});

	it('after a 5xx, looks the lead up before sending the create again, and sends it again only when it is not there', async () => {
		sendKit().control.setFaults({ queue: [{ status: 503 }] });

		const result = await create({ email: 'flaky@example.com' });

		expect(result.output('SendKit', ERROR_OUTPUT)).toHaveLength(0);
		expect(result.output('SendKit', CREATED).map((item) => [item.json.email, item.pairedItem])).toEqual([['flaky@example.com', { item: 0 }]]);
		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/leads', 'GET /v1/leads', 'POST /v1/leads']);
	});
});

describe.each(SENDKIT_VARIANTS.conflict)('SendKit › Create Lead, a 409 in the %s shape', (shape) => {
	const carriesLead = !shape.endsWith('WithoutLead');
	const conflictCode = shape.startsWith('generic') ? '409' : 'CONFLICT';
	beforeEach(() => sendKit().store.variants.set({ conflict: shape }));

	async function existingLead(email: string): Promise<string> {
		const first = await create({ email, firstName: 'First', companyName: 'Acme' });
		forgetRequests();
		return String(first.output('SendKit', CREATED)[0].json._id);
	}

	it('puts the duplicate on Existing Lead with its id, SendKit\'s message and code, looking it up only when the 409 lacks it', async () => {
		const existingId = await existingLead('shape@example.com');

		const result = await create({ email: 'shape@example.com' });

		expect(result.output('SendKit', ERROR_OUTPUT)).toHaveLength(0);
		const [duplicate, ...more] = result.output('SendKit', EXISTING_LEAD);
		expect(more).toHaveLength(0);
		expect(duplicate.json).toMatchObject({
			_id: existingId,
			email: 'shape@example.com',
			firstName: 'First',
			conflict: { code: conflictCode, message: 'Lead with this email already exists' },
		});
		const lookups = requests('GET', /^\/v1\/leads$/);
		expect(lookups).toHaveLength(carriesLead ? 0 : 1);
	});

	it('with Update Existing Lead, patches the existing lead and puts the updated lead on Existing Lead', async () => {
		const existingId = await existingLead('shape-update@example.com');
		const workflow = withParameters(createWorkflow, 'SendKit', { updateExisting: true, additionalFields: { jobTitle: 'CTO' } });

		const result = await run(workflow, { email: 'shape-update@example.com' });

		expect(result.output('SendKit', EXISTING_LEAD).map((item) => item.json)).toMatchObject([{ _id: existingId, jobTitle: 'CTO', conflict: { code: conflictCode } }]);
		expect(requests('PATCH').map((request) => request.path)).toEqual([`/v1/leads/${existingId}`]);
	});

	it('with Return Full Existing Lead, carries the whole existing lead', async () => {
		const existingId = await existingLead('shape-full@example.com');
		const workflow = withParameters(createWorkflow, 'SendKit', { options: { fetchExisting: true } });

		const result = await run(workflow, { email: 'shape-full@example.com' });

		expect(result.output('SendKit', EXISTING_LEAD).map((item) => item.json)).toMatchObject([{ _id: existingId, companyName: 'Acme' }]);
		expect(requests('GET', /^\/v1\/leads\//).map((request) => request.path)).toEqual([`/v1/leads/${existingId}`]);
	});
});
