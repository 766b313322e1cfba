/**
 * How items are sent, through the real n8n engine against the sandbox: the Concurrency and Timeout options, output
 * order, error items, the retry budget, and n8n's Retry On Fail. Correctness only; no timings are asserted.
 */
import { runWorkflow } from '../../dev/engine';
import { addPoints as kickoffLabsAddPointsOperation } from '../../nodes/KickoffLabs/actions/lead/addPoints.operation';
import { create as kickoffLabsCreateOperation } from '../../nodes/KickoffLabs/actions/lead/create.operation';
import { create as sendKitCreateOperation } from '../../nodes/SendKit/actions/lead/create.operation';
import { get as sendKitGetOperation } from '../../nodes/SendKit/actions/lead/get.operation';
import { IDLE_MS } from '../../nodes/shared/paces';
import { errorOutputIndex, outputIndex } from '../helpers/fixtures';
import {
	items,
	kickoffLabsCredentials,
	loadWorkflow,
	processPaces,
	sendKitCredentials,
	useWorld,
	withNodeSettings,
	withParameters,
} from '../helpers/world';

const sendKitCreate = loadWorkflow('test/sendkit/lead/create.workflow.json');
const sendKitGet = loadWorkflow('test/sendkit/lead/get-by-email.workflow.json');
const kickoffLabsCreate = loadWorkflow('test/kickofflabs/lead/create.workflow.json');
const kickoffLabsAddPoints = loadWorkflow('test/kickofflabs/lead/addPoints.workflow.json');

const SENDKIT_CREATED = outputIndex(sendKitCreateOperation.outputs, 'created');
const SENDKIT_EXISTING_LEAD = outputIndex(sendKitCreateOperation.outputs, 'existingLead');
const SENDKIT_CREATE_ERROR = errorOutputIndex(sendKitCreateOperation.outputs);
const SENDKIT_FOUND = outputIndex(sendKitGetOperation.outputs, 'found');
const KICKOFFLABS_NEW_LEAD = outputIndex(kickoffLabsCreateOperation.outputs, 'newLead');
const KICKOFFLABS_EXISTING_LEAD = outputIndex(kickoffLabsCreateOperation.outputs, 'existingLead');
const KICKOFFLABS_CREATE_ERROR = errorOutputIndex(kickoffLabsCreateOperation.outputs);
const ADD_POINTS_ERROR = errorOutputIndex(kickoffLabsAddPointsOperation.outputs);

const world = useWorld();
const sendKit = () => world().sandbox.sendKit;
const kickoffLabs = () => world().sandbox.kickoffLabs;

const emails = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ email: `${prefix}${index}@example.com` }));
const pairedIndex = (item: { pairedItem?: unknown }) => (item.pairedItem as { item: number }).item;

describe('Concurrency', () => {
	it('sends as many items at once as the option says, and 5 without it', async () => {
		sendKit().control.setFaults({ latencyMs: 30 });
		const tuned = await runWorkflow(world().engine, withParameters(sendKitCreate, 'SendKit', { options: { concurrency: 7 } }), {
			credentials: sendKitCredentials(world().sandbox),
			input: items(...emails(60, 'tuned')),
		});
		expect(tuned.output('SendKit', SENDKIT_CREATED)).toHaveLength(60);
		expect(sendKit().control.stats.peakInFlight).toBe(7);

		sendKit().control.setFaults({ latencyMs: 30 });
		const byDefault = await runWorkflow(world().engine, sendKitCreate, {
			credentials: sendKitCredentials(world().sandbox),
			input: items(...emails(60, 'default')),
		});
		expect(byDefault.output('SendKit', SENDKIT_CREATED)).toHaveLength(60);
		expect(sendKit().control.stats.peakInFlight).toBe(5);
	});

	it('keeps output order and pairedItem at concurrency 20, while answers come back in another order', async () => {
		const inputs = emails(200, 'order');
		const existing = inputs.filter((_, index) => index % 3 === 0);
		await runWorkflow(world().engine, sendKitCreate, { credentials: sendKitCredentials(world().sandbox), input: items(...existing) });
		// Created an hour ago: a lead found after a lost answer is then clearly not this run's.
		for (const lead of sendKit().store.allLeads()) lead.createdAt = new Date(Date.now() - 3_600_000).toISOString();
		// 429s and 503s send some items back to wait while later ones finish.
		sendKit().control.setFaults({ random: { seed: 7, rate: 0.3, kinds: ['429', '503'] } });

		const result = await runWorkflow(world().engine, withParameters(sendKitCreate, 'SendKit', { options: { concurrency: 20 } }), {
			credentials: sendKitCredentials(world().sandbox),
			input: items(...inputs),
		});

		const created = result.output('SendKit', SENDKIT_CREATED);
		const existingLeads = result.output('SendKit', SENDKIT_EXISTING_LEAD);
		expect(created.map(pairedIndex)).toEqual(inputs.map((_, index) => index).filter((index) => index % 3 !== 0));
		expect(existingLeads.map(pairedIndex)).toEqual(inputs.map((_, index) => index).filter((index) => index % 3 === 0));
		for (const item of [...created, ...existingLeads]) expect(item.json.email).toBe(inputs[pairedIndex(item)].email);
		expect(sendKit().control.faultStats['429']).toBeGreaterThan(0);
	});
});

