import { NODE, FOUND, NOT_FOUND, errorOutput, getWorkflow, useKickoffLabs } from '../../helpers/kickofflabs';
import { withParameters } from '../../helpers/world';
import { KICKOFFLABS_VARIANTS } from '../../../sandbox/kickofflabs/variants';

const { kickoffLabs, requests, run, seed } = useKickoffLabs();

describe('KickoffLabs › Get', () => {
	it('by email: a known lead goes to Found, an unknown one to Not Found with the input item unchanged', async () => {
		await seed({ email: 'known@example.com', firstName: 'Known' });

		const result = await run(getWorkflow, [
			{ email: 'KNOWN@example.com', row: 1 },
			{ email: 'nobody@example.com', row: 2 },
		]);

		expect(result.outputNames(NODE)).toEqual(['Found', 'Not Found', 'Error']);
		const [found] = result.output(NODE, FOUND);
		expect(found).toMatchObject({ json: { email: 'known@example.com', first_name: 'Known', counter: 1 }, pairedItem: { item: 0 } });
		expect(result.output(NODE, NOT_FOUND)).toEqual([{ json: { email: 'nobody@example.com', row: 2 }, pairedItem: { item: 1 } }]);
		expect(requests().map((request) => [request.method, request.query])).toEqual([
			['GET', { api_key: '***', email: 'known@example.com' }],
			['GET', { api_key: '***', email: 'nobody@example.com' }],
		]);
	});

	it('by social ID and by phone number', async () => {
		const [lead] = await seed({ email: 'social@example.com', phone: '+1 (555) 000-1111' });
		const bySocialId = withParameters(getWorkflow, NODE, { getBy: 'socialId', socialId: '={{ $json.kid }}' });
		const byPhone = withParameters(getWorkflow, NODE, { getBy: 'phoneNumber', phoneNumber: '={{ $json.phone }}' });

		const social = await run(bySocialId, [{ kid: lead.social_id }, { kid: 'ZZZZZZ' }]);
		const phone = await run(byPhone, [{ phone: '+15550001111' }]);

		expect(social.output(NODE, FOUND)[0].json.email).toBe('social@example.com');
		expect(social.output(NODE, NOT_FOUND)[0].json).toEqual({ kid: 'ZZZZZZ' });
		expect(phone.output(NODE, FOUND)[0].json.email).toBe('social@example.com');
		expect(requests().map((request) => request.query)).toEqual([
			{ api_key: '***', social_id: lead.social_id },
			{ api_key: '***', social_id: 'ZZZZZZ' },
			{ api_key: '***', phone_number: '+15550001111' },
		]);
	});

	it('retries a read that hit a 502 and still answers', async () => {
		await seed({ email: 'retry@example.com' });
		kickoffLabs().control.setFaults({ queue: [{ status: 502 }, { drop: true }] });

		const result = await run(getWorkflow, [{ email: 'retry@example.com' }]);

		expect(result.output(NODE, FOUND)).toHaveLength(1);
		expect(requests()).toHaveLength(3);
	});
});

describe.each(KICKOFFLABS_VARIANTS.lookupNotFound)('KickoffLabs › Get, when KickoffLabs answers an unknown lead with %s', (answer) => {
	beforeEach(() => kickoffLabs().store.variants.set({ lookupNotFound: answer }));

	it('an unknown lead goes to Not Found with the input item, a known one to Found', async () => {
		await seed({ email: 'here@example.com' });

		const result = await run(getWorkflow, [{ email: 'gone@example.com', row: 1 }, { email: 'here@example.com', row: 2 }]);

		expect(result.output(NODE, NOT_FOUND)).toEqual([{ json: { email: 'gone@example.com', row: 1 }, pairedItem: { item: 0 } }]);
		expect(result.output(NODE, FOUND).map((item) => [item.json.email, item.pairedItem])).toEqual([['here@example.com', { item: 1 }]]);
		expect(errorOutput(result)).toEqual([]);
	});
});

describe('KickoffLabs › Get, a 200 that is neither a lead nor empty', () => {
	it('is an error on the Error output, never Found', async () => {
		kickoffLabs().control.setFaults({ queue: [{ method: 'GET', respond: { status: 200, body: { email: 'half@example.com' } } }] });

		const result = await run(getWorkflow, [{ email: 'half@example.com' }]);

		expect(result.output(NODE, FOUND)).toEqual([]);
		expect(result.output(NODE, NOT_FOUND)).toEqual([]);
		expect(errorOutput(result).map((item) => [item.json.error, item.pairedItem])).toEqual([['KickoffLabs answered in an unexpected format', { item: 0 }]]);
	});
});
