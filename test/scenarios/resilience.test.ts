/**
 * Volume under faults, through the real n8n engine against the sandbox (correctness only, no timings): every input
 * item comes out exactly once, on the branch it truly belongs to, no lead is sent twice, and no key leaks.
 */
import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import { create as kickoffLabsCreateOperation } from '../../nodes/KickoffLabs/actions/lead/create.operation';
import { create as sendKitCreateOperation } from '../../nodes/SendKit/actions/lead/create.operation';
import type { Faults, RandomFaultKind } from '../../sandbox';
import { errorOutputIndex, outputIndex } from '../helpers/fixtures';
import { items, kickoffLabsCredentials, loadWorkflow, sendKitCredentials, useWorld, withParameters } from '../helpers/world';

const sendKitCreate = loadWorkflow('test/sendkit/lead/create.workflow.json');
const kickoffLabsCreate = loadWorkflow('test/kickofflabs/lead/create.workflow.json');

const world = useWorld();

const ITEMS = 1000;
const PRE_EXISTING = 100;
const EVERY_FAULT: RandomFaultKind[] = ['429', '500', '503', 'hang', 'dropAfterProcessing', 'drop', 'truncate'];
const SEEDED_FAULTS: Faults = { random: { seed: 20261124, rate: 0.2, kinds: EVERY_FAULT, retryAfterSeconds: 1 } };
const RATE_LIMITED: Faults = { latencyMs: 20, rateLimit: { perSecond: 100, maxInFlight: 4, retryAfterSeconds: 1 } };

/** Concurrency 20 and a 1 s timeout, so hung requests are given up quickly. */
function fast(workflow: WorkflowJson, nodeName: string, extraOptions: Record<string, unknown> = {}): WorkflowJson {
	return withParameters(workflow, nodeName, { options: { concurrency: 20, timeout: 1000, ...extraOptions } });
}