describe('One pace per API account, shared by the executions of a process', () => {
	const RATE_LIMIT = { rateLimit: { perSecond: 20, maxInFlight: 5, retryAfterSeconds: 1 }, latencyMs: 10 };

	/** `count` one-item executions of SendKit Create started at once (a signup webhook starting one per signup). */
	async function burst(count: number, prefix: string, credentials = sendKitCredentials(world().sandbox)) {
		const runs = await Promise.all(
			emails(count, prefix).map(async (email) => await runWorkflow(world().engine, sendKitCreate, { credentials, input: items(email) })),
		);
		return runs.flatMap((run) => run.output('SendKit', SENDKIT_CREATED));
	}

	/** 20 items at Concurrency 10 with 30 ms latency and no rate limit: the peak in flight shows whether a pace held them back. */
	async function peakInFlightOf(prefix: string, credentials: ReturnType<typeof sendKitCredentials>) {
		sendKit().control.setFaults({ latencyMs: 30 });
		const run = await runWorkflow(world().engine, withParameters(sendKitCreate, 'SendKit', { options: { concurrency: 10 } }), {
			credentials,
			input: items(...emails(20, prefix)),
		});
		expect(run.output('SendKit', SENDKIT_CREATED)).toHaveLength(20);
		return sendKit().control.stats.peakInFlight;
	}

	it('paces executions started together as one stream: 60 at once under 20/s and 5 in flight, each lead once, few refusals', async () => {
		sendKit().control.setFaults(RATE_LIMIT);

		const created = await burst(60, 'burst');

		expect(created).toHaveLength(60);
		expect(sendKit().store.allLeads()).toHaveLength(60);
		// Each execution pacing alone, their retries come back in step: about 2 refusals per lead here.
		expect(sendKit().control.stats.rateLimited).toBeLessThanOrEqual(30);
		expect(processPaces().size).toBe(1);
	}, 60_000);

	it('keeps the pace an account learned for its next executions, and gives another credential its own', async () => {
		sendKit().control.setFaults(RATE_LIMIT);
		await burst(60, 'learn');
		const { platformKey, workspaceId } = sendKit();
		const platform = sendKitCredentials(world().sandbox, { apiKey: platformKey, workspaceId });

		expect(await peakInFlightOf('same', sendKitCredentials(world().sandbox))).toBeLessThanOrEqual(3);
		expect(await peakInFlightOf('other', platform)).toBe(10);
		expect(processPaces().size).toBe(2);
	}, 60_000);

	it('drops a pace nobody used for the idle period (5 minutes): the next execution starts unpaced', async () => {
		sendKit().control.setFaults(RATE_LIMIT);
		await burst(60, 'before');
		const realNow = Date.now.bind(Date);
		const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + IDLE_MS + 1000);
		try {
			expect(await peakInFlightOf('after', sendKitCredentials(world().sandbox))).toBe(10);
		} finally {
			clock.mockRestore();
		}
	}, 60_000);
});

