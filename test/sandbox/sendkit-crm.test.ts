import type { AxiosInstance } from 'axios';

import { startSandbox, type RunningSandbox } from '../../sandbox';
import { client } from './helpers';

let sandbox: RunningSandbox;
let api: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox();
	api = client(sandbox.sendKit.url, { 'X-Api-Key': sandbox.sendKit.workspaceKey });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.sendKit.control.reset());

async function bulk(leads: Array<Record<string, unknown>>, options: Record<string, unknown> = {}) {
	return await api.post('/v1/leads/bulk', { leads, ...options });
}

describe('SendKit sandbox: bulk import', () => {
	it('creates, skips and (skipDuplicates false) updates by email; unknown keys become custom fields; a bad lead fails alone', async () => {
		const first = await bulk([{ email: 'A@Example.com', firstName: 'A!da', crmId: 'x1' }, { email: 'nope' }], { tag: 'sync' });
		const again = await bulk([{ email: 'a@example.com' }]);
		const update = await bulk([{ email: 'a@example.com', jobTitle: 'CTO' }], { skipDuplicates: false });

		expect(first.data.data).toMatchObject({ imported: 1, updated: 0, skipped: 0, failed: 1, errors: [{ email: 'nope', error: 'email must be a valid email' }] });
		expect(first.data.data.importedLeadIds).toHaveLength(1);
		expect(again.data.data).toMatchObject({ imported: 0, skipped: 1 });
		expect(update.data.data).toMatchObject({ updated: 1 });
		const lead = sandbox.sendKit.store.findLeadByEmail(sandbox.sendKit.workspaceId, 'a@example.com');
		expect(lead).toMatchObject({ firstName: 'Ada', jobTitle: 'CTO', tags: ['sync'], customFields: { crmId: 'x1' } });
	});

	it('refuses more than 5,000 leads in one request, storing nothing', async () => {
		const response = await bulk(Array.from({ length: 5001 }, (_, index) => ({ email: `l${index}@example.com` })));

		expect(response.status).toBe(400);
		expect(response.data.error.message).toBe('leads must have at most 5000 entries');
		expect(sandbox.sendKit.store.allLeads()).toHaveLength(0);
	});
});

describe('SendKit sandbox: delete and campaigns', () => {
	it('refuses to delete leads of an active campaign with a 400 naming it, and deletes them with force', async () => {
		const { data } = await bulk([{ email: 'in@example.com' }, { email: 'out@example.com' }]);
		const ids: string[] = data.data.importedLeadIds;
		const added = await api.post(`/v1/campaigns/${sandbox.sendKit.activeCampaignId}/leads`, { leads: [{ leadId: ids[0] }, { email: 'new@example.com' }, { leadId: ids[0] }, {}] });

		const refused = await api.delete('/v1/leads', { data: { leadIds: ids } });
		const forced = await api.delete('/v1/leads', { data: { leadIds: ids, force: true } });

		expect(added.data.data).toEqual({ added: 2, skipped: 1, errors: [{ entry: {}, message: 'Either leadId or email is required' }] });
		expect(refused.status).toBe(400);
		expect(refused.data.error).toMatchObject({
			code: 'LEADS_IN_ACTIVE_CAMPAIGNS',
			campaigns: [{ _id: sandbox.sendKit.activeCampaignId, name: 'Q3 Founders Outreach', leadCount: 1 }],
		});
		expect(forced.data.data).toEqual({ deletedCount: 2 });
		const campaign = await api.get(`/v1/campaigns/${sandbox.sendKit.activeCampaignId}`);
		expect(campaign.data.data.leadCounts).toEqual({ total: 1, active: 1 });
	});

	it('lists campaigns by status and name, in pages', async () => {
		const active = await api.get('/v1/campaigns', { params: { status: 'active' } });
		const named = await api.get('/v1/campaigns', { params: { search: 'WEBINAR', limit: 1 } });
		const paged = await api.get('/v1/campaigns', { params: { page: 2, limit: 3 } });

		expect(active.data.data.map((campaign: { name: string }) => campaign.name)).toEqual(['Q3 Founders Outreach']);
		expect(named.data.pagination).toMatchObject({ total: 1, hasMore: false });
		expect(paged.data.pagination).toEqual({ page: 2, limit: 3, total: 4, pages: 2 });
	});
});

describe('SendKit sandbox: enrichment jobs', () => {
	it('moves a job from pending to processing to completed on the clock, then the lead carries the verdict', async () => {
		const enrichment = sandbox.sendKit.store.enrichment;
		enrichment.timing = { pendingMs: 0, processingMs: 60_000, outcome: 'complete' };
		const { data } = await bulk([{ email: 'cfo@catchall.mimecast.example' }]);
		const leadId: string = data.data.importedLeadIds[0];

		const started = await api.post('/v1/enrichment/enrich', { leadIds: [leadId], enrichmentTypes: ['email', 'segGateway'] });
		const jobId: string = started.data.data.jobs[0].jobId;
		const early = await api.get(`/v1/enrichment/jobs/${jobId}`);
		// The job's clock moves on: the timeline is read at each request, so a shorter one ends the job now.
		enrichment.timing = { pendingMs: 0, processingMs: 0, outcome: 'complete' };
		const done = await api.get(`/v1/enrichment/jobs/${jobId}`);
		const lead = await api.get(`/v1/leads/${leadId}`);

		expect(started.data.data).toMatchObject({ totalLeads: 1, totalCreditsCharged: 1, jobs: [{ type: 'email_verification' }, { type: 'seg_detection' }] });
		expect(early.data.data.status).toBe('processing');
		expect(done.data.data).toMatchObject({ status: 'completed', metadata: { processedItems: 1, successCount: 1 } });
		expect(lead.data.data).toMatchObject({
			emailVerified: true,
			emailVerificationResult: 'risky',
			emailCatchAll: true,
			segProtected: true,
			segProvider: 'mimecast',
		});
	});

	it('cancels a running job only, and answers 400 for leads it does not know', async () => {
		sandbox.sendKit.store.enrichment.timing = { pendingMs: 10_000, processingMs: 10_000, outcome: 'complete' };
		const { data } = await bulk([{ email: 'x@example.com' }]);
		const started = await api.post('/v1/enrichment/enrich', { leadIds: data.data.importedLeadIds, enrichmentTypes: ['email'] });
		const jobId: string = started.data.data.jobs[0].jobId;

		const cancelled = await api.post(`/v1/enrichment/jobs/${jobId}/cancel`);
		const again = await api.post(`/v1/enrichment/jobs/${jobId}/cancel`);
		const unknown = await api.post('/v1/enrichment/enrich', { leadIds: ['aaaaaaaaaaaaaaaaaaaaaaaa'], enrichmentTypes: ['email'] });

		expect(cancelled.data.data.status).toBe('cancelled');
		expect(again.status).toBe(400);
		expect(unknown.status).toBe(400);
	});
});
