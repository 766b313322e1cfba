/** The output schemas of SendKit's CRM-sync operations against real outputs (see output-schemas.test.ts). */
import { everyLeadField, useSendKit, createWorkflow as sendKitCreate, getByIdWorkflow as sendKitGetById } from '../helpers/sendkit';
import { fixture } from '../helpers/fixtures';
import { expectMatchingItems, outputNamed } from '../helpers/output-schemas';
import { withNodeSettings, withParameters } from '../helpers/world';

const SENDKIT = 'SendKit';

const { run, sendKit } = useSendKit();

describe('SendKit output schemas: the CRM-sync operations', () => {
	const everyField = everyLeadField;

	/** Leads created through the node, every field set on the first; returns their ids. */
	async function seed(...emails: string[]): Promise<string[]> {
		const [first, ...rest] = emails;
		const full = await run(withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }), { email: first });
		const plain = rest.length > 0 ? await run(sendKitCreate, ...rest.map((email) => ({ email }))) : undefined;
		return [...outputNamed(full, SENDKIT, 'Created'), ...(plain ? outputNamed(plain, SENDKIT, 'Created') : [])].map((item) => String(item.json._id));
	}

	/** Verifies the leads, so that they carry every enrichment field. */
	async function verify(...ids: string[]) {
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'complete' };
		return await run(fixture('sendkit/lead/verifyEmail'), ...ids.map((_id) => ({ _id })));
	}

	it('lead/getAll: plain and verified leads from the list match the getAll schema', async () => {
		const ids = await seed('full@example.com', 'plain@example.com', 'cfo@catchall.proofpoint.example');
		await verify(ids[0], ids[2]);

		const result = await run(fixture('sendkit/lead/getAll'), {});

		const leads = outputNamed(result, SENDKIT, 'Success');
		expect(leads).toHaveLength(3);
		expect(leads[2].json).toMatchObject({ emailVerificationResult: 'risky', segProtected: true });
		expectMatchingItems(SENDKIT, 'lead', 'getAll', leads);
	});

	it('lead/update, lead/get: an updated lead, plain and verified, matches the update and get schemas', async () => {
		const ids = await seed('full@example.com', 'plain@example.com');
		await verify(ids[0]);

		const result = await run(fixture('sendkit/lead/update'), { leadId: ids[0], jobTitle: 'CEO', stage: 'won' }, { leadId: ids[1], tags: 'x' });
		const byId = await run(sendKitGetById, { leadId: ids[0] });

		const updated = outputNamed(result, SENDKIT, 'Updated');
		expect(updated).toHaveLength(2);
		expectMatchingItems(SENDKIT, 'lead', 'update', updated);
		expectMatchingItems(SENDKIT, 'lead', 'get', outputNamed(byId, SENDKIT, 'Found'));
	});

	it('lead/delete: confirmed and unconfirmed deletions match the delete schema', async () => {
		const ids = await seed('a@example.com', 'b@example.com');

		const all = await run(fixture('sendkit/lead/delete'), { leadId: ids[0] });
		const some = await run(fixture('sendkit/lead/delete'), { leadId: ids[1] }, { leadId: ids[0] });

		const deleted = [...outputNamed(all, SENDKIT, 'Success'), ...outputNamed(some, SENDKIT, 'Success')];
		expect(deleted.map((item) => item.json.deleted)).toEqual([true, null, null]);
		expectMatchingItems(SENDKIT, 'lead', 'delete', deleted);
	});

	it('lead/delete in version 1.1: deleted, not deleted and unknown items match that version\'s delete schema', async () => {
		const ids = await seed('a@example.com', 'b@example.com');
		const delete1_1 = withNodeSettings(fixture('sendkit/lead/delete'), SENDKIT, { typeVersion: 1.1 });

		const all = await run(delete1_1, { leadId: ids[0] });
		const none = await run(delete1_1, { leadId: ids[0] });
		const some = await run(delete1_1, { leadId: ids[1] }, { leadId: 'dddddddddddddddddddddddd' });

		const deleted = [all, none, some].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(deleted.map((item) => item.json.deleted)).toEqual([true, false, 'unknown', 'unknown']);
		expectMatchingItems(SENDKIT, 'lead', 'delete', deleted, 1.1);
	});

	it('lead/import: imported, skipped, duplicate-in-input, mixed and failed outcomes match the import schema', async () => {
		const first = await run(fixture('sendkit/lead/import'), { email: 'one@example.com', firstName: 'One' }, { email: 'one@example.com' });
		const again = await run(fixture('sendkit/lead/import'), { email: 'one@example.com' });
		const mixed = await run(fixture('sendkit/lead/import'), { email: 'one@example.com' }, { email: 'two@example.com' });
		sendKit().control.setFaults({
			queue: [{ path: '^/v1/leads/bulk$', respond: { status: 200, body: { success: true, data: { imported: 0, updated: 0, skipped: 0, failed: 1, importedLeadIds: [], errors: [{ email: 'bad@example.com', error: 'Blocked' }] } } } }],
		});
		const failed = await run(fixture('sendkit/lead/import'), { email: 'bad@example.com' });

		const outcomes = [first, again, mixed, failed].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(outcomes.map((item) => item.json.status)).toEqual(['imported', 'skipped', 'skipped', 'importedOrSkipped', 'importedOrSkipped', 'failed']);
		expectMatchingItems(SENDKIT, 'lead', 'import', outcomes);
	});

	it('lead/verifyEmail: verified, unknown, failed, timed-out, not-found and returned-at-once items match the verifyEmail schema', async () => {
		const ids = await seed('full@example.com', 'unknown.x@example.com');
		const verified = await verify(...ids, 'dddddddddddddddddddddddd');
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'fail' };
		const failed = await run(fixture('sendkit/lead/verifyEmail'), { _id: ids[1] });
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 60_000, outcome: 'complete' };
		const timedOut = await run(withParameters(fixture('sendkit/lead/verifyEmail'), SENDKIT, { options: { maxWaitSeconds: 1 } }), { _id: ids[1] });

		const atOnce = await run(withParameters(fixture('sendkit/lead/verifyEmail'), SENDKIT, { options: { returnJob: true } }), { _id: ids[0] });

		const results = [verified, failed, timedOut, atOnce].flatMap((result) => outputNamed(result, SENDKIT, 'Success'));
		expect(results.map((item) => (item.json.verification as { status: string }).status)).toEqual([
			'completed',
			'completed',
			'failed',
			'timedOut',
			'started',
		]);
		expect(outputNamed(verified, SENDKIT, 'Not Found').map((item) => item.json)).toEqual([{ _id: 'dddddddddddddddddddddddd' }]);
		expectMatchingItems(SENDKIT, 'lead', 'verifyEmail', results, 1.1);
	});

	it('lead/verifyEmail in version 1: a verified and a leadNotFound item match that version\'s verifyEmail schema', async () => {
		const [id] = await seed('full@example.com');
		sendKit().store.enrichment.timing = { pendingMs: 0, processingMs: 50, outcome: 'complete' };
		const versionOne = withNodeSettings(fixture('sendkit/lead/verifyEmail'), SENDKIT, { typeVersion: 1 });

		const result = await run(versionOne, { _id: id }, { _id: 'dddddddddddddddddddddddd' });

		const items = outputNamed(result, SENDKIT, 'Success');
		expect(items.map((item) => (item.json.verification as { status: string }).status)).toEqual(['completed', 'leadNotFound']);
		expectMatchingItems(SENDKIT, 'lead', 'verifyEmail', items);
	});

	it('campaign/getAll, campaign/get, campaign/addLeads: campaigns and add outcomes match their schemas', async () => {
		const [leadId] = await seed('member@example.com');
		const campaignId = sendKit().activeCampaignId;
		const addLeads = fixture('sendkit/campaign/addLeads');

		const added = await run(addLeads, { campaignId, email: 'new@example.com', firstName: 'New' }, { campaignId, email: 'new@example.com' });
		const byId = await run(withParameters(addLeads, SENDKIT, { addBy: 'leadId', leadId: '={{ $json.leadId }}' }), { campaignId, leadId }, { campaignId, leadId: 'ffffffffffffffffffffffff' });
		const list = await run(fixture('sendkit/campaign/getAll'), {});
		const one = await run(fixture('sendkit/campaign/get'), { campaignId });

		const outcomes = [...outputNamed(added, SENDKIT, 'Success'), ...outputNamed(byId, SENDKIT, 'Success')];
		expect(outcomes.map((item) => item.json.status)).toEqual(['added', 'skipped', 'added', 'failed']);
		expectMatchingItems(SENDKIT, 'campaign', 'addLeads', outcomes);
		expectMatchingItems(SENDKIT, 'campaign', 'getAll', outputNamed(list, SENDKIT, 'Success'));
		const [campaign] = outputNamed(one, SENDKIT, 'Success');
		expect(campaign.json.leadCounts).toEqual({ total: 2, active: 2 });
		expectMatchingItems(SENDKIT, 'campaign', 'get', [campaign]);
	});
});
