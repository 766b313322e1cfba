/** The output schemas of SendKit's CRM-sync operations against real outputs (see output-schemas.test.ts). */
import type { WorkflowJson } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import { everyLeadField, createWorkflow as sendKitCreate, getByIdWorkflow as sendKitGetById } from '../helpers/sendkit';
import { expectMatchingItems, outputNamed } from '../helpers/output-schemas';
import { items, loadWorkflow, sendKitCredentials, useWorld, withParameters } from '../helpers/world';

const SENDKIT = 'SendKit';

const world = useWorld();

const sendKitFixture = (resource: string, operation: string) => loadWorkflow(`test/sendkit/${resource}/${operation}.workflow.json`);

async function runSendKit(workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>) {
	return await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox), input: items(...inputs) });
}

describe('SendKit output schemas: the CRM-sync operations', () => {
	const sendKit = () => world().sandbox.sendKit;
	const everyField = everyLeadField;

	/** Leads created through the node, every field set on the first; returns their ids. */
	async function seed(...emails: string[]): Promise<string[]> {
		const [first, ...rest] = emails;
		const full = await runSendKit(withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }), { email: first });
		const plain = rest.length > 0 ? await runSendKit(sendKitCreate, ...rest.map((email) => ({ email }))) : undefined;
		return [...outputNamed(full, SENDKIT, 'Created'), ...(plain ? outputNamed(plain, SENDKIT, 'Created') : [])].map((item) => String(item.json._id));
	}

	/** Verifies the leads, so that they carry every enrichment field. */
	async function verify(...ids: string[]) {
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'complete' };
		return await runSendKit(sendKitFixture('lead', 'verifyEmail'), ...ids.map((_id) => ({ _id })));
	}

	it('lead/getAll: plain and verified leads from the list match the getAll schema', async () => {
		const ids = await seed('full@example.com', 'plain@example.com', 'cfo@catchall.proofpoint.example');
		await verify(ids[0], ids[2]);

		const result = await runSendKit(sendKitFixture('lead', 'getAll'), {});

		const leads = outputNamed(result, SENDKIT, 'Success');
		expect(leads).toHaveLength(3);
		expect(leads[2].json).toMatchObject({ emailVerificationResult: 'risky', segProtected: true });
		expectMatchingItems(SENDKIT, 'lead', 'getAll', leads);
	});

	it('lead/update, lead/get: an updated lead, plain and verified, matches the update and get schemas', async () => {
		const ids = await seed('full@example.com', 'plain@example.com');
		await verify(ids[0]);

		const result = await runSendKit(sendKitFixture('lead', 'update'), { leadId: ids[0], jobTitle: 'CEO', stage: 'won' }, { leadId: ids[1], tags: 'x' });
		const byId = await runSendKit(sendKitGetById, { leadId: ids[0] });

		const updated = outputNamed(result, SENDKIT, 'Updated');
		expect(updated).toHaveLength(2);
		expectMatchingItems(SENDKIT, 'lead', 'update', updated);
		expectMatchingItems(SENDKIT, 'lead', 'get', outputNamed(byId, SENDKIT, 'Found'));
	});

	it('lead/delete: confirmed and unconfirmed deletions match the delete schema', async () => {
		const ids = await seed('a@example.com', 'b@example.com');

		const all = await runSendKit(sendKitFixture('lead', 'delete'), { leadId: ids[0] });
		const some = await runSendKit(sendKitFixture('lead', 'delete'), { leadId: ids[1] }, { leadId: ids[0] });

		const deleted = [...outputNamed(all, SENDKIT, 'Success'), ...outputNamed(some, SENDKIT, 'Success')];
		expect(deleted.map((item) => item.json.deleted)).toEqual([true, null, null]);
		expectMatchingItems(SENDKIT, 'lead', 'delete', deleted);
	});

	it('lead/import: imported, skipped, duplicate-in-input, mixed and failed outcomes match the import schema', async () => {
		const first = await runSendKit(sendKitFixture('lead', 'import'), { email: 'one@example.com', firstName: 'One' }, { email: 'one@example.com' });
		const again = await runSendKit(sendKitFixture('lead', 'import'), { email: 'one@example.com' });
		const mixed = await runSendKit(sendKitFixture('lead', 'import'), { email: 'one@example.com' }, { email: 'two@example.com' });
		sendKit().control.setFaults({
			queue: [{ path: '^/v1/leads/bulk$', respond: { status: 200, body: { success: true, data: { imported: 0, updated: 0, skipped: 0, failed: 1, importedLeadIds: [], errors: [{ email: 'bad@example.com', error: 'Blocked' }] } } } }],
		});
		const failed = await runSendKit(sendKitFixture('lead', 'import'), { email: 'bad@example.com' });

		const outcomes = [first, again, mixed, failed].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(outcomes.map((item) => item.json.status)).toEqual(['imported', 'skipped', 'skipped', 'succeeded', 'succeeded', 'failed']);
		expectMatchingItems(SENDKIT, 'lead', 'import', outcomes);
	});

	it('lead/verifyEmail: verified, unknown, failed, timed-out, not-found and returned-at-once items match the verifyEmail schema', async () => {
		const ids = await seed('full@example.com', 'unknown.x@example.com');
		const verified = await verify(...ids, 'dddddddddddddddddddddddd');
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'fail' };
		const failed = await runSendKit(sendKitFixture('lead', 'verifyEmail'), { _id: ids[1] });
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 60_000, outcome: 'complete' };
		const timedOut = await runSendKit(withParameters(sendKitFixture('lead', 'verifyEmail'), SENDKIT, { options: { maxWaitSeconds: 1 } }), { _id: ids[1] });

		const atOnce = await runSendKit(withParameters(sendKitFixture('lead', 'verifyEmail'), SENDKIT, { options: { returnJob: true } }), { _id: ids[0] });

		const results = [verified, failed, timedOut, atOnce].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(results.map((item) => (item.json.verification as { status: string }).status)).toEqual([
			'completed',
			'completed',
			'leadNotFound',
			'failed',
			'timedOut',
			'started',
		]);
		expectMatchingItems(SENDKIT, 'lead', 'verifyEmail', results);
	});

	it('campaign/getAll, campaign/get, campaign/addLeads: campaigns and add outcomes match their schemas', async () => {
		const [leadId] = await seed('member@example.com');
		const campaignId = sendKit().activeCampaignId;
		const addLeads = sendKitFixture('campaign', 'addLeads');

		const added = await runSendKit(addLeads, { campaignId, email: 'new@example.com', firstName: 'New' }, { campaignId, email: 'new@example.com' });
		const byId = await runSendKit(withParameters(addLeads, SENDKIT, { addBy: 'leadId', leadId: '={{ $json.leadId }}' }), { campaignId, leadId }, { campaignId, leadId: 'ffffffffffffffffffffffff' });
		const list = await runSendKit(sendKitFixture('campaign', 'getAll'), {});
		const one = await runSendKit(sendKitFixture('campaign', 'get'), { campaignId });

		const outcomes = [...outputNamed(added, SENDKIT, 'Success'), ...outputNamed(byId, SENDKIT, 'Success')];
		expect(outcomes.map((item) => item.json.status)).toEqual(['added', 'skipped', 'added', 'failed']);
		expectMatchingItems(SENDKIT, 'campaign', 'addLeads', outcomes);
		expectMatchingItems(SENDKIT, 'campaign', 'getAll', outputNamed(list, SENDKIT, 'Success'));
		const [campaign] = outputNamed(one, SENDKIT, 'Success');
		expect(campaign.json.leadCounts).toEqual({ total: 2, active: 2 });
		expectMatchingItems(SENDKIT, 'campaign', 'get', [campaign]);
	});
});
