import type { IPollFunctions } from 'n8n-workflow';

import type { Run } from '../../shared/run';
import type { PagePosition } from '../transport/pagination';
import { MAX_PAGE_SIZE, walkPages } from '../transport/pagination';
import type { SendKitLead } from '../transport/schemas';
import { leadListEnvelopeSchema } from '../transport/schemas';
import type { ListOrder } from './leadOrder';
import { OrderTracker, compareKeys, isAfter, keyOf } from './leadOrder';
import type { PollState } from './pollState';

const LEAD_LIST = { method: 'GET', path: '/v1/leads' } as const;

/**
 * How many pages one poll reads for new leads: 50 pages of 100. A larger burst is spread over the next polls (the
 * watermark only moves past leads that were emitted), so a burst never makes one poll run for minutes.
 */
export const MAX_PAGES_PER_POLL = 50;

/**
 * How many times one poll reads the list again when page numbers moved under it (its `total` changed between pages):
 * after that it emits nothing and the next poll tries, so no lead is skipped.
 */
const MAX_WALKS_PER_POLL = 3;

interface ReadPage {
	items: SendKitLead[];
	/** Where this page was read from: undefined for the list's start. */
	position?: PagePosition;
	more: boolean;
	total?: number;
	/** The last page number, when the list pages by number. */
	pages?: number;
}

async function* readPages(run: Run<IPollFunctions>, start?: PagePosition): AsyncGenerator<ReadPage> {
	let position = start;
	for await (const page of walkPages(run, LEAD_LIST, leadListEnvelopeSchema, MAX_PAGE_SIZE, start)) {
		yield { items: page.items, position, more: page.more, total: page.pagination?.total, pages: page.pagination?.pages };
		position = page.next;
	}
}

export interface ListEnd {
	newest?: SendKitLead;
	state: PollState;
}

/**
 * The newest lead, and the state a first poll after activation starts from, reading as few pages as the list allows:
 * newest first, the first page holds it; oldest first by page numbers, the first page says which is the last; oldest
 * first by cursor, only walking every page reaches it (a cursor cannot jump to the end).
 */
export async function findListEnd(run: Run<IPollFunctions>): Promise<ListEnd> {
	const seen = new OrderTracker();
	let start: PagePosition | undefined;
	let resume: PagePosition | undefined;
	for (;;) {
		let jumpTo: PagePosition | undefined;
		for await (const page of readPages(run, start)) {
			seen.add(page.items);
			resume = page.position;
			if (seen.order === 'newestFirst') break;
			if (seen.order === 'oldestFirst' && page.more && page.pages !== undefined && !isPage(page.position, page.pages)) {
				jumpTo = { page: page.pages };
				break;
			}
		}
		if (!jumpTo) break;
		start = jumpTo;
	}
	const order = seen.order;
	const state: PollState = { watermark: seen.newest ? keyOf(seen.newest) : null, order };
	if (order === 'oldestFirst') state.resume = resume;
	return { newest: seen.newest, state };
}

function isPage(position: PagePosition | undefined, page: number): boolean {
	return position !== undefined && 'page' in position && position.page === page;
}

interface Walk {
	fresh: Map<string, SendKitLead>;
	order?: ListOrder;
	/** Whether the walk got to leads that are not new (or to the list's end): every new lead before them was read. */
	reachedOld: boolean;
	lastPosition?: PagePosition;
	/** Whether the first page read began with a lead that is not new (false for an empty first page). */
	startedAtOldLead: boolean;
	/** The list paged by number and its total changed between pages: leads may have moved from one page to another. */
	moved: boolean;
}

/** Reads from `start`, at most MAX_PAGES_PER_POLL pages, keeping the leads created after the watermark (once each, by id). */
async function walkFrom(run: Run<IPollFunctions>, start: PagePosition | undefined, state: PollState): Promise<Walk> {
	const seen = new OrderTracker();
	const walk: Walk = { fresh: new Map(), reachedOld: false, lastPosition: start, startedAtOldLead: false, moved: false };
	const totals = new Set<number>();
	let pagesRead = 0;
	for await (const page of readPages(run, start)) {
		pagesRead += 1;
		seen.add(page.items);
		walk.lastPosition = page.position;
		if (page.total !== undefined && page.pages !== undefined) totals.add(page.total);
		for (const lead of page.items) {
			const isNew = isNewLead(lead, state);
			if (pagesRead === 1 && lead === page.items[0]) walk.startedAtOldLead = !isNew;
			if (isNew) walk.fresh.set(lead._id.toLowerCase(), lead);
			else walk.reachedOld = true;
		}
		if (!page.more) walk.reachedOld = true;
		const order = seen.order ?? state.order;
		if ((walk.reachedOld && order === 'newestFirst') || pagesRead === MAX_PAGES_PER_POLL) break;
	}
	walk.order = seen.order ?? state.order;
	walk.moved = totals.size > 1;
	return walk;
}

/**
 * The leads created after the watermark, oldest first, and the state for the next poll. Oldest first, the poll
 * continues from the page the last one ended on; newest first, it reads from the top down to the watermark, and a
 * burst deeper than one poll reads is descended over several polls, emitting its oldest part first.
 */
export async function newLeadsSince(run: Run<IPollFunctions>, state: PollState): Promise<{ leads: SendKitLead[]; state: PollState }> {
	let start = state.order === 'oldestFirst' ? state.resume : state.descent;
	for (let walks = 1; walks <= MAX_WALKS_PER_POLL; walks += 1) {
		const walk = await walkFrom(run, start, state);
		if (walk.moved) continue;
		// Leads move to earlier page numbers when leads before them are deleted: unless the first page read begins with
		// a lead that is not new, new leads may be on the page before it. Step back a page, then to the first page.
		if (walk.order !== 'newestFirst' && !walk.startedAtOldLead && start && 'page' in start && start.page > 1) {
			start = { page: walks === 1 ? start.page - 1 : 1 };
			continue;
		}
		return settle(walk, state);
	}
	return { leads: [], state };
}

function isNewLead(lead: SendKitLead, state: PollState): boolean {
	const key = keyOf(lead);
	return isAfter(key, state.watermark) && (state.idFloor === undefined || key.id > state.idFloor);
}

function settle(walk: Walk, state: PollState): { leads: SendKitLead[]; state: PollState } {
	const order = walk.order;
	if (order === 'newestFirst' && !walk.reachedOld) {
		// The oldest new leads are deeper than this poll read: continue from its last page next time, emitting nothing yet.
		return { leads: [], state: { watermark: state.watermark, order, descent: walk.lastPosition, idFloor: state.idFloor } };
	}
	const leads = [...walk.fresh.values()].sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
	const newest = leads[leads.length - 1];
	// Once a lead is emitted the watermark is past version 1.0's floor, which is then no longer needed.
	const next: PollState = newest ? { watermark: keyOf(newest), order } : { watermark: state.watermark, order, idFloor: state.idFloor };
	if (order === 'oldestFirst') next.resume = walk.lastPosition;
	return { leads, state: next };
}
