import { verifyEmail } from '../../../nodes/SendKit/actions/lead/verifyEmail.operation';
import { withNodeSettings, withParameters } from '../../helpers/world';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(verifyEmail.outputs);
const NOT_FOUND = Object.keys(verifyEmail.outputs).indexOf('notFound');

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

	it('in node version 1, a lead SendKit does not have is reported as leadNotFound on the one output, the others are verified', async () => {
		const [lead] = seedLeads(1);
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 100, outcome: 'complete' };
		// A version 1 workflow, saved before Verify By existed.
		const savedParameters = { ...withParameters(workflow, 'SendKit', { options: { detectSeg: false } }).nodes[1].parameters };
		delete savedParameters.verifyBy;
		const versionOne = withNodeSettings(workflow, 'SendKit', { typeVersion: 1, parameters: savedParameters });

		const result = await run(versionOne, { _id: lead._id }, { _id: 'dddddddddddddddddddddddd' });

		expect(result.output('SendKit', 0).map((item) => [item.json._id, (item.json.verification as { status: string }).status])).toEqual([
			[lead._id, 'completed'],
			['dddddddddddddddddddddddd', 'leadNotFound'],
		]);
	});

	it('a lead ID SendKit does not have goes to Not Found with the input item unchanged; the others are verified', async () => {
		const [lead] = seedLeads(1);
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 100, outcome: 'complete' };

		const result = await run(withParameters(workflow, 'SendKit', { options: { detectSeg: false } }), { _id: lead._id }, { _id: 'dddddddddddddddddddddddd', note: 'kept' });

		expect(result.output('SendKit', 0).map((item) => [item.json._id, (item.json.verification as { status: string }).status, item.pairedItem])).toEqual([
			[lead._id, 'completed', { item: 0 }],
		]);
		expect(result.output('SendKit', NOT_FOUND).map((item) => [item.json, item.pairedItem])).toEqual([
			[{ _id: 'dddddddddddddddddddddddd', note: 'kept' }, { item: 1 }],
		]);
	});

	it('verifies by email: finds each lead by its exact email, verifies those found in one job, and sends an unknown email to Not Found', async () => {
		const leads = seedLeads(2, (index) => ({ email: ['ada@example.com', 'bounce@example.com'][index] }));
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 100, outcome: 'complete' };
		const byEmail = withParameters(workflow, 'SendKit', { verifyBy: 'email', email: '={{ $json.address }}', options: { detectSeg: false } });

		const result = await run(byEmail, { address: 'Ada@Example.com' }, { address: 'nobody@example.com' }, { address: 'bounce@example.com' });

		expect(result.output('SendKit', 0).map((item) => [item.json.email, (item.json.verification as { emailStatus: string }).emailStatus, item.pairedItem])).toEqual([
			['ada@example.com', 'deliverable', { item: 0 }],
			['bounce@example.com', 'undeliverable', { item: 2 }],
		]);
		expect(result.output('SendKit', NOT_FOUND).map((item) => [item.json, item.pairedItem])).toEqual([[{ address: 'nobody@example.com' }, { item: 1 }]]);
		expect(requests('POST', /^\/v1\/enrichment\/enrich$/).map((request) => request.body)).toEqual([
			{ leadIds: leads.map((lead) => lead._id), enrichmentTypes: ['email'] },
		]);
	});

	it('by email, when no lead is found, starts no job (no credit spent) and every item goes to Not Found', async () => {
		const byEmail = withParameters(workflow, 'SendKit', { verifyBy: 'email', email: '={{ $json.address }}' });

		const result = await run(byEmail, { address: 'nobody@example.com' }, { address: 'noone@example.com' });

		expect(result.output('SendKit', 0)).toEqual([]);
		expect(result.output('SendKit', NOT_FOUND).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(requests('POST', /^\/v1\/enrichment\/enrich$/)).toHaveLength(0);
	});

	it('by email, an invalid email fails its item before any request', async () => {
		const [lead] = seedLeads(1, () => ({ email: 'ada@example.com' }));
		const byEmail = withParameters(workflow, 'SendKit', { verifyBy: 'email', email: '={{ $json.address }}', options: { returnJob: true } });

		const result = await run(byEmail, { address: 'not-an-email' }, { address: 'ada@example.com' });

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Email" in item 0: must be a valid email address, like name@example.com', { item: 0 }],
		]);
		expect(result.output('SendKit', 0).map((item) => item.json._id)).toEqual([lead._id]);
	});
});
