import type { AxiosInstance } from 'axios';
import type { IDataObject } from 'n8n-workflow';

import { isAfter, keyOf } from '../../nodes/SendKit/trigger/leadOrder';
import { client } from '../sandbox/helpers';
import { useTriggerHost } from '../helpers/triggers';
import { useSendKit } from '../helpers/sendkit';
import { loadWorkflow } from '../helpers/world';

const TRIGGER = 'SendKit New Lead Trigger';
const pollWorkflow = loadWorkflow('test/sendkit/newLeadTrigger.workflow.json');

const { world, sendKit, credentials, requests, seedLeads } = useSendKit();
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

/** Every combination of the list variants the docs leave open (the cursor's meaning only matters when paging by cursor). */
const LIST_VARIANTS = (['oldestFirst', 'newestFirst'] as const).flatMap((listOrder) => [
	{ listOrder, pagination: 'cursor', cursor: 'lastId' } as const,
	{ listOrder, pagination: 'cursor', cursor: 'opaque' } as const,
	{ listOrder, pagination: 'page' } as const,
]);

const listRequests = () => requests('GET', /^\/v1\/leads$/).length;
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${String(index).padStart(4, '0')}@example.com`);
const seedEmails = (emails: string[]) => seedLeads(emails.length, (index) => ({ email: emails[index] }));

/** Polls until two polls in a row find nothing (at most `limit` polls); every email emitted, in order, and the pages each poll read. */
async function drain(active: Awaited<ReturnType<typeof activatePoller>>, limit = 6): Promise<{ emitted: unknown[]; pagesPerPoll: number[] }> {
	const emitted: unknown[] = [];
	const pagesPerPoll: number[] = [];
	let lastEmpty = false;
	for (let polls = 0; polls < limit; polls++) {
		const before = listRequests();
		const run = await active.poll();
		pagesPerPoll.push(listRequests() - before);
		expect(run?.error).toBeUndefined();
		emitted.push(...emailsOf(run?.output(TRIGGER)));
		// A poll may emit nothing while it descends toward the oldest leads of a burst: two empty polls in a row end it.
		const quiet = pagesPerPoll.length >= 2 && run === undefined && lastEmpty;
		lastEmpty = run === undefined;
		if (quiet) break;
	}
	return { emitted, pagesPerPoll };
}

describe.each(LIST_VARIANTS)('SendKit New Lead Trigger, whatever the list order and cursor (%p)', (variants) => {
	beforeEach(() => sendKit().store.variants.set(variants));

	it('emits every lead created after activation exactly once, oldest first, across polls and pages', async () => {
		seedEmails(numbered('existing', 150));
		const active = await activatePoller();
		const burst = numbered('burst', 234);
		await createLeads(...burst);
		const first = await drain(active);
		await createLeads('later1@example.com', 'later2@example.com');
		const second = await drain(active);

		expect(first.emitted).toEqual(burst);
		expect(second.emitted).toEqual(['later1@example.com', 'later2@example.com']);
	});

	it('spreads a burst larger than one poll reads over the next polls, oldest first, losing none', async () => {
		const active = await activatePoller();
		const burst = numbered('huge', 5150);
		seedEmails(burst);

		const { emitted, pagesPerPoll } = await drain(active);

		expect(emitted).toEqual(burst);
		expect(Math.max(...pagesPerPoll)).toBeLessThanOrEqual(50);
	});

	it('loses nothing and emits nothing twice when leads are deleted between polls', async () => {
		const existing = seedEmails(numbered('existing', 250));
		const active = await activatePoller();
		await createLeads('new1@example.com', 'new2@example.com', 'new3@example.com');
		expect(emailsOf((await active.poll())?.output(TRIGGER))).toEqual(['new1@example.com', 'new2@example.com', 'new3@example.com']);
		const { store, workspaceId } = sendKit();
		const newest = store.findLeadByEmail(workspaceId, 'new3@example.com');
		store.deleteLeads(workspaceId, [...existing.slice(0, 150).map((lead) => lead._id), newest?._id ?? '']);
		await createLeads('new4@example.com', 'new5@example.com');

		expect((await drain(active)).emitted).toEqual(['new4@example.com', 'new5@example.com']);
	});

	it('tells apart leads created in the same millisecond as the last one emitted', async () => {
		const active = await activatePoller();
		await createLeads('same1@example.com');
		expect(emailsOf((await active.poll())?.output(TRIGGER))).toEqual(['same1@example.com']);
		await createLeads('same2@example.com', 'same3@example.com');
		const { store, workspaceId } = sendKit();
		const createdAt = store.findLeadByEmail(workspaceId, 'same1@example.com')?.createdAt;
		for (const email of ['same2@example.com', 'same3@example.com']) Object.assign(store.findLeadByEmail(workspaceId, email) ?? {}, { createdAt });

		expect((await drain(active)).emitted).toEqual(['same2@example.com', 'same3@example.com']);
	});

	it('loses nothing and emits nothing twice when the list changes between the pages of one poll', async () => {
		seedEmails(numbered('existing', 120));
		const active = await activatePoller();
		const burst = numbered('moving', 250);
		seedEmails(burst);
		const { store, workspaceId } = sendKit();
		const goneEmails = [burst[200], burst[201], 'existing0000@example.com'];
		let pagesRead = 0;
		store.listing.beforePage = () => {
			pagesRead += 1;
			// Between the first and second page: two leads near the top and an old one go, a new one comes, so the
			// leads after them move up a place.
			if (pagesRead !== 2) return;
			store.deleteLeads(workspaceId, goneEmails.map((email) => store.findLeadByEmail(workspaceId, email)?._id ?? ''));
			store.createLead({ email: 'arrived@example.com', userId: store.workspaces[0].ownerId, workspaceId });
		};

		const { emitted } = await drain(active);

		// A deleted lead may have been read before it went: then it is emitted, once.
		expect(emitted.filter((email) => !goneEmails.includes(String(email)))).toEqual([...burst.filter((email) => !goneEmails.includes(email)), 'arrived@example.com']);
		expect(new Set(emitted).size).toBe(emitted.length);
	});

	it('emits a lead again only when the saved state of the poll that emitted it was lost', async () => {
		const active = await activatePoller();
		await createLeads('first@example.com');
		const before = active.staticData();
		expect(emailsOf((await active.poll())?.output(TRIGGER))).toEqual(['first@example.com']);
		await createLeads('second@example.com');
		// n8n crashed before saving the static data of that poll: the next process starts from the state before it.
		const restarted = await activatePoller(before);

		const runs = await restarted.settledRuns();
		expect(runs.flatMap((run) => emailsOf(run.output(TRIGGER)))).toEqual(['first@example.com', 'second@example.com']);
		expect(await restarted.poll()).toBeUndefined();
	});
});

describe('SendKit New Lead Trigger static data', () => {
	it('two processes polling from the same state at once each emit a new lead once, and skip none', async () => {
		const first = await activatePoller();
		await createLeads('overlap@example.com');
		const second = await activatePoller(first.staticData());
		const firstPoll = await first.poll();

		expect(emailsOf((await second.settledRuns())[0]?.output(TRIGGER))).toEqual(['overlap@example.com']);
		expect(emailsOf(firstPoll?.output(TRIGGER))).toEqual(['overlap@example.com']);
		await createLeads('after-overlap@example.com');
		expect(emailsOf((await second.poll())?.output(TRIGGER))).toEqual(['after-overlap@example.com']);
		expect(await second.poll()).toBeUndefined();
	});

	it('keeps a few fields, however many leads it has emitted', async () => {
		const active = await activatePoller();
		seedEmails(numbered('many', 3000));
		await drain(active);
		expect(JSON.stringify(active.staticData()).length).toBeLessThan(300);
	});

	it('continues from the newest lead id that version 1.0 of the node saved, emitting nothing twice', async () => {
		await createLeads('seen-by-1.0@example.com');
		const lastLeadId = sendKit().store.findLeadByEmail(sendKit().workspaceId, 'seen-by-1.0@example.com')?._id;
		await createLeads('after-upgrade@example.com');
		const active = await activatePoller({ 'node:SendKit New Lead Trigger': { started: true, lastLeadId } });
		expect((await active.settledRuns()).flatMap((run) => emailsOf(run.output(TRIGGER)))).toEqual(['after-upgrade@example.com']);
	});

	it('leaves the leads to the next poll when page numbers keep moving during a poll', async () => {
		sendKit().store.variants.set({ listOrder: 'newestFirst', pagination: 'page' });
		const active = await activatePoller();
		const burst = numbered('busy', 150);
		seedEmails(burst);
		const { store, workspaceId } = sendKit();
		let arrivals = 0;
		store.listing.beforePage = () => {
			arrivals += 1;
			store.createLead({ email: `arrival${arrivals}@example.com`, userId: store.workspaces[0].ownerId, workspaceId });
		};
		expect(await active.poll()).toBeUndefined();
		store.listing.beforePage = undefined;

		const arrived = Array.from({ length: arrivals }, (_, index) => `arrival${index + 1}@example.com`);
		expect((await drain(active)).emitted).toEqual([...burst, ...arrived]);
	});
});

describe('SendKit New Lead Trigger activation cost', () => {
	it.each([
		[{ listOrder: 'newestFirst', pagination: 'cursor', cursor: 'lastId' }, 1],
		[{ listOrder: 'newestFirst', pagination: 'cursor', cursor: 'opaque' }, 1],
		[{ listOrder: 'newestFirst', pagination: 'page' }, 1],
		[{ listOrder: 'oldestFirst', pagination: 'page' }, 2],
		[{ listOrder: 'oldestFirst', pagination: 'cursor', cursor: 'lastId' }, 50],
	] as const)('reads a bounded number of pages of 5,000 existing leads to activate and to fetch a test event (%p: %i)', async (variants, pages) => {
		sendKit().store.variants.set(variants);
		const existing = seedEmails(numbered('existing', 5000));

		const active = await activatePoller();
		const activation = listRequests();
		const test = await active.fetchTestEvent();

		expect([activation, listRequests() - activation]).toEqual([pages, pages]);
		expect(emailsOf(test?.[0])).toEqual([existing[4999].email]);
		expect(await active.settledRuns()).toHaveLength(0);
	});
});

describe('SendKit New Lead Trigger creation order', () => {
	const lead = (_id: string, createdAt?: string) => ({ _id, email: 'x@example.com', ...(createdAt ? { createdAt } : {}) });

	it('orders leads by createdAt, then by id within the same millisecond, ignoring the case of ids', () => {
		const at = '2026-01-01T00:00:00.000Z';
		expect(isAfter(keyOf(lead('665d0000aaaaaaaaaa000001', '2026-01-01T00:00:00.001Z')), keyOf(lead('665d0000aaaaaaaaaa000009', at)))).toBe(true);
		expect(isAfter(keyOf(lead('665d0000aaaaaaaaaa000002', at)), keyOf(lead('665d0000aaaaaaaaaa000001', at)))).toBe(true);
		expect(isAfter(keyOf(lead('665D0000AAAAAAAAAA000001', at)), keyOf(lead('665d0000aaaaaaaaaa000001', at)))).toBe(false);
		expect(isAfter(keyOf(lead('665d0000aaaaaaaaaa000001', at)), null)).toBe(true);
	});

	it('falls back to the creation second in the ObjectId for a lead without a readable createdAt', () => {
		expect(keyOf(lead('665d0000aaaaaaaaaa000001'))).toEqual({ at: 0x665d0000 * 1000, id: '665d0000aaaaaaaaaa000001' });
		expect(keyOf(lead('665d0000aaaaaaaaaa000001', 'yesterday')).at).toBe(0x665d0000 * 1000);
	});
});
