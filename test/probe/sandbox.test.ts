import type { AnyRunningService } from '../../sandbox';
import { probeMain } from '../../dev/probe/cli';
import { sandboxProbeEnv } from '../../dev/probe/sandboxTarget';
import { freePort } from '../../dev/real-n8n/util';
import type { ProbeReport } from '../../dev/probe/run';
import { client, useSandbox } from '../sandbox/helpers';

const sandbox = useSandbox();

async function probe(argv: string[], env = sandboxProbeEnv(sandbox())): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const code = await probeMain(argv, env, { out: (text) => (out += text), err: (text) => (err += text) });
	return { code, out, err };
}

async function writeArgs(): Promise<string[]> {
	return ['--write', '--webhook-url', `http://127.0.0.1:${await freePort()}/probe`, '--json'];
}

/** The addresses the probe signed up, read from what the sandbox received. */
function emailsCreatedOn(service: AnyRunningService, path: RegExp): string[] {
	return service.control.requests
		.filter((request) => request.method === 'POST' && path.test(request.path))
		.map((request) => (request.body as { email?: string } | undefined)?.email)
		.filter((email): email is string => email !== undefined);
}

/** Looks every lead the probe created up again: each must be gone. */
async function leadsLeftBehind(): Promise<string[]> {
	const sendKit = client(sandbox().sendKit.url, { 'X-Api-Key': sandbox().sendKit.workspaceKey });
	const kickoffLabs = client(sandbox().kickoffLabs.url);
	const left: string[] = [];
	for (const email of new Set(emailsCreatedOn(sandbox().sendKit, /^\/v1\/leads$/))) {
		const found = await sendKit.get('/v1/leads', { params: { search: email } });
		if ((found.data as { data: unknown[] }).data.length > 0) left.push(email);
	}
	for (const email of new Set(emailsCreatedOn(sandbox().kickoffLabs, /^\/v2\/\d+$/))) {
		const found = await kickoffLabs.get(`/v2/${sandbox().kickoffLabs.defaultCampaignId}`, { params: { email, api_key: sandbox().kickoffLabs.apiKey } });
		if (found.status !== 404) left.push(email);
	}
	return left;
}

describe('npm run probe against the sandbox in its default variants', () => {
	it('reports every switch at its default value, every point holding, and deletes all it created', async () => {
		const { code, out } = await probe(await writeArgs());
		const report = JSON.parse(out) as ProbeReport;
		const defaults: Record<string, string> = { ...sandbox().sendKit.store.variants.current, ...sandbox().kickoffLabs.store.variants.current };

		expect(code).toBe(0);
		expect(report.rows.map((row) => [row.switchName ?? row.question, row.seen, row.verdict])).toEqual(
			report.rows.map((row) => [row.switchName ?? row.question, row.switchName ? defaults[row.switchName] : 'exists', 'holds']),
		);
		expect(report.leftovers).toEqual([]);
		expect(emailsCreatedOn(sandbox().sendKit, /^\/v1\/leads$/)).toEqual(expect.arrayContaining([expect.stringMatching(/^n8n-lead-capture-probe-.+@example\.com$/)]));
		expect(emailsCreatedOn(sandbox().kickoffLabs, /^\/v2\/\d+$/)).toEqual(expect.arrayContaining([expect.stringMatching(/@example\.com$/)]));
		expect(await leadsLeftBehind()).toEqual([]);
		expect(sandbox().sendKit.store.webhooks.list(sandbox().sendKit.workspaceId)).toEqual([]);
	});

	it('is read-only without --write: it only sends GETs, and says which points need --write', async () => {
		const { code, out } = await probe([]);

		expect(code).toBe(0);
		expect(sandbox().services.flatMap((service) => service.control.requests.map((request) => request.method))).toEqual(
			expect.arrayContaining(['GET']),
		);
		expect(sandbox().services.flatMap((service) => service.control.requests).filter((request) => request.method !== 'GET')).toEqual([]);
		expect(out).toMatch(/conflict +not observable: needs --write/);
		expect(out).toMatch(/signature +not observable: needs --write and --webhook-url; the SendKit Trigger logs the form of the first real delivery/);
		expect(out).toMatch(/lookupNotFound +status404 +status404 \(also emptyObject, emptyArray, messageOnly\) +holds/);
	});

	it('deletes every lead it created when a step fails, and exits 1 for the failed step', async () => {
		sandbox().sendKit.control.setFaults({ queue: [{ status: 500, method: 'GET', path: '^/v1/leads/[0-9a-f]{24}$' }] });
		sandbox().kickoffLabs.control.setFaults({ queue: [{ drop: true, method: 'POST', path: '/outbound-webhook$' }] });

		const { code, out } = await probe(await writeArgs());
		const report = JSON.parse(out) as ProbeReport;

		expect(code).toBe(1);
		expect(report.rows.filter((row) => row.failed).map((row) => row.switchName ?? row.question)).toEqual([
			'Does GET /v1/leads/{id} exist? (Get by Lead ID)',
			'webhookDeleteAnswer',
		]);
		expect(report.leftovers).toEqual([]);
		expect(await leadsLeftBehind()).toEqual([]);
	});

	it('refuses the sandbox key on the real host, without printing it, and exits 2', async () => {
		const env = { SENDKIT_API_KEY: `sk_${'0123456789abcdef'.repeat(3)}` };

		const { code, out, err } = await probe([], env);

		expect(code).toBe(2);
		expect(err).toContain("SENDKIT_API_KEY is the sandbox's key: it is not sent to https://api.sendkit.ai");
		expect(`${out}${err}`).not.toContain(env.SENDKIT_API_KEY);
	});

	it('needs SENDKIT_WORKSPACE_ID with a platform key, and exits 2 before any request', async () => {
		const { code, err } = await probe([], { ...sandboxProbeEnv(sandbox()), SENDKIT_API_KEY: sandbox().sendKit.platformKey });

		expect(code).toBe(2);
		expect(err).toContain('SENDKIT_API_KEY is a platform key (sk_user_…): set SENDKIT_WORKSPACE_ID too');
		expect(sandbox().sendKit.control.requests).toEqual([]);
	});
});
