import { runWorkflow } from '../../dev/engine';
import { loadWorkflow, sendKitCredentials, useWorld } from '../helpers/world';

const world = useWorld();

describe('examples/sendkit-import-to-campaign.json', () => {
	it('runs as shipped: CSV rows are imported in one request, the typo goes to Error, and the contacts join the campaign', async () => {
		const workflow = loadWorkflow('examples/sendkit-import-to-campaign.json');
		const sendKit = world().sandbox.sendKit;

		const result = await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox) });

		expect(result.error).toBeUndefined();
		expect(result.outputNames('Import Contacts')).toEqual(['Success', 'Error']);
		const outcomes = (node: string) => result.output(node, 0).map((item) => [item.json.email, item.json.status]);
		expect(outcomes('Import Contacts')).toEqual([
			['ada@acme.example', 'imported'],
			['grace@navy.example', 'imported'],
			['ada@acme.example', 'skipped'],
			['linus@kernel.example', 'imported'],
		]);
		expect(result.output('Import Contacts', 1).map((item) => item.pairedItem)).toEqual([{ item: 4 }]);
		expect(outcomes('Add to Campaign')).toEqual([
			['ada@acme.example', 'added'],
			['grace@navy.example', 'added'],
			['ada@acme.example', 'skipped'],
			['linus@kernel.example', 'added'],
		]);
		expect(sendKit.control.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1/leads/bulk',
			`GET /v1/campaigns/${sendKit.draftCampaignId}`,
			`POST /v1/campaigns/${sendKit.draftCampaignId}/leads`,
		]);
		const ada = sendKit.store.findLeadByEmail(sendKit.workspaceId, 'ada@acme.example');
		expect(ada).toMatchObject({ firstName: 'Ada', companyName: 'Acme', tags: ['crm-import'], customFields: { crmId: 'crm-1001' } });
		expect(sendKit.store.campaigns.leadsOf(sendKit.draftCampaignId).map((member) => member.status)).toEqual(['pending', 'pending', 'pending']);
	});

	it('run again, as its note says: every valid row is skipped and left unchanged, and skipped by the campaign too', async () => {
		const workflow = loadWorkflow('examples/sendkit-import-to-campaign.json');
		const sendKit = world().sandbox.sendKit;
		const credentials = sendKitCredentials(world().sandbox);
		await runWorkflow(world().engine, workflow, { credentials });

		const again = await runWorkflow(world().engine, workflow, { credentials });

		expect(again.error).toBeUndefined();
		const statuses = (node: string) => again.output(node, 0).map((item) => item.json.status);
		expect(statuses('Import Contacts')).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
		expect(again.output('Import Contacts', 1)).toHaveLength(1);
		expect(statuses('Add to Campaign')).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
		expect(sendKit.store.findLeadByEmail(sendKit.workspaceId, 'ada@acme.example')).toMatchObject({ customFields: { crmId: 'crm-1001' } });
		expect(sendKit.store.campaigns.leadsOf(sendKit.draftCampaignId)).toHaveLength(3);
	});
});
