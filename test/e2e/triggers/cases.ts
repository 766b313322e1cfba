/**
 * The trigger workflows in a running `n8n start`: each case activates its workflow through n8n's REST API (as the
 * editor's Publish does), makes things happen in the sandbox, and checks what n8n executed and what reached the
 * sandbox. Each returns its failures (none: passed).
 */
import type { RunningSandbox } from '../../../sandbox';
import type { ExecutionSummary, N8nRest } from '../../../dev/real-n8n/rest';
import { sleep } from '../../../dev/real-n8n/util';

export interface TriggerCaseContext {
	rest: N8nRest;
	sandbox: RunningSandbox;
	/** n8n's base URL (also its WEBHOOK_URL). */
	n8nUrl: string;
	workflowId: string;
}

export interface TriggerCase {
	title: string;
	run(context: TriggerCaseContext, failures: string[]): Promise<void>;
}

/** How long a call that must start nothing is given to start something anyway, before executions are counted. */
const QUIET_MS = 1500;
const EXECUTION_TIMEOUT_MS = 30_000;
/** A poll trigger runs once a minute at best (n8n's shortest interval), plus n8n's own scheduling slack. */
const POLL_TIMEOUT_MS = 100_000;

/**
 * n8n 2.41 publishes through an outbox: the REST call returns, and a background consumer registers (or removes) the
 * webhooks shortly after. Waits until the sandbox shows the outcome; false when it never does.
 */
const REGISTRATION_TIMEOUT_MS = 30_000;

async function waitFor(condition: () => boolean, timeoutMs = REGISTRATION_TIMEOUT_MS): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) return false;
		await sleep(200);
	}
	return true;
}

function check(failures: string[], ok: boolean, message: string): void {
	if (!ok) failures.push(message);
}

async function waitForExecutions(
	context: TriggerCaseContext,
	count: number,
	timeoutMs = EXECUTION_TIMEOUT_MS,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const executions = await context.rest.executions(context.workflowId);
		const done = executions.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		// Until nothing is in progress too: n8n 1.x lists running and finished executions in two queries, so an
		// execution that just finished can be listed twice (running, success) for a moment.
		if ((done.length >= count && done.length === executions.length) || Date.now() > deadline) return executions;
		await sleep(300);
	}
}

async function kickoffLabsSignup(sandbox: RunningSandbox, lead: string | Record<string, string>): Promise<void> {
	const response = await fetch(`${sandbox.kickoffLabs.url}/v2/${sandbox.kickoffLabs.defaultCampaignId}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${sandbox.kickoffLabs.apiKey}` },
		body: JSON.stringify({ first_name: 'E2E', ...(typeof lead === 'string' ? { email: lead } : lead) }),
	});
	if (response.status !== 200) throw new Error(`KickoffLabs sandbox signup answered ${response.status}`);
}

