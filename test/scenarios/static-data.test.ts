/**
 * Static data discipline, for queue mode: n8n keeps a workflow's static data in one database column that a process
 * replaces whole whenever its copy is marked changed (`__dataChanged`). The process that receives a webhook call (a
 * webhook processor) and the worker that runs the execution each hold a snapshot that may be stale, so neither may
 * change it: the webhook triggers write their registration only when activation creates it (on the main process).
 */
import type { AxiosInstance } from 'axios';

import type { ActiveWorkflow } from '../../dev/engine/triggers';
import { client } from '../sandbox/helpers';
import { useTriggerHost } from '../helpers/triggers';
import { allCredentials, loadWorkflow, useWorld } from '../helpers/world';

const world = useWorld();
const { activate } = useTriggerHost(world);

const sandbox = () => world().sandbox;
const kickoffLabsApi = (): AxiosInstance => client(sandbox().kickoffLabs.url, { Authorization: `Bearer ${sandbox().kickoffLabs.apiKey}` });
const sendKitApi = (): AxiosInstance => client(sandbox().sendKit.url, { 'X-Api-Key': sandbox().sendKit.workspaceKey });

/** Activates a workflow and marks its static data saved, as n8n does right after activation. */
async function activateSaved(file: string): Promise<ActiveWorkflow> {
	const active = await activate(loadWorkflow(file), { credentials: allCredentials(sandbox()) });
	active.workflow.staticData.__dataChanged = false;
	return active;
}

/** What n8n looks at after a webhook call and after a run before it writes the column. */
const markedChanged = (active: ActiveWorkflow): unknown => active.workflow.staticData.__dataChanged;

async function signUp(email: string): Promise<void> {
	const response = await kickoffLabsApi().post(`/v2/${sandbox().kickoffLabs.defaultCampaignId}`, { email });
	expect(response.status).toBe(200);
}

describe('Static data: webhook triggers write it only when activation registers their webhook', () => {
	it('KickoffLabs: accepted, forged and ignored calls, and the SendKit operations the delivery runs, leave it unchanged', async () => {
		const active = await activateSaved('examples/kickofflabs-signup-to-sendkit.json');
		const saved = active.staticData();
		expect(Object.keys(saved)).toEqual(['node:New KickoffLabs Signup']);
		const webhooks = sandbox().kickoffLabs.store.webhooks;
		const [hook] = webhooks.list();

		await signUp('ada@example.com');
		for (const kind of ['wrongToken', 'noToken'] as const) {
			expect((await webhooks.forge(hook, kind, { email: 'mallory@example.com' })).status).toBe(401);
		}
		await webhooks.outbox.settled();
		const runs = await active.settledRuns();

		expect(runs).toHaveLength(1);
		expect(runs[0].error).toBeUndefined();
		expect(sandbox().sendKit.store.allLeads().map((lead) => lead.email)).toContain('ada@example.com');
		expect(markedChanged(active)).toBe(false);
		expect(active.staticData()).toEqual(saved);
	});

	it('SendKit: signed, test, forged and ignored deliveries leave it unchanged', async () => {
		const active = await activateSaved('test/sendkit/trigger.workflow.json');
		const saved = active.staticData();
		const webhooks = sandbox().sendKit.store.webhooks;
		const [hook] = webhooks.list();

		await sendKitApi().post(`/v1/webhooks/${hook._id}/test`);
		expect((await webhooks.deliver(hook, 'lead.tag_changed', { lead: { email: 'ada@example.com' } })).status).toBe(200);
		expect((await webhooks.deliver(hook, 'email.sent', {})).status).toBe(200);
		for (const kind of ['unsigned', 'forged', 'tampered'] as const) {
			expect((await webhooks.forge(hook, kind, 'lead.tag_changed', { lead: { email: 'mallory@example.com' } })).status).toBe(401);
		}
		await webhooks.outbox.settled();

		expect(await active.settledRuns()).toHaveLength(2);
		expect(markedChanged(active)).toBe(false);
		expect(active.staticData()).toEqual(saved);
	});

	it('a call reaching a process whose snapshot lacks the registration is refused and writes nothing there', async () => {
		const active = await activateSaved('test/kickofflabs/trigger.workflow.json');
		const webhooks = sandbox().kickoffLabs.store.webhooks;
		const [hook] = webhooks.list();
		delete active.workflow.staticData['node:KickoffLabs Trigger'];
		active.workflow.staticData.__dataChanged = false;

		await signUp('ada@example.com');
		const [delivery] = await webhooks.outbox.settled();

		expect(delivery).toMatchObject({ url: hook.url, status: 401 });
		expect(await active.settledRuns()).toHaveLength(0);
		expect(markedChanged(active)).toBe(false);
	});
});
