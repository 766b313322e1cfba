import { importLeads } from '../../../nodes/SendKit/actions/lead/import.operation';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { withParameters } from '../../helpers/world';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(importLeads.outputs);

const { run, requests, seedLeads, sendKit } = useSendKit();
const workflow = fixture('sendkit/lead/import');
const bulkRequests = () => requests('POST', /^\/v1\/leads\/bulk$/);
const bulkBody = (index: number) => bulkRequests()[index].body as { leads: Array<Record<string, unknown>>; skipDuplicates: boolean; dataCleanup: boolean; tag?: string };

describe('SendKit › Lead › Import (bulk)', () => {
	it('imports 12,000 items in 3 requests of at most 5,000, one outcome per item paired with it', async () => {
		const contacts = Array.from({ length: 12000 }, (_, index) => ({ email: `contact${index}@example.com`, firstName: `C${index}` }));

		const result = await run(workflow, ...contacts);

		expect(result.error).toBeUndefined();
		expect(bulkRequests().map((request) => bulkBody(bulkRequests().indexOf(request)).leads.length)).toEqual([5000, 5000, 2000]);
		expect(bulkBody(0)).toMatchObject({ skipDuplicates: true, dataCleanup: true, tag: 'crm-sync' });
		expect(bulkBody(0).leads[0]).toEqual({ email: 'contact0@example.com', firstName: 'C0' });
		const outputs = result.output('SendKit', 0);
		expect(outputs).toHaveLength(12000);
		expect(outputs.every((item, index) => (item.pairedItem as { item: number }).item === index)).toBe(true);
		expect(outputs.every((item) => item.json.status === 'imported')).toBe(true);
		expect(outputs[11999].json).toEqual({ email: 'contact11999@example.com', status: 'imported', batch: { imported: 2000, updated: 0, skipped: 0, failed: 0 } });
		const stored = sendKit().store.leads(sendKit().workspaceId);
		expect(stored).toHaveLength(12000);
		expect(stored[0].tags).toEqual(['crm-sync']);
	}, 120_000);

	it('a re-run with Skip Duplicates reports every lead as skipped, and says why', async () => {
		seedLeads(2, (index) => ({ email: `again${index}@example.com` }));

		const result = await run(workflow, { email: 'again0@example.com' }, { email: 'again1@example.com' });

		expect(result.output('SendKit', 0).map((item) => [item.json.status, item.json.reason])).toEqual([
			['skipped', 'A lead with this email exists (Skip Duplicates is on)'],
			['skipped', 'A lead with this email exists (Skip Duplicates is on)'],
		]);
		const hints = result.run.data.resultData.runData.SendKit[0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			'2 lead(s) already existed and were left unchanged, because Skip Duplicates is on. Turn it off to update them.',
		]);
	});

	it('with Skip Duplicates off, existing leads are updated with the fields', async () => {
		seedLeads(1, () => ({ email: 'known@example.com', companyName: 'Old' }));

		const result = await run(withParameters(workflow, 'SendKit', { skipDuplicates: false }), { email: 'known@example.com', company: 'New Co' });

		expect(result.output('SendKit', 0)[0].json.status).toBe('updated');
		expect(bulkBody(0).skipDuplicates).toBe(false);
		expect(sendKit().store.findLeadByEmail(sendKit().workspaceId, 'known@example.com')?.companyName).toBe('New Co');
	});

	it('mixed new and existing leads: each says the outcomes it may have had, never one it may not have had, since SendKit only counts them', async () => {
		seedLeads(1, () => ({ email: 'old@example.com' }));

		const result = await run(workflow, { email: 'old@example.com' }, { email: 'new@example.com' });

		const reason = 'SendKit counted 1 imported and 1 skipped in this request without saying which lead had which; this lead had one of those outcomes';
		expect(result.output('SendKit', 0).map((item) => [item.json.status, item.json.reason])).toEqual([
			['importedOrSkipped', reason],
			['importedOrSkipped', reason],
		]);
		expect(result.output('SendKit', 0)[0].json.batch).toEqual({ imported: 1, updated: 0, skipped: 1, failed: 0 });
	});

	it('leads skipped in several requests of one run give one hint, with their total', async () => {
		seedLeads(3, (index) => ({ email: `seen${index}@example.com` }));
		const twoRequests = withParameters(workflow, 'SendKit', { options: { tag: '={{ $json.tag }}' } });

		const result = await run(twoRequests, { email: 'seen0@example.com', tag: 'a' }, { email: 'seen1@example.com', tag: 'b' }, { email: 'seen2@example.com', tag: 'b' });

		expect(bulkRequests()).toHaveLength(2);
		const hints = result.run.data.resultData.runData.SendKit[0].hints ?? [];
		expect(hints.map((hint) => hint.message)).toEqual([
			'3 lead(s) already existed and were left unchanged, because Skip Duplicates is on. Turn it off to update them.',
		]);
	});

	it('a lead SendKit refuses fails alone with SendKit\'s reason; the others of its request say what happened to them', async () => {
		sendKit().control.setFaults({
			queue: [
				{
					path: '^/v1/leads/bulk$',
					respond: {
						status: 200,
						body: {
							success: true,
							data: { imported: 1, updated: 0, skipped: 0, failed: 1, importedLeadIds: ['665d4e5f6a7b8c9d0e1f2a3b'], errors: [{ email: 'blocked@example.com', error: 'Email domain is blocked' }] },
						},
					},
				},
			],
		});

		const result = await run(workflow, { email: 'fine@example.com' }, { email: 'Blocked@Example.com' });

		expect(result.output('SendKit', 0).map((item) => [item.json.email, item.json.status, item.json.reason])).toEqual([
			['fine@example.com', 'imported', undefined],
			['blocked@example.com', 'failed', 'Email domain is blocked'],
		]);
	});

	it('the same email twice in one import is sent once; the second item says so', async () => {
		const result = await run(workflow, { email: 'twice@example.com' }, { email: 'TWICE@example.com' });

		expect(bulkBody(0).leads).toHaveLength(1);
		expect(result.output('SendKit', 0).map((item) => [item.json.status, item.json.reason])).toEqual([
			['imported', undefined],
			['skipped', 'Same email as item 0, which this import sent instead'],
		]);
	});

	it('custom fields travel as keys of the lead, which SendKit stores as custom fields', async () => {
		const withCustom = withParameters(workflow, 'SendKit', {
			additionalFields: { customFields: { field: [{ name: 'crmId', value: '={{ $json.crmId }}' }] } },
		});

		await run(withCustom, { email: 'custom@example.com', crmId: 'hs-42' });

		expect(bulkBody(0).leads[0]).toEqual({ email: 'custom@example.com', crmId: 'hs-42' });
		expect(sendKit().store.findLeadByEmail(sendKit().workspaceId, 'custom@example.com')?.customFields).toEqual({ crmId: 'hs-42' });
	});

	it('an invalid email goes to the Error output, named with its item, and is not sent', async () => {
		const result = await run(workflow, { email: 'not-an-email' }, { email: 'ok@example.com' });

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Email" in item 0: must be a valid email address, like name@example.com', { item: 0 }],
		]);
		expect(bulkBody(0).leads).toEqual([{ email: 'ok@example.com' }]);
	});

	it('a request that fails fails each of its items onto the Error output; nothing is retried after a 5xx', async () => {
		sendKit().control.setFaults({ queue: [{ path: '^/v1/leads/bulk$', status: 500 }] });

		const result = await run(workflow, { email: 'a@example.com' }, { email: 'b@example.com' });

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(bulkRequests()).toHaveLength(1);
	});
});