describe('The credential', () => {
	// n8n loads and decrypts a credential from its database on every read; the package reads it once per run and hands
	// it to n8n's HTTP helper with each request.
	it.each([
		['SendKit', sendKitCreate, () => sendKitCredentials(world().sandbox)],
		['KickoffLabs', kickoffLabsCreate, () => kickoffLabsCredentials(world().sandbox)],
	])('is read as often for 25 %s items as for 1', async (node, workflow, credentials) => {
		const one = await runWorkflow(world().engine, workflow, { credentials: credentials(), input: items(...emails(1, `one-${node}`)) });
		const many = await runWorkflow(world().engine, workflow, { credentials: credentials(), input: items(...emails(25, `many-${node}`)) });
		expect(one.output(node, 0)).toHaveLength(1);
		expect(many.output(node, 0)).toHaveLength(25);
		expect(one.credentialReads).toBeGreaterThan(0);
		expect(many.credentialReads).toBe(one.credentialReads);
	});
});

describe('Error items', () => {
	// n8n 2.41 merges the input item's fields into an Error-output item only when the item has no `error` property
	// (WorkflowExecute.normalizeNodeErrors rewrites the JSON of one that has it to { error }); these items keep
	// `error` (description, HTTP code), so downstream nodes reach the input through pairedItem.
	it('carry pairedItem and the message, on the Error output', async () => {
		const result = await runWorkflow(world().engine, sendKitCreate, {
			credentials: sendKitCredentials(world().sandbox),
			input: items({ email: 'fine@example.com', row: 1 }, { email: 'not-an-email', row: 2, crmId: 'C-77' }),
		});

		const [failed] = result.output('SendKit', SENDKIT_CREATE_ERROR);
		expect(failed.pairedItem).toEqual({ item: 1 });
		expect(failed.json).toEqual({ error: 'Invalid "Email" in item 1: must be a valid email address, like name@example.com' });
		expect(failed.error).toMatchObject({ context: { itemIndex: 1 } });
		expect(result.output('SendKit', SENDKIT_CREATED).map(pairedIndex)).toEqual([0]);
	});

	it('finishes when the first of two items about one lead waits out a 429 at Concurrency 1 (the second waits aside)', async () => {
		sendKit().control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 1 }] });

		const result = await runWorkflow(world().engine, withParameters(sendKitCreate, 'SendKit', { options: { concurrency: 1 } }), {
			credentials: sendKitCredentials(world().sandbox),
			input: items({ email: 'same@example.com' }, { email: 'same@example.com' }, { email: 'other@example.com' }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('SendKit', SENDKIT_CREATED).map(pairedIndex)).toEqual([0, 2]);
		expect(result.output('SendKit', SENDKIT_EXISTING_LEAD).map(pairedIndex)).toEqual([1]);
	});

	it('say so when a rate limit outlasts the retry budget, naming the item', async () => {
		sendKit().control.setFaults({ queue: [{ status: 429, retryAfterSeconds: 600 }] });

		const result = await runWorkflow(world().engine, withParameters(sendKitCreate, 'SendKit', { options: { concurrency: 1 } }), {
			credentials: sendKitCredentials(world().sandbox),
			input: items({ email: 'limited@example.com' }, { email: 'next@example.com' }),
		});

		const [failed] = result.output('SendKit', SENDKIT_CREATE_ERROR);
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(failed.json.error).toBe("SendKit: still rate limited (HTTP 429) after this item's retry budget: it asked to wait 600 s more");
		expect(failed.error).toMatchObject({ httpCode: '429', context: { itemIndex: 0 } });
		expect(result.output('SendKit', SENDKIT_CREATED).map((item) => item.json.email)).toEqual(['next@example.com']);
	});
});

