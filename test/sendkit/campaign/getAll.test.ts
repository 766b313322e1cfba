import { withParameters } from '../../helpers/world';
import { fixture } from '../../helpers/fixtures';
import { useSendKit } from '../../helpers/sendkit';

const { run, requests, sendKit } = useSendKit();
const workflow = fixture('sendkit/campaign/getAll');
const names = (result: Awaited<ReturnType<typeof run>>) => result.output('SendKit', 0).map((item) => item.json.name);

describe('SendKit › Campaign › Get Many', () => {
	it('returns every campaign with its status and lead count', async () => {
		const result = await run(workflow, {});

		expect(result.error).toBeUndefined();
		expect(result.output('SendKit', 0).map((item) => [item.json.name, item.json.status, item.pairedItem])).toEqual([
			['Q3 Founders Outreach', 'active', { item: 0 }],
			['Spring Webinar Follow-up', 'draft', { item: 0 }],
			['Partner Introductions', 'paused', { item: 0 }],
			['2024 Newsletter Winback', 'completed', { item: 0 }],
		]);
		expect(result.output('SendKit', 0)[0].json.stats).toMatchObject({ totalLeads: 0 });
	});

	it('filters by status and name, and walks several pages including a sparse one', async () => {
		for (let index = 0; index < 150; index++) sendKit().store.campaigns.create(`Batch ${index}`, index % 2 === 0 ? 'paused' : 'draft');
		for (let index = 0; index < 120; index++) sendKit().store.campaigns.create(`Other ${index}`, 'paused');
		sendKit().store.listing = { filterAfterScan: true };

		const result = await run(withParameters(workflow, 'SendKit', { filters: { status: 'paused', search: 'batch' } }), {});

		expect(names(result)).toHaveLength(75);
		const pages = requests('GET', /^\/v1\/campaigns$/);
		expect(pages.length).toBeGreaterThanOrEqual(3);
		expect(pages[0].query).toMatchObject({ status: 'paused', search: 'batch', limit: '100' });
	});

	it('stops at Limit', async () => {
		const result = await run(withParameters(workflow, 'SendKit', { returnAll: false, limit: 2 }), {});

		expect(names(result)).toEqual(['Q3 Founders Outreach', 'Spring Webinar Follow-up']);
		expect(requests('GET', /^\/v1\/campaigns$/)[0].query.limit).toBe('2');
	});
});