async function sendKitApi(sandbox: RunningSandbox, method: string, route: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${sandbox.sendKit.url}${route}`, {
		method,
		headers: { 'content-type': 'application/json', 'x-api-key': sandbox.sendKit.workspaceKey },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (response.status >= 300) throw new Error(`SendKit sandbox ${method} ${route} answered ${response.status}`);
	return await response.json();
}

/** What the examples' notes tell a user of `npm start` to do to start over (the curl commands). */
async function resetOverHttp(sandbox: RunningSandbox): Promise<void> {
	for (const service of [sandbox.kickoffLabs, sandbox.sendKit]) {
		const response = await fetch(`${service.url}/__sandbox/reset`, { method: 'POST' });
		if (response.status !== 200) throw new Error(`${service.url}/__sandbox/reset answered ${response.status}`);
	}
}

const statuses = (executions: ExecutionSummary[]) => executions.map((execution) => execution.status).join(', ') || 'none';

export const triggerCases: Record<string, TriggerCase> = {
	'kickofflabs-signup-to-sendkit.json': {
		title: 'KickoffLabs Trigger: registered on activation and kept through a sandbox reset, a signup creates the SendKit lead, an existing one is tagged, a form-encoded one works, one without an email is a failed execution, a repeat signup and forged calls start nothing, deactivation removes the webhook',
		async run(context, failures) {
			const { sandbox, rest, n8nUrl } = context;
			const webhooks = sandbox.kickoffLabs.store.webhooks;

			await rest.activate(context.workflowId);
			await waitFor(() => webhooks.list().length > 0);
			const [hook, ...others] = webhooks.list();
			check(failures, hook !== undefined && others.length === 0, `expected one KickoffLabs webhook after activation, found ${webhooks.list().length}`);
			if (!hook) return;
			check(failures, hook.url.startsWith(`${n8nUrl}/webhook/`) && /[?&]token=[0-9a-f]{64}$/.test(hook.url), `registered URL is not n8n's with a token: ${hook.url.replace(/token=\w+/, 'token=…')}`);
			check(failures, hook.events.join() === 'new_signup', `registered events: ${hook.events.join()}`);
			// The examples' notes tell users to reset the sandboxes; the published workflow must keep receiving signups.
			await resetOverHttp(sandbox);
			check(failures, webhooks.list().length === 1, `after a sandbox reset the sandbox has ${webhooks.list().length} KickoffLabs webhook(s)`);
			await sendKitApi(sandbox, 'POST', '/v1/leads', { email: 'returning@example.com', tags: ['vip'] });

			await kickoffLabsSignup(sandbox, 'newcomer@example.com');
			await webhooks.outbox.settled();
			let executions = await waitForExecutions(context, 1);
			check(failures, executions.length === 1 && executions[0].status === 'success', `after one signup: executions ${statuses(executions)}`);
			const created = sandbox.sendKit.store.allLeads().filter((lead) => lead.email === 'newcomer@example.com');
			check(failures, created.length === 1, `SendKit leads for newcomer@example.com: ${created.length}`);
			check(failures, created[0]?.tags.join() === 'waitlist', `newcomer's SendKit tags: ${created[0]?.tags.join()}`);
			check(failures, typeof created[0]?.customFields.kickoffLabsSocialId === 'string', 'newcomer has no kickoffLabsSocialId custom field');

			await kickoffLabsSignup(sandbox, 'returning@example.com');
			await webhooks.outbox.settled();
			executions = await waitForExecutions(context, 2);
			check(failures, executions.length === 2 && executions.every((execution) => execution.status === 'success'), `after the second signup: executions ${statuses(executions)}`);
			const returning = sandbox.sendKit.store.allLeads().filter((lead) => lead.email === 'returning@example.com');
			check(failures, returning.length === 1, `SendKit leads for returning@example.com: ${returning.length}`);
			check(failures, returning[0]?.tags.includes('kickofflabs-signup') === true, `returning lead's tags: ${returning[0]?.tags.join()}`);

			// KickoffLabs does not document its body format: a form-encoded delivery goes through n8n's own body parser.
			webhooks.format = 'form';
			await kickoffLabsSignup(sandbox, 'form-encoded@example.com');
			await webhooks.outbox.settled();
			executions = await waitForExecutions(context, 3);
			check(failures, executions.length === 3 && executions.every((execution) => execution.status === 'success'), `after a form-encoded signup: executions ${statuses(executions)}`);
			const fromForm = sandbox.sendKit.store.allLeads().find((lead) => lead.email === 'form-encoded@example.com');
			check(failures, fromForm?.firstName === 'E2E' && typeof fromForm.customFields.kickoffLabsSocialId === 'string', `lead from the form-encoded signup: ${JSON.stringify(fromForm)}`);

			// A signup SendKit cannot take (no email) must show as a failed execution, not as a success that went nowhere.
			webhooks.format = 'json';
			await kickoffLabsSignup(sandbox, { phone_number: '+1 555 0100' });
			await webhooks.outbox.settled();
			executions = await waitForExecutions(context, 4);
			const failed = executions.filter((execution) => execution.status === 'error');
			check(failures, executions.length === 4 && failed.length === 1, `after a signup without an email: executions ${statuses(executions)}`);

			// As the example's note says: signing up again is a repeat signup, which the trigger does not listen to.
			await kickoffLabsSignup(sandbox, 'newcomer@example.com');
			for (const kind of ['wrongToken', 'noToken'] as const) {
				const delivery = await webhooks.forge(hook, kind, { email: 'mallory@example.com' });
				check(failures, delivery.status === 401, `a ${kind} call was answered ${delivery.status ?? delivery.error}`);
			}
			await sleep(QUIET_MS);
			executions = await rest.executions(context.workflowId);
			check(failures, executions.length === 4, `a repeat signup or forged calls started executions: ${statuses(executions)}`);
			check(failures, !sandbox.sendKit.store.allLeads().some((lead) => lead.email === 'mallory@example.com'), 'a forged call created a SendKit lead');

			await rest.deactivate(context.workflowId);
			await waitFor(() => webhooks.list().length === 0);
			check(failures, webhooks.list().length === 0, `after deactivation the sandbox still has ${webhooks.list().length} KickoffLabs webhook(s)`);
		},
	},

	'sendkit-trigger.json': {
		title: 'SendKit Trigger: signed webhook created on activation, test and tag-change deliveries start it, unsigned/forged/tampered ones do not, deactivation deletes it',
		async run(context, failures) {
			const { sandbox, rest, n8nUrl } = context;
			const webhooks = sandbox.sendKit.store.webhooks;
			await rest.activate(context.workflowId);
			await waitFor(() => webhooks.list().length > 0);
			const [hook, ...others] = webhooks.list();
			check(failures, hook !== undefined && others.length === 0, `expected one SendKit webhook after activation, found ${webhooks.list().length}`);
			if (!hook) return;
			check(failures, hook.url.startsWith(`${n8nUrl}/webhook/`), `registered URL is not n8n's: ${hook.url}`);
			check(failures, hook.name.includes('e2e SendKit Trigger'), `webhook name does not name the workflow: ${hook.name}`);

			const tested = (await sendKitApi(sandbox, 'POST', `/v1/webhooks/${hook._id}/test`)) as { data?: { delivered?: boolean } };
			check(failures, tested.data?.delivered === true, `test delivery: ${JSON.stringify(tested)}`);
			let executions = await waitForExecutions(context, 1);
			check(failures, executions.length === 1 && executions[0].status === 'success', `after the test delivery: executions ${statuses(executions)}`);

			const lead = (await sendKitApi(sandbox, 'POST', '/v1/leads', { email: 'tagged@example.com' })) as { data: { _id: string } };
			await sendKitApi(sandbox, 'PATCH', `/v1/leads/${lead.data._id}`, { tags: ['hot'] });
			await webhooks.outbox.settled();
			executions = await waitForExecutions(context, 2);
			check(failures, executions.length === 2 && executions.every((execution) => execution.status === 'success'), `after a tag change: executions ${statuses(executions)}`);

			for (const kind of ['unsigned', 'forged', 'tampered'] as const) {
				const delivery = await webhooks.forge(hook, kind, 'lead.tag_changed', { lead: { email: 'mallory@example.com' } });
				check(failures, delivery.status === 401, `a ${kind} delivery was answered ${delivery.status ?? delivery.error}`);
			}
			await sleep(QUIET_MS);
			executions = await rest.executions(context.workflowId);
			check(failures, executions.length === 2, `refused deliveries started executions: ${statuses(executions)}`);

			await rest.deactivate(context.workflowId);
			await waitFor(() => webhooks.list().length === 0);
			check(failures, webhooks.list().length === 0, `after deactivation the sandbox still has ${webhooks.list().length} SendKit webhook(s)`);
		},
	},

	'sendkit-new-lead.json': {
		title: 'SendKit New Lead Trigger: nothing for leads that existed at activation, the next poll starts it once for a new lead',
		async run(context, failures) {
			const { sandbox, rest } = context;
			await sendKitApi(sandbox, 'POST', '/v1/leads', { email: 'existing-before@example.com' });
			await rest.activate(context.workflowId);
			// n8n polls once when it activates the workflow: that poll must find only the existing lead.
			const polled = await waitFor(() => sandbox.sendKit.control.requests.some((request) => request.method === 'GET' && request.path === '/v1/leads'));
			check(failures, polled, 'n8n did not poll SendKit when it activated the workflow');
			await sleep(QUIET_MS);
			await sendKitApi(sandbox, 'POST', '/v1/leads', { email: 'brand-new@example.com' });
			const executions = await waitForExecutions(context, 1, POLL_TIMEOUT_MS);
			check(failures, executions.length === 1 && executions[0].status === 'success', `after a new lead: executions ${statuses(executions)}`);
			const signedUp = sandbox.kickoffLabs.store.allLeads().map((lead) => lead.email);
			check(failures, signedUp.join() === 'brand-new@example.com', `leads the workflow signed up in KickoffLabs: ${signedUp.join() || 'none'}`);
			await rest.deactivate(context.workflowId);
		},
	},

	'sendkit-new-lead-newest-first.json': {
		title: 'SendKit New Lead Trigger against a list that answers newest first with opaque cursors: one run per new lead, none for the 150 existing ones',
		async run(context, failures) {
			const { sandbox, rest } = context;
			sandbox.sendKit.store.variants.set({ listOrder: 'newestFirst', cursor: 'opaque' });
			const existing = Array.from({ length: 150 }, (_, index) => ({ email: `existing${index}@example.com` }));
			await sendKitApi(sandbox, 'POST', '/v1/leads/bulk', { leads: existing });
			await rest.activate(context.workflowId);
			const listed = () => sandbox.sendKit.control.requests.filter((request) => request.method === 'GET' && request.path === '/v1/leads').length;
			check(failures, await waitFor(() => listed() > 0), 'n8n did not poll SendKit when it activated the workflow');
			await sleep(QUIET_MS);
			// Activation reads one page; a poll that n8n's minute tick may add in the meantime reads one more.
			check(failures, listed() <= 2, `activation read ${listed()} pages of a newest-first list of 150 leads (expected 1)`);
			const signedUp = () => sandbox.kickoffLabs.store.allLeads().map((lead) => lead.email);
			for (const [count, email] of ['newest-first-1@example.com', 'newest-first-2@example.com'].entries()) {
				await sendKitApi(sandbox, 'POST', '/v1/leads', { email });
				const executions = await waitForExecutions(context, count + 1, POLL_TIMEOUT_MS);
				check(failures, executions.length === count + 1 && executions.every((execution) => execution.status === 'success'), `after new lead ${count + 1}: executions ${statuses(executions)}`);
			}
			check(failures, signedUp().join() === 'newest-first-1@example.com,newest-first-2@example.com', `leads the workflow signed up in KickoffLabs: ${signedUp().join() || 'none'}`);
			await rest.deactivate(context.workflowId);
		},
	},
};
