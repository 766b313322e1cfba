/**
 * The queue-mode cases, in the order they run on one setup (./run): every node and trigger of the package where
 * queue mode puts it. Each pushes its failures (none: passed) and its counts, which the run prints.
 */
import type { RunningQueue } from '../../../dev/real-n8n/queue';
import { sleep } from '../../../dev/real-n8n/util';
import { finished, nodeOutputs, processesThatRan, waitForExecutions } from './observe';
import { syncWorkflows, type SyncWorkflow } from './workflows';

export interface QueueCaseContext {
	queue: RunningQueue;
	failures: string[];
	counts: Record<string, number | string>;
}

export interface QueueCase {
	title: string;
	run(context: QueueCaseContext): Promise<void>;
}

const SYNC_LEADS = 5000;
const BATCH = 500;
/** Leads that exist before the sync: they must come out on Existing Lead. */
const EXISTING = 1000;
const SYNC_TIMEOUT_MS = 480_000;
const EXECUTION_TIMEOUT_MS = 60_000;
/** n8n polls once a minute at best, plus its own scheduling slack. */
const POLL_TIMEOUT_MS = 130_000;
const QUIET_MS = 2000;

const check = (failures: string[], ok: boolean, message: string): void => {
	if (!ok) failures.push(message);
};

const workflowId = (queue: RunningQueue, file: string): string => {
	const workflow = queue.workflows.find((candidate) => candidate.file.endsWith(file));
	if (!workflow) throw new Error(`${file} was not imported`);
	return workflow.id;
};

