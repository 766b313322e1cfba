/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * The few calls of n8n's own REST API (the editor's backend, n8n 2.41) that the scripts need: log in as the owner,
 * activate and deactivate a workflow (what the editor's Publish / Deactivate do), and list executions.
 */
import { OWNER_EMAIL, OWNER_FIRST_NAME, OWNER_LAST_NAME, OWNER_PASSWORD } from './owner';
import { isRecord, sleep } from './util';

export interface ExecutionSummary {
	id: string;
	status: string;
	finished?: boolean;
	mode?: string;
}

export class N8nRest {
	private constructor(
		readonly baseUrl: string,
		private readonly cookie: string,
	) {}

	/**
	 * Logs in with the owner that dev/real-n8n/owner.ts sets up. n8n answers its REST API before it has applied the
	 * owner from the environment (seen on a cold first start: /rest/settings answered, the login came back without a
	 * session cookie, "Owner was set up successfully" was logged after), so a refused login is tried again for up to
	 * `waitMs`.
	 */
	static async login(baseUrl: string, waitMs = 60_000): Promise<N8nRest> {
		const deadline = Date.now() + waitMs;
		for (;;) {
			try {
				return new N8nRest(baseUrl, await sessionCookie(baseUrl, '/rest/login', { emailOrLdapLoginId: OWNER_EMAIL, password: OWNER_PASSWORD }));
			} catch (error) {
				if (Date.now() > deadline) throw error;
				await sleep(500);
			}
		}
	}

	/**
	 * Sets up the owner of a fresh n8n 1.x (which ignores the owner variables of owner.ts) with the same login, as the
	 * editor's first screen does; n8n answers with the owner's session.
	 */
	static async setUpOwner(baseUrl: string): Promise<N8nRest> {
		const body = { email: OWNER_EMAIL, firstName: OWNER_FIRST_NAME, lastName: OWNER_LAST_NAME, password: OWNER_PASSWORD };
		return new N8nRest(baseUrl, await sessionCookie(baseUrl, '/rest/owner/setup', body));
	}

	async call(method: 'GET' | 'POST' | 'PATCH', route: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.baseUrl}/rest${route}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json', 'browser-id': 'lead-capture-scripts' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${route}: HTTP ${response.status} ${text.slice(0, 500)}`);
		const parsed = text ? (JSON.parse(text) as unknown) : undefined;
		return isRecord(parsed) && 'data' in parsed ? parsed.data : parsed;
	}

	async workflow(id: string): Promise<Record<string, unknown>> {
		const workflow = await this.call('GET', `/workflows/${encodeURIComponent(id)}`);
		if (!isRecord(workflow)) throw new Error(`GET /rest/workflows/${id}: no workflow in the answer`);
		return workflow;
	}

	/** Activates (publishes) the workflow's current version: n8n registers its webhooks and starts its pollers. */
	async activate(id: string): Promise<void> {
		const workflow = await this.workflow(id);
		await this.call('POST', `/workflows/${encodeURIComponent(id)}/activate`, { versionId: workflow.versionId });
	}

	async deactivate(id: string): Promise<void> {
		await this.call('POST', `/workflows/${encodeURIComponent(id)}/deactivate`, {});
	}

	/** The workflow's executions, newest first. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.call('GET', `/executions?filter=${filter}&limit=100`);
		const results = isRecord(data) && Array.isArray(data.results) ? data.results : [];
		return results.filter(isRecord).map((execution) => ({
			id: String(execution.id),
			status: String(execution.status),
			finished: typeof execution.finished === 'boolean' ? execution.finished : undefined,
			mode: typeof execution.mode === 'string' ? execution.mode : undefined,
		}));
	}
}

/** One login (or owner setup) call: the session cookie n8n sets in its answer, or an error saying why there is none. */
async function sessionCookie(baseUrl: string, route: string, body: Record<string, string>): Promise<string> {
	const response = await fetch(`${baseUrl}${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`n8n ${route} failed: HTTP ${response.status} ${await response.text()}`);
	const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? ''])
		.map((line) => line.split(';')[0])
		.filter((pair) => pair.startsWith('n8n-auth='))
		.join('; ');
	if (!cookie) throw new Error(`n8n ${route} answered without an n8n-auth cookie (set-cookie: ${response.headers.get('set-cookie') ?? 'none'})`);
	return cookie;
}