const emails = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index}@example.com`);

/** Each input index exactly once over the given outputs, with the item's email, in input order within each output. */
function expectEachItemOnce(result: WorkflowRun, node: string, outputs: number[], inputEmails: string[]): void {
	const seen = outputs.flatMap((output) => {
		const list = result.output(node, output).map((item) => ({ index: (item.pairedItem as { item: number }).item, email: item.json.email }));
		const indexes = list.map((entry) => entry.index);
		expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
		return list;
	});
	expect(seen.map((entry) => entry.index).sort((a, b) => a - b)).toEqual(inputEmails.map((_, index) => index));
	for (const entry of seen) expect(entry.email).toBe(inputEmails[entry.index]);
}

describe('SendKit › 1,000 creates through faults', () => {
	const CREATED = outputIndex(sendKitCreateOperation.outputs, 'created');
	const EXISTING_LEAD = outputIndex(sendKitCreateOperation.outputs, 'existingLead');
	const ERROR_OUTPUT = errorOutputIndex(sendKitCreateOperation.outputs);

	/** Leads that exist before the run, created an hour ago: they belong on Existing Lead. */
	async function seedExisting(existing: string[]) {
		const sandbox = world().sandbox;
		const seeded = await runWorkflow(world().engine, sendKitCreate, { credentials: sendKitCredentials(sandbox), input: items(...existing.map((email) => ({ email }))) });
		expect(seeded.output('SendKit', CREATED)).toHaveLength(existing.length);
		const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
		for (const lead of sandbox.sendKit.store.allLeads()) lead.createdAt = anHourAgo;
	}

	async function runAndCheck(faults: Faults) {
		const sandbox = world().sandbox;
		const inputEmails = emails(ITEMS, 'sk');
		const existing = inputEmails.filter((_, index) => index % (ITEMS / PRE_EXISTING) === 0);
		await seedExisting(existing);
		sandbox.sendKit.control.setFaults(faults);

		const result = await runWorkflow(world().engine, fast(sendKitCreate, 'SendKit'), {
			credentials: sendKitCredentials(sandbox),
			input: items(...inputEmails.map((email) => ({ email }))),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('SendKit', ERROR_OUTPUT)).toEqual([]);
		expectEachItemOnce(result, 'SendKit', [CREATED, EXISTING_LEAD], inputEmails);
		expect(result.output('SendKit', EXISTING_LEAD).map((item) => item.json.email).sort()).toEqual([...existing].sort());
		const stored = sandbox.sendKit.store.allLeads().map((lead) => lead.email);
		expect(stored).toHaveLength(ITEMS);
		expect(new Set(stored).size).toBe(ITEMS);
		expect(JSON.stringify(result.run)).not.toContain(sandbox.sendKit.workspaceKey);
		return result;
	}

	it('with a seeded 20% of faults (429, 500, 503, timeouts, drops before and after processing, cut answers)', async () => {
		await runAndCheck(SEEDED_FAULTS);
		const injected = world().sandbox.sendKit.control.faultStats;
		for (const kind of ['429', '500', '503', 'hang', 'dropAfterProcessing'] as const) expect(injected[kind]).toBeGreaterThan(10);
	}, 180_000);

	it('under a rate limit smaller than the concurrency', async () => {
		await runAndCheck(RATE_LIMITED);
		expect(world().sandbox.sendKit.control.stats.rateLimited).toBeGreaterThan(0);
	}, 180_000);
});

describe('KickoffLabs › 1,000 signups through faults', () => {
	const NEW_LEAD = outputIndex(kickoffLabsCreateOperation.outputs, 'newLead');
	const EXISTING_LEAD = outputIndex(kickoffLabsCreateOperation.outputs, 'existingLead');
	const ERROR_OUTPUT = errorOutputIndex(kickoffLabsCreateOperation.outputs);

	/**
	 * Leads that exist before the run, signed up an hour ago under another first name: they belong on Existing Lead, and
	 * the run's signup must be counted exactly once for them (counter 2) and for the new ones (counter 1).
	 */
	async function seedExisting(existing: string[]) {
		const sandbox = world().sandbox;
		const seeded = await runWorkflow(world().engine, kickoffLabsCreate, {
			credentials: kickoffLabsCredentials(sandbox),
			input: items(...existing.map((email) => ({ email, firstName: 'Before' }))),
		});
		expect(seeded.output('KickoffLabs', NEW_LEAD)).toHaveLength(existing.length);
		const anHourAgo = `${new Date(Date.now() - 3_600_000).toISOString().slice(0, 19)}+00:00`;
		for (const lead of sandbox.kickoffLabs.store.allLeads()) lead.when = anHourAgo;
	}

	async function runAndCheck(faults: Faults) {
		const sandbox = world().sandbox;
		const inputEmails = emails(ITEMS, 'kol');
		const existing = inputEmails.filter((_, index) => index % (ITEMS / PRE_EXISTING) === 0);
		await seedExisting(existing);
		sandbox.kickoffLabs.control.setFaults(faults);

		const result = await runWorkflow(world().engine, fast(kickoffLabsCreate, 'KickoffLabs'), {
			credentials: kickoffLabsCredentials(sandbox),
			input: items(...inputEmails.map((email) => ({ email, firstName: 'After' }))),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('KickoffLabs', ERROR_OUTPUT)).toEqual([]);
		expectEachItemOnce(result, 'KickoffLabs', [NEW_LEAD, EXISTING_LEAD], inputEmails);
		expect(result.output('KickoffLabs', EXISTING_LEAD).map((item) => item.json.email).sort()).toEqual([...existing].sort());
		const stored = sandbox.kickoffLabs.store.allLeads();
		expect(stored).toHaveLength(ITEMS);
		expect(new Set(stored.map((lead) => lead.email)).size).toBe(ITEMS);
		const existingSet = new Set(existing);
		for (const lead of stored) {
			expect({ email: lead.email, counter: lead.counter, firstName: lead.first_name }).toEqual({
				email: lead.email,
				counter: existingSet.has(lead.email ?? '') ? 2 : 1,
				firstName: 'After',
			});
		}
		expect(JSON.stringify(result.run)).not.toContain(sandbox.kickoffLabs.apiKey);
		return result;
	}

	it('with a seeded 20% of faults (429, 500, 503, timeouts, drops before and after processing, cut answers)', async () => {
		await runAndCheck(SEEDED_FAULTS);
		const injected = world().sandbox.kickoffLabs.control.faultStats;
		for (const kind of ['429', '500', '503', 'hang', 'dropAfterProcessing'] as const) expect(injected[kind]).toBeGreaterThan(10);
	}, 180_000);

	it('under a rate limit smaller than the concurrency', async () => {
		await runAndCheck(RATE_LIMITED);
		expect(world().sandbox.kickoffLabs.control.stats.rateLimited).toBeGreaterThan(0);
	}, 180_000);
});
