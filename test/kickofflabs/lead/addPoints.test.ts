import { NODE, FOUND, getWorkflow, addPointsWorkflow, errorOutput, useKickoffLabs } from '../../helpers/kickofflabs';

const { requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Add Points', () => {
	it('adds and subtracts points; out-of-range or zero points are refused before any request', async () => {
		await seed({ email: 'scorer@example.com' });

		const result = await run(addPointsWorkflow, [
			{ email: 'scorer@example.com', points: 50, reason: 'Webinar' },
			{ email: 'scorer@example.com', points: '-20' },
			{ email: 'scorer@example.com', points: 100000 },
			{ email: 'scorer@example.com', points: 2.5 },
			{ email: 'scorer@example.com', points: 0 },
		]);

		expect(result.outputCount(NODE)).toBe(2);
		expect(result.output(NODE, 0)).toEqual([
			{ json: { email: 'scorer@example.com', points: 50, success: true, message: 'Custom Points added' }, pairedItem: { item: 0 } },
			{ json: { email: 'scorer@example.com', points: -20, success: true, message: 'Custom Points added' }, pairedItem: { item: 1 } },
		]);
		expect(errorOutput(result).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Points" in item 2: must be at most 99999', { item: 2 }],
			['Invalid "Points" in item 3: must be a whole number', { item: 3 }],
			['Invalid "Points" in item 4: must not be 0', { item: 4 }],
		]);
		expect(requests().map((request) => [request.path, request.body])).toEqual([
			[`/v2/${defaultCampaign()}/points`, { email: 'scorer@example.com', points: 50, message: 'Webinar' }],
			[`/v2/${defaultCampaign()}/points`, { email: 'scorer@example.com', points: -20 }],
		]);
		const lookup = await run(getWorkflow, [{ email: 'scorer@example.com' }]);
		expect(lookup.output(NODE, FOUND)[0].json.contest_score).toBe(30);
	});

	it('reports points for an unknown lead as a clear error', async () => {
		const result = await run(addPointsWorkflow, [{ email: 'ghost@example.com', points: 5 }]);

		const [failed] = errorOutput(result);
		expect(failed.json).toEqual({ error: 'KickoffLabs: No leads found' });
		expect(failed.error).toMatchObject({
			httpCode: '404',
			description: 'Not found: check the campaign and the lead or action it names (HTTP 404)',
		});
	});
});
