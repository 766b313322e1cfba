import { verifyEmail } from '../../../nodes/SendKit/actions/lead/verifyEmail.operation';
import { withParameters } from '../../helpers/world';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(verifyEmail.outputs);

const { run, requests, seedLeads, sendKit } = useSendKit();
const workflow = fixture('sendkit/lead/verifyEmail');

describe('SendKit › Lead › Verify Email', () => {
	it('starts one job for all items, waits for a slow job, and returns each lead with its verdict', async () => {
		const leads = seedLeads(4, (index) => ({
			email: ['ada@example.com', 'unknown.bob@example.com', 'bounce@example.com', 'cfo@catchall.proofpoint.example'][index],
		}));
		sendKit().store.enrichment.timing = { pendingMs: 300, processingMs: 1200, outcome: 'complete' };

		const result = await run(workflow, ...leads.map((lead) => ({ _id: lead._id })));

		expect(result.error).toBeUndefined();
		const verdicts = result.output('SendKit', 0).map((item) => [item.json.email, item.json.verification, item.pairedItem]);
		const jobs = expect.arrayContaining([expect.objectContaining({ type: 'email_verification', status: 'completed' })]);
		expect(verdicts).toEqual([
			['ada@example.com', { status: 'completed', emailStatus: 'deliverable', score: 97, catchAll: false, segProtected: false, segProvider: null, jobs }, { item: 0 }],
			['unknown.bob@example.com', expect.objectContaining({ status: 'completed', emailStatus: 'unknown', score: 0 }), { item: 1 }],
			['bounce@example.com', expect.objectContaining({ emailStatus: 'undeliverable' }), { item: 2 }],
			[
				'cfo@catchall.proofpoint.example',
				expect.objectContaining({ emailStatus: 'risky', catchAll: true, segProtected: true, segProvider: 'Proofpoint' }),
				{ item: 3 },
			],
		]);
		const [enrich] = requests('POST', /^\/v1\/enrichment\/enrich$/);
		expect(enrich.body).toEqual({ leadIds: leads.map((lead) => lead._id), enrichmentTypes: ['email', 'segGateway'] });
		// The job was seen unfinished at least once before it completed: the node waited for it.
		expect(requests('GET', /^\/v1\/enrichment\/jobs\//).length).toBeGreaterThan(2);
		expect(result.output('SendKit', 0)[0].json).toMatchObject({ emailVerified: true, emailVerificationResult: 'deliverable' });
	});

	it('a failed job is an outcome on each item, not an error', async () => {
		const [lead] = seedLeads(1);
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 100, outcome: 'fail' };

		const result = await run(withParameters(workflow, 'SendKit', { options: { detectSeg: false } }), { _id: lead._id });

		expect(result.output('SendKit', ERROR_OUTPUT)).toEqual([]);
		expect(result.output('SendKit', 0)[0].json.verification).toMatchObject({ status: 'failed', emailStatus: null });
	});

	it('a job still running after Max Wait comes back as timedOut, with the job to look up later', async () => {
		const [lead] = seedLeads(1);
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 60_000, outcome: 'complete' };

		const result = await run(withParameters(workflow, 'SendKit', { options: { maxWaitSeconds: 1, detectSeg: false } }), { _id: lead._id });

		expect(result.output('SendKit', 0)[0].json.verification).toMatchObject({
			status: 'timedOut',
			jobs: [expect.objectContaining({ type: 'email_verification', status: 'processing' })],
		});
		expect((result.run.data.resultData.runData.SendKit[0].hints ?? []).map((hint) => hint.message)).toEqual([
			'The verification job was still running after 1 s: its items carry the jobs to check later. Raise Max Wait to wait longer.',
		]);
	});

	it('with Return Job Without Waiting, answers at once with the started job', async () => {
		const leads = seedLeads(2);

		const result = await run(withParameters(workflow, 'SendKit', { options: { returnJob: true } }), ...leads.map((lead) => ({ _id: lead._id })));

		const items = result.output('SendKit', 0).map((item) => item.json);
		expect(items.map((item) => item._id)).toEqual(leads.map((lead) => lead._id));
		expect(items[0].verification).toEqual({
			status: 'started',
			emailStatus: null,
			score: null,
			catchAll: null,
			segProtected: null,
			segProvider: null,
			jobs: [expect.objectContaining({ type: 'email_verification', status: 'pending' }), expect.objectContaining({ type: 'seg_detection' })],
		});
		expect(requests('GET', /^\/v1\/enrichment\/jobs\//)).toHaveLength(0);
	});

	it('a lead SendKit does not have is reported as leadNotFound, the others are verified', async () => {
		const [lead] = seedLeads(1);
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 100, outcome: 'complete' };

		const result = await run(withParameters(workflow, 'SendKit', { options: { detectSeg: false } }), { _id: lead._id }, { _id: 'dddddddddddddddddddddddd' });

		expect(result.output('SendKit', 0).map((item) => [item.json._id, (item.json.verification as { status: string }).status])).toEqual([
			[lead._id, 'completed'],
			['dddddddddddddddddddddddd', 'leadNotFound'],
		]);
	});
});