async function api(url: string, method: string, route: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
	const response = await fetch(`${url}${route}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
	if (response.status >= 300) throw new Error(`${method} ${url}${route} answered ${response.status}`);
	return await response.json();
}

const sendKitApi = (queue: RunningQueue, method: string, route: string, body?: unknown) =>
	api(queue.sandbox.sendKit.url, method, route, { 'x-api-key': queue.sandbox.sendKit.workspaceKey }, body);
const kickoffLabsSignup = (queue: RunningQueue, email: string) =>
	api(queue.sandbox.kickoffLabs.url, 'POST', `/v2/${queue.sandbox.kickoffLabs.defaultCampaignId}`, { authorization: `Bearer ${queue.sandbox.kickoffLabs.apiKey}` }, { email, first_name: 'Queue' });

/** Every execution ran on a worker, each on exactly one; returns how many each worker ran. */
function checkRanOnWorkers(context: QueueCaseContext, executionIds: string[], what: string): Record<string, number> {
	const perWorker: Record<string, number> = {};
	for (const id of executionIds) {
		const ran = processesThatRan(context.queue, id);
		check(context.failures, ran.length === 1 && ran[0].startsWith('worker-'), `${what}: execution ${id} ran on ${ran.join(', ') || 'no worker'}`);
		for (const name of ran) perWorker[name] = (perWorker[name] ?? 0) + 1;
	}
	return perWorker;
}

/** n8n 2.41 (de)activates through an outbox: the REST call returns a moment before the webhooks change. */
async function waitUntil(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + EXECUTION_TIMEOUT_MS;
	while (!condition() && Date.now() < deadline) await sleep(200);
}

const registrationsAt = (queue: RunningQueue): number =>
	[...queue.sandbox.sendKit.control.requests, ...queue.sandbox.kickoffLabs.control.requests].filter(
		(request) => request.method === 'POST' && (request.path === '/v1/webhooks' || request.path.endsWith('/outbound-webhook')),
	).length;

/**
 * Waits until a finished execution of the workflow, not among `before`, got an item from its trigger that `matches`;
 * then, after a quiet moment (a second registration would deliver twice at once), returns how many did. Other
 * executions do not count: after a restart the poller's lead reaches KickoffLabs, whose signup the example passes on
 * to SendKit, whose tag change the SendKit Trigger receives, each in its own time.
 */
async function deliveriesAfter(
	queue: RunningQueue,
	workflowId: string,
	triggerNode: string,
	before: Set<string>,
	matches: (item: Record<string, unknown>) => boolean,
	timeoutMs = EXECUTION_TIMEOUT_MS,
): Promise<{ count: number; failed: number }> {
	const matched = new Map<string, boolean>();
	const count = async () => {
		const executions = (await queue.rest.executions(workflowId)).filter((execution) => finished(execution) && !before.has(execution.id));
		for (const execution of executions) {
			if (!matched.has(execution.id)) matched.set(execution.id, ((await nodeOutputs(queue, execution.id, triggerNode))[0] ?? []).some(matches));
		}
		const delivered = executions.filter((execution) => matched.get(execution.id) === true);
		return { count: delivered.length, failed: delivered.filter((execution) => execution.status !== 'success').length };
	};
	const deadline = Date.now() + timeoutMs;
	while ((await count()).count === 0 && Date.now() < deadline) await sleep(500);
	await sleep(QUIET_MS);
	return await count();
}

const executionIds = async (queue: RunningQueue, workflowId: string): Promise<Set<string>> =>
	new Set((await queue.rest.executions(workflowId)).map((execution) => execution.id));

async function runSync(context: QueueCaseContext, sync: SyncWorkflow, label: string): Promise<void> {
	const { queue, failures, counts } = context;
	const service = queue.sandbox[sync.service];
	const slug = label.toLowerCase().replace(/[^a-z]+/g, '-');
	const emails = Array.from({ length: SYNC_LEADS }, (_, index) => `${slug}-${index}@sync.example.com`);
	const existing = new Set(emails.slice(0, EXISTING));
	// The active KickoffLabs Trigger example would get a delivery for every signup of the sync: paused meanwhile.
	const example = workflowId(queue, 'kickofflabs-signup-to-sendkit.json');
	const exampleHooks = () => queue.sandbox.kickoffLabs.store.webhooks.list().length;
	if (sync.service === 'kickoffLabs') {
		await queue.rest.deactivate(example);
		await waitUntil(() => exampleHooks() === 0);
	}
	for (const email of existing) {
		if (sync.service === 'sendKit') await sendKitApi(queue, 'POST', '/v1/leads', { email });
		else await kickoffLabsSignup(queue, email);
	}
	await queue.rest.activate(sync.workflow.id);
	// n8n 2.41 activates through an outbox: an empty batch is posted until the webhook processor knows the path.
	const post = (batch: string[]) =>
		fetch(`${queue.webhookUrl}/webhook/${sync.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ leads: batch.map((email) => ({ email })) }),
		});
	const probeDeadline = Date.now() + EXECUTION_TIMEOUT_MS;
	while ((await post([])).status !== 200 && Date.now() < probeDeadline) await sleep(500);
	service.control.setFaults({ rateLimit: { perSecond: 100, maxInFlight: 8 } });
	const started = Date.now();
	const batches: string[][] = [];
	for (let index = 0; index < emails.length; index += BATCH) batches.push(emails.slice(index, index + BATCH));
	await Promise.all(
		batches.map(async (batch) => {
			const response = await post(batch);
			check(failures, response.status === 200, `${label}: the webhook processor answered a batch with ${response.status}`);
		}),
	);
	// The probe's execution (no leads) counts among them.
	const executions = await waitForExecutions(queue, sync.workflow.id, batches.length + 1, SYNC_TIMEOUT_MS);
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const stats = service.control.stats;
	service.control.setFaults({});
	await queue.rest.deactivate(sync.workflow.id);
	if (sync.service === 'kickoffLabs') {
		await queue.rest.activate(example);
		await waitUntil(() => exampleHooks() === 1);
	}
	check(failures, executions.length === batches.length + 1 && executions.every((execution) => execution.status === 'success'), `${label}: ${batches.length} batches gave executions ${executions.map((execution) => execution.status).join(', ')}`);

	const seen = new Map<string, string>();
	const branchNames = ['created', 'existing'];
	for (const execution of executions.filter(finished)) {
		const outputs = await nodeOutputs(queue, execution.id, sync.createNode);
		outputs.slice(0, 2).forEach((items, output) => {
			for (const item of items) {
				const email = String(item.email ?? '').toLowerCase();
				check(failures, !seen.has(email), `${label}: ${email} came out twice`);
				seen.set(email, branchNames[output]);
			}
		});
		check(failures, outputs.slice(2).every((items) => items.length === 0), `${label}: execution ${execution.id} put items on an error output`);
	}
	const wrong = emails.filter((email) => seen.get(email) !== (existing.has(email) ? 'existing' : 'created'));
	check(failures, wrong.length === 0, `${label}: ${wrong.length} lead(s) missing or on the wrong branch, e.g. ${wrong.slice(0, 3).join(', ')}`);
	const perWorker = checkRanOnWorkers(context, executions.map((execution) => execution.id), label);
	check(failures, Object.keys(perWorker).length >= 2, `${label}: only ${Object.keys(perWorker).join(', ')} ran the batches`);
	counts[`${label}: leads out (created + existing)`] = `${[...seen.values()].filter((branch) => branch === 'created').length} + ${[...seen.values()].filter((branch) => branch === 'existing').length}`;
	counts[`${label}: executions per worker`] = JSON.stringify(perWorker);
	counts[`${label}: 429s answered by the sandbox / requests let through`] = `${stats.rateLimited} / ${stats.accepted}`;
	counts[`${label}: seconds from the first batch to the last execution`] = seconds;
}

