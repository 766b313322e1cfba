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

async function signUp(email: string): Promise<void> {
	expect((await kickoffLabsApi().post(`/v2/${sandbox().kickoffLabs.defaultCampaignId}`, { email, first_name: 'Ada' })).status).toBe(200);
}

describe('examples/kickofflabs-signup-to-sendkit.json', () => {
	it('runs as shipped: a new signup creates the SendKit lead; one SendKit already has goes to Existing Lead and is tagged', async () => {
		expect((await sendKitApi().post('/v1/leads', { email: 'returning@example.com', tags: ['vip'] })).status).toBe(201);
		const active = await activate(example, { credentials: allCredentials(sandbox()) });
		expect(sandbox().kickoffLabs.store.webhooks.list()).toHaveLength(1);

		await signUp('newcomer@example.com');
		await signUp('returning@example.com');
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
});
