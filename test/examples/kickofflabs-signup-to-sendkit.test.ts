import type { AxiosInstance } from 'axios';

import { client } from '../sandbox/helpers';
import { useTriggerHost } from '../helpers/triggers';
import { allCredentials, loadWorkflow, useWorld } from '../helpers/world';

const world = useWorld();
const { activate, deactivate } = useTriggerHost(world);
const example = loadWorkflow('examples/kickofflabs-signup-to-sendkit.json');

const sandbox = () => world().sandbox;
const kickoffLabsApi = (): AxiosInstance => client(sandbox().kickoffLabs.url, { Authorization: `Bearer ${sandbox().kickoffLabs.apiKey}` });
const sendKitApi = (): AxiosInstance => client(sandbox().sendKit.url, { 'X-Api-Key': sandbox().sendKit.workspaceKey });

async function signUp(lead: Record<string, string>): Promise<void> {
	expect((await kickoffLabsApi().post(`/v2/${sandbox().kickoffLabs.defaultCampaignId}`, { first_name: 'Ada', ...lead })).status).toBe(200);
}

/** What a user of `npm start` does to start over, as the examples' notes say: over HTTP, like the curl command. */
async function resetSandboxes(): Promise<void> {
	for (const service of [sandbox().kickoffLabs, sandbox().sendKit]) {
		expect((await client(service.url).post('/__sandbox/reset')).status).toBe(200);
	}
}

describe('examples/kickofflabs-signup-to-sendkit.json', () => {
	it('runs as shipped: a new signup creates the SendKit lead; one SendKit already has goes to Existing Lead and is tagged', async () => {
		expect((await sendKitApi().post('/v1/leads', { email: 'returning@example.com', tags: ['vip'] })).status).toBe(201);
		const active = await activate(example, { credentials: allCredentials(sandbox()) });
		expect(sandbox().kickoffLabs.store.webhooks.list()).toHaveLength(1);

		await signUp({ email: 'newcomer@example.com' });
		await signUp({ email: 'returning@example.com' });
		await sandbox().kickoffLabs.store.webhooks.outbox.settled();
		const runs = await active.settledRuns();

		expect(runs).toHaveLength(2);
		expect(runs.map((run) => run.error)).toEqual([undefined, undefined]);
		const [newcomerRun, returningRun] = runs;
		const [created] = newcomerRun.output('Create SendKit Lead', 0);
		expect(created.json).toMatchObject({ email: 'newcomer@example.com', firstName: 'Ada', tags: ['waitlist'] });
		expect(created.json.customFields).toMatchObject({ kickoffLabsSocialId: expect.stringMatching(/^[0-9A-Z]{6}$/) });
		expect(newcomerRun.output('Tag Existing Lead', 1)).toHaveLength(0);
		expect(returningRun.output('Create SendKit Lead', 1).map((item) => item.json.email)).toEqual(['returning@example.com']);
		const [tagged] = returningRun.output('Tag Existing Lead', 1);
		expect(tagged.json).toMatchObject({ email: 'returning@example.com', tags: ['vip', 'waitlist', 'kickofflabs-signup'] });
		expect(sandbox().sendKit.store.allLeads().map((lead) => lead.email).sort()).toEqual(['newcomer@example.com', 'returning@example.com']);

		await deactivate(active);
		expect(sandbox().kickoffLabs.store.webhooks.list()).toHaveLength(0);
	});

	it('keeps working after the sandboxes are reset, as its note says: the next signup creates the lead, and the same signup again starts nothing', async () => {
		const active = await activate(example, { credentials: allCredentials(sandbox()) });
		await resetSandboxes();

		await signUp({ email: 'after-reset@example.com' });
		await signUp({ email: 'after-reset@example.com' });
		await sandbox().kickoffLabs.store.webhooks.outbox.settled();
		const runs = await active.settledRuns();

		expect(runs.map((run) => run.error)).toEqual([undefined]);
		expect(sandbox().sendKit.store.allLeads().map((lead) => lead.email)).toEqual(['after-reset@example.com']);
	});

	it('shows a signup SendKit cannot take as a failed execution, naming the field, instead of listing it as succeeded', async () => {
		const active = await activate(example, { credentials: allCredentials(sandbox()) });

		await signUp({ phone_number: '+1 555 0100' });
		await sandbox().kickoffLabs.store.webhooks.outbox.settled();
		const [run] = await active.settledRuns();

		expect(run.error?.message).toMatch(/"Email" in item 0/);
		expect(sandbox().sendKit.store.allLeads()).toEqual([]);
	});
});