export const queueCases: QueueCase[] = [
	{
		title: 'KickoffLabs Trigger (example): registered with the webhook processor\'s URL, a signup runs on a worker and creates the SendKit lead, forged calls start nothing',
		async run(context) {
			const { queue, failures, counts } = context;
			const id = workflowId(queue, 'kickofflabs-signup-to-sendkit.json');
			const webhooks = queue.sandbox.kickoffLabs.store.webhooks;
			await waitUntil(() => webhooks.list().length > 0);
			const [hook] = webhooks.list();
			check(failures, hook?.url.startsWith(`${queue.webhookUrl}/webhook/`) === true, `registered URL is not the webhook processor's: ${hook?.url.replace(/token=\w+/, 'token=…')}`);
			if (!hook) return;
			await kickoffLabsSignup(queue, 'queue-newcomer@example.com');
			await webhooks.outbox.settled();
			for (const kind of ['wrongToken', 'noToken'] as const) {
				const delivery = await webhooks.forge(hook, kind, { email: 'mallory@example.com' });
				check(failures, delivery.status === 401, `a ${kind} call was answered ${delivery.status ?? delivery.error}`);
			}
			await sleep(QUIET_MS);
			const executions = await waitForExecutions(queue, id, 1, EXECUTION_TIMEOUT_MS);
			check(failures, executions.length === 1 && executions[0].status === 'success', `executions: ${executions.map((execution) => execution.status).join(', ') || 'none'}`);
			checkRanOnWorkers(context, executions.map((execution) => execution.id), 'KickoffLabs Trigger');
			const leads = queue.sandbox.sendKit.store.allLeads().filter((lead) => lead.email === 'queue-newcomer@example.com');
			check(failures, leads.length === 1, `SendKit leads for the signup: ${leads.length}`);
			check(failures, !queue.sandbox.sendKit.store.allLeads().some((lead) => lead.email === 'mallory@example.com'), 'a forged call created a lead');
			counts['KickoffLabs Trigger: executions (1 signup, 2 forged calls)'] = executions.length;
		},
	},
	{
		title: 'SendKit Trigger: a test delivery and a tag change reach the webhook processor and run on workers, unsigned/forged/tampered ones start nothing',
		async run(context) {
			const { queue, failures, counts } = context;
			const id = workflowId(queue, 'sendkit-trigger.json');
			const webhooks = queue.sandbox.sendKit.store.webhooks;
			await queue.rest.activate(id);
			await waitUntil(() => webhooks.list().length > 0);
			const [hook] = webhooks.list();
			check(failures, hook?.url.startsWith(`${queue.webhookUrl}/webhook/`) === true, `registered URL is not the webhook processor's: ${hook?.url}`);
			if (!hook) return;
			await sendKitApi(queue, 'POST', `/v1/webhooks/${hook._id}/test`);
			const lead = (await sendKitApi(queue, 'POST', '/v1/leads', { email: 'queue-tagged@example.com' })) as { data: { _id: string } };
			await sendKitApi(queue, 'PATCH', `/v1/leads/${lead.data._id}`, { tags: ['hot'] });
			await webhooks.outbox.settled();
			for (const kind of ['unsigned', 'forged', 'tampered'] as const) {
				const delivery = await webhooks.forge(hook, kind, 'lead.tag_changed', { lead: { email: 'mallory@example.com' } });
				check(failures, delivery.status === 401, `a ${kind} delivery was answered ${delivery.status ?? delivery.error}`);
			}
			await sleep(QUIET_MS);
			const executions = await waitForExecutions(queue, id, 2, EXECUTION_TIMEOUT_MS);
			check(failures, executions.length === 2 && executions.every((execution) => execution.status === 'success'), `executions: ${executions.map((execution) => execution.status).join(', ') || 'none'}`);
			checkRanOnWorkers(context, executions.map((execution) => execution.id), 'SendKit Trigger');
			counts['SendKit Trigger: executions (test + tag change, 3 forged)'] = executions.length;
		},
	},
	{
		title: `SendKit sync: ${SYNC_LEADS} leads in batches of ${BATCH} through the webhook processor, with the sandbox's rate limit on: each lead once, on Created or Existing Lead`,
		run: (context) => runSync(context, syncWorkflows[0], 'SendKit sync'),
	},
	{
		title: `KickoffLabs sync: ${SYNC_LEADS} leads in batches of ${BATCH}, rate limit on: each lead once, on New Signup or Existing Lead`,
		run: (context) => runSync(context, syncWorkflows[1], 'KickoffLabs sync'),
	},
	{
		title: 'SendKit New Lead Trigger polls on the main; a new lead starts one execution on a worker. After a restart of the main: no second webhook registration, the triggers still work, no lead emitted twice',
		async run(context) {
			const { queue, failures, counts } = context;
			const pollId = workflowId(queue, 'sendkit-new-lead.json');
			const kickoffLabsId = workflowId(queue, 'kickofflabs-signup-to-sendkit.json');
			const sendKitId = workflowId(queue, 'sendkit-trigger.json');
			await queue.rest.activate(pollId);
			await sleep(QUIET_MS);
			await sendKitApi(queue, 'POST', '/v1/leads', { email: 'queue-polled-1@example.com' });
			let executions = await waitForExecutions(queue, pollId, 1, POLL_TIMEOUT_MS);
			check(failures, executions.length === 1 && executions[0].status === 'success', `after a new lead: executions ${executions.map((execution) => execution.status).join(', ') || 'none'}`);
			checkRanOnWorkers(context, executions.map((execution) => execution.id), 'New Lead Trigger');

			const registrations = registrationsAt(queue);
			const kickoffLabsBefore = await executionIds(queue, kickoffLabsId);
			const sendKitBefore = await executionIds(queue, sendKitId);
			const pollBefore = await executionIds(queue, pollId);
			const restartStarted = Date.now();
			await queue.restartMain();
			counts['main restart: seconds until its REST API answered'] = ((Date.now() - restartStarted) / 1000).toFixed(1);
			await sleep(QUIET_MS * 3);
			check(failures, registrationsAt(queue) === registrations, `the restarted main registered webhooks again: ${registrationsAt(queue) - registrations} more`);

			await kickoffLabsSignup(queue, 'queue-after-restart@example.com');
			const [sendKitHook] = queue.sandbox.sendKit.store.webhooks.list();
			if (sendKitHook) await sendKitApi(queue, 'POST', `/v1/webhooks/${sendKitHook._id}/test`);
			await sendKitApi(queue, 'POST', '/v1/leads', { email: 'queue-polled-2@example.com' });
			const signup = await deliveriesAfter(queue, kickoffLabsId, 'New KickoffLabs Signup', kickoffLabsBefore, (item) => item.email === 'queue-after-restart@example.com');
			check(failures, signup.count === 1 && signup.failed === 0, `KickoffLabs Trigger after the restart: ${signup.count} execution(s) for the signup, ${signup.failed} not successful`);
			const test = await deliveriesAfter(queue, sendKitId, 'SendKit Trigger', sendKitBefore, (item) => item.event === 'test');
			check(failures, test.count === 1 && test.failed === 0, `SendKit Trigger after the restart: ${test.count} execution(s) for the test delivery, ${test.failed} not successful`);
			const polled = await deliveriesAfter(queue, pollId, 'New SendKit Lead', pollBefore, (item) => item.email === 'queue-polled-2@example.com', POLL_TIMEOUT_MS);
			check(failures, polled.count === 1 && polled.failed === 0, `New Lead Trigger after the restart: ${polled.count} execution(s) for the new lead, ${polled.failed} not successful`);
			// The signup's lead, created in SendKit by the example, is new to the poller too: each lead once, whichever poll.
			executions = (await queue.rest.executions(pollId)).filter(finished);
			const emitted = (await Promise.all(executions.map(async (execution) => (await nodeOutputs(queue, execution.id, 'New SendKit Lead'))[0] ?? []))).flat().map((item) => String(item.email));
			const twice = emitted.filter((email, index) => emitted.indexOf(email) !== index);
			check(failures, twice.length === 0, `the poller emitted ${twice.join(', ')} more than once`);
			checkRanOnWorkers(context, executions.map((execution) => execution.id), 'New Lead Trigger');
			const signedUp = queue.sandbox.kickoffLabs.store.allLeads().map((lead) => String(lead.email)).filter((email) => email.startsWith('queue-polled-'));
			check(failures, signedUp.sort().join() === 'queue-polled-1@example.com,queue-polled-2@example.com', `leads the poller passed on: ${signedUp.join(', ')}`);
			counts['New Lead Trigger: executions / leads emitted (2 new leads and the signup\'s, one before the restart)'] = `${executions.length} / ${emitted.length}`;
			counts['webhook registrations at the sandbox by the restarted main'] = registrationsAt(queue) - registrations;
			counts['executions after the restart for the signup / for the SendKit test delivery'] = `${signup.count} / ${test.count}`;
		},
	},
];