describe('Timeout', () => {
	it('gives up on a hung read after the Timeout option and sends it again', async () => {
		await runWorkflow(world().engine, sendKitCreate, { credentials: sendKitCredentials(world().sandbox), input: items({ email: 'slow@example.com' }) });
		sendKit().control.setFaults({ queue: [{ hang: true }] });

		const result = await runWorkflow(world().engine, withParameters(sendKitGet, 'SendKit', { options: { timeout: 300 } }), {
			credentials: sendKitCredentials(world().sandbox),
			input: items({ email: 'slow@example.com' }),
		});

		expect(result.output('SendKit', SENDKIT_FOUND).map((item) => item.json.email)).toEqual(['slow@example.com']);
		expect(sendKit().control.requests.filter((request) => request.method === 'GET')).toHaveLength(2);
	});

	it('reports a hung request that may have counted (points) as such, without sending it again', async () => {
		await runWorkflow(world().engine, kickoffLabsCreate, { credentials: kickoffLabsCredentials(world().sandbox), input: items({ email: 'p@example.com' }) });
		kickoffLabs().control.setFaults({ queue: [{ hang: true }] });

		const result = await runWorkflow(world().engine, withParameters(kickoffLabsAddPoints, 'KickoffLabs', { options: { timeout: 300 } }), {
			credentials: kickoffLabsCredentials(world().sandbox),
			input: items({ email: 'p@example.com', points: 5 }),
		});

		const [failed] = result.output('KickoffLabs', ADD_POINTS_ERROR);
		expect(failed.json.error).toBe(
			'KickoffLabs: no answer came within the Timeout option; the request may have been carried out (for a create: the lead may have been created)',
		);
		expect(failed.pairedItem).toEqual({ item: 0 });
		expect(kickoffLabs().control.requests.filter((request) => request.path.endsWith('/points'))).toHaveLength(1);
	});
});

describe('n8n Retry On Fail', () => {
	const retrying = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };

	it('with the Error output and one item that always fails: every other lead is sent exactly once', async () => {
		const inputs = [{ email: 'broken' }, ...emails(9, 'retry')];
		const workflow = withNodeSettings(kickoffLabsCreate, 'KickoffLabs', retrying);

		const result = await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox), input: items(...inputs) });

		expect(result.output('KickoffLabs', KICKOFFLABS_NEW_LEAD).map(pairedIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(result.output('KickoffLabs', KICKOFFLABS_EXISTING_LEAD)).toEqual([]);
		expect(result.output('KickoffLabs', KICKOFFLABS_CREATE_ERROR).map(pairedIndex)).toEqual([0]);
		// n8n ran the node 3 times (its first item was an error each time); only the first try sent anything.
		expect(kickoffLabs().control.requests.filter((request) => request.method === 'POST')).toHaveLength(9);
		expect(kickoffLabs().store.allLeads().map((lead) => lead.counter)).toEqual(Array(9).fill(1));
	});

	it('with Stop Workflow: the retry sends the failed item again and none of the items already sent', async () => {
		const otherCampaign = String(kickoffLabs().otherCampaignId);
		const inputs = emails(6, 'stop').map((input, index) => ({ ...input, campaign: index === 2 ? otherCampaign : String(kickoffLabs().defaultCampaignId) }));
		kickoffLabs().control.setFaults({ queue: [{ path: `/v2/${otherCampaign}$`, respond: { status: 403, body: { message: 'Campaign locked' } } }] });
		const workflow = withNodeSettings(
			withParameters(kickoffLabsCreate, 'KickoffLabs', {
				campaign: { __rl: true, mode: 'id', value: '={{ $json.campaign }}' },
				options: { concurrency: 1 },
			}),
			'KickoffLabs',
			{ ...retrying, onError: 'stopWorkflow' },
		);

		const result = await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox), input: items(...inputs) });

		expect(result.error).toBeUndefined();
		expect(result.output('KickoffLabs', KICKOFFLABS_NEW_LEAD).map(pairedIndex)).toEqual([0, 1, 2, 3, 4, 5]);
		// Items 0 and 1, item 2 refused, then item 2 again and 3 to 5: 7 signups sent, each lead counted once.
		expect(kickoffLabs().control.requests.filter((request) => request.method === 'POST')).toHaveLength(7);
		expect(kickoffLabs().store.allLeads().map((lead) => lead.counter)).toEqual(Array(6).fill(1));
	});
});
