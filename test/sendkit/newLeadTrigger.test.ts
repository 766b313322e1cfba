import type { AxiosInstance } from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { isNewer } from '../../nodes/SendKit/trigger/newLeads';
import { client } from '../sandbox/helpers';
import { useTriggerHost } from '../helpers/triggers';
import { useSendKit } from '../helpers/sendkit';
import { loadWorkflow } from '../helpers/world';

const TRIGGER = 'SendKit New Lead Trigger';
const pollWorkflow = loadWorkflow('test/sendkit/newLeadTrigger.workflow.json');

const { world, sendKit, credentials } = useSendKit();
const { activate } = useTriggerHost(world);

const api = (): AxiosInstance => client(sendKit().url, { 'X-Api-Key': sendKit().workspaceKey });
const activatePoller = async (staticData?: IDataObject) =>
	await activate(pollWorkflow, { credentials: credentials(), staticData });

async function createLeads(...emails: string[]): Promise<void> {
	for (const email of emails) {
		const response = await api().post('/v1/leads', { email });
		expect(response.status).toBe(201);
	}
}

const emailsOf = (items: Array<{ json: Record<string, unknown> }> | undefined) => (items ?? []).map((item) => item.json.email);

describe('SendKit New Lead Trigger', () => {
	it('the first poll after activation emits nothing, however many leads exist', async () => {
		await createLeads('old1@example.com', 'old2@example.com');
		const active = await activatePoller();
		expect(await active.settledRuns()).toHaveLength(0);
		expect(await active.poll()).toBeUndefined();
	});

	it('emits each lead created since the last poll exactly once, oldest first', async () => {
		await createLeads('old@example.com');
		const active = await activatePoller();
		await createLeads('new1@example.com', 'new2@example.com');
		const run = await active.poll();
		expect(run?.error).toBeUndefined();
		expect(emailsOf(run?.output(TRIGGER))).toEqual(['new1@example.com', 'new2@example.com']);
		expect(await active.poll()).toBeUndefined();
		await createLeads('new3@example.com');
		expect(emailsOf((await active.poll())?.output(TRIGGER))).toEqual(['new3@example.com']);
	});

	it('after a restart with its static data, emits nothing twice and catches up on new leads', async () => {
		const first = await activatePoller();
		await createLeads('before-restart@example.com');
		expect(emailsOf((await first.poll())?.output(TRIGGER))).toEqual(['before-restart@example.com']);
		await createLeads('while-down@example.com');
		const restarted = await activatePoller(first.staticData());
		// n8n polls once at activation: the lead created while n8n was down starts the workflow then.
		const runs = await restarted.settledRuns();
		expect(runs.flatMap((run) => emailsOf(run.output(TRIGGER)))).toEqual(['while-down@example.com']);
		expect(await restarted.poll()).toBeUndefined();
	});

	it('with no leads at activation, every later lead is new', async () => {
		const active = await activatePoller();
		await createLeads('first-ever@example.com');
		expect(emailsOf((await active.poll())?.output(TRIGGER))).toEqual(['first-ever@example.com']);
	});

	it('reads every page of a burst of new leads, each once', async () => {
		const active = await activatePoller();
		const emails = Array.from({ length: 130 }, (_, index) => `burst${String(index).padStart(3, '0')}@example.com`);
		await createLeads(...emails);
		const run = await active.poll();
		expect(emailsOf(run?.output(TRIGGER))).toEqual(emails);
		const listCalls = sendKit().control.requests.filter((request) => request.method === 'GET' && request.path === '/v1/leads');
		expect(listCalls.length).toBeGreaterThanOrEqual(2);
		expect(await active.poll()).toBeUndefined();
	});

	it('reads at most 50 pages in one poll and leaves the leads beyond them for the next poll', async () => {
		const active = await activatePoller();
		const id = (page: number) => `665d0000aaaaaaaaaa${String(page).padStart(6, '0')}`;
		const listPage = (page: number, hasMore: boolean) => ({
			method: 'GET',
			path: '^/v1/leads',
			respond: {
				status: 200,
				body: { success: true, data: [{ _id: id(page), email: `page${page}@example.com` }], pagination: { hasMore, nextCursor: id(page) } },
			},
		});
		sendKit().control.setFaults({ queue: Array.from({ length: 52 }, (_, index) => listPage(index + 1, index + 1 < 52)) });

		const first = await active.poll();
		const second = await active.poll();

		expect(emailsOf(first?.output(TRIGGER))).toEqual(Array.from({ length: 50 }, (_, index) => `page${index + 1}@example.com`));
		expect(emailsOf(second?.output(TRIGGER))).toEqual(['page51@example.com', 'page52@example.com']);
	});

	it('Fetch Test Event returns the newest lead and changes nothing', async () => {
		await createLeads('a@example.com', 'b@example.com');
		const active = await activatePoller();
		const before = active.staticData();
		const test = await active.fetchTestEvent();
		expect(emailsOf(test?.[0])).toEqual(['b@example.com']);
		expect(active.staticData()).toEqual(before);
		await createLeads('c@example.com');
		expect(emailsOf((await active.poll())?.output(TRIGGER))).toEqual(['c@example.com']);
	});

	it('Fetch Test Event with no leads returns nothing', async () => {
		const active = await activatePoller();
		expect(await active.fetchTestEvent()).toBeNull();
	});
});

describe('SendKit New Lead Trigger ids', () => {
	it('orders ObjectIds by creation time', () => {
		expect(isNewer('665d0000aaaaaaaaaa000002', '665d0000aaaaaaaaaa000001')).toBe(true);
		expect(isNewer('665D0000AAAAAAAAAA000001', '665d0000aaaaaaaaaa000001')).toBe(false);
		expect(isNewer('665d0000aaaaaaaaaa000001', undefined)).toBe(true);
	});
});
