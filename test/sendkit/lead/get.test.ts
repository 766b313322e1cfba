import { CREATED, FOUND, NOT_FOUND, ERROR_OUTPUT, getByEmailWorkflow, getByIdWorkflow, useSendKit } from '../../helpers/sendkit';

const { sendKit, requests, forgetRequests, run, create } = useSendKit();

describe('SendKit › Get Lead', () => {
	async function seed(...emails: string[]) {
		const result = await create(...emails.map((email) => ({ email })));
		forgetRequests();
		return result.output('SendKit', CREATED).map((item) => item.json);
	}

	it('by email: a known lead goes to Found, an unknown one to Not Found with the input item unchanged', async () => {
		await seed('known@example.com', 'someone.known@example.com');

		const result = await run(getByEmailWorkflow, { email: 'KNOWN@example.com', row: 1 }, { email: 'nobody@example.com', row: 2 });

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

		const result = await run(getByEmailWorkflow, { email: 'target@example.com' });

		expect(result.output('SendKit', FOUND)[0].json.email).toBe('target@example.com');
		const searches = requests().filter((request) => request.path === '/v1/leads');
		expect(searches).toHaveLength(2);
		expect(searches[1].query.cursor).toEqual(expect.any(String));
	});

	it('by id: Found carries the full lead; an unknown id goes to Not Found', async () => {
		const [lead] = await seed('by-id@example.com');

		const result = await run(getByIdWorkflow, { leadId: lead._id }, { leadId: 'ffffffffffffffffffffffff' });

		expect(result.output('SendKit', FOUND)[0].json).toEqual(lead);
		expect(result.output('SendKit', NOT_FOUND)).toEqual([
			{ json: { leadId: 'ffffffffffffffffffffffff' }, pairedItem: { item: 1 } },
		]);
	});

	it('by id: a malformed id is an input error, and nothing is sent for it', async () => {
		const result = await run(getByIdWorkflow, { leadId: 'abc' });

		expect(result.output('SendKit', ERROR_OUTPUT)[0].json.error).toMatch(/^Invalid "Lead ID" in item 0: must be a SendKit lead ID/);
		expect(requests()).toHaveLength(0);
	});

	it('retries a dropped connection on a read and still answers', async () => {
		await seed('retry@example.com');
		sendKit().control.setFaults({ queue: [{ drop: true }] });

		const result = await run(getByEmailWorkflow, { email: 'retry@example.com' });

		expect(result.output('SendKit', FOUND)).toHaveLength(1);
	});
});
