import type { IPollFunctions } from 'n8n-workflow';

import type { Run } from '../../shared/run';
import { MAX_PAGE_SIZE, walkPages } from '../transport/pagination';
import type { SendKitLead } from '../transport/schemas';
import { leadListEnvelopeSchema } from '../transport/schemas';

/** The lead list, which pages by cursor in id (creation) order: the watermark is where the next poll starts. */
const LEAD_LIST = { method: 'GET', path: '/v1/leads' } as const;

/**
 * How many pages one poll reads for new leads: 50 pages of 100. More new leads than that are left for the next poll
 * (the watermark only moves past leads that were emitted), so a burst never makes one poll run for minutes.
 */
const MAX_PAGES_PER_POLL = 50;

/**
 * SendKit lead ids are MongoDB ObjectIds, whose first 8 hex digits are the creation second: in the same case and
 * length they sort in creation order, which is what the list's cursor pages by.
 */
export function isNewer(id: string, than: string | undefined): boolean {
	return than === undefined || id.toLowerCase() > than.toLowerCase();
}

/**
 * Leads created after the watermark, oldest first, at most MAX_PAGES_PER_POLL pages of them. Only leads whose id is
 * newer than the watermark count, whatever the API returns, so no lead is emitted twice.
 */
export async function leadsAfter(run: Run<IPollFunctions>, watermark: string | undefined): Promise<SendKitLead[]> {
	const found = new Map<string, SendKitLead>();
	let pagesRead = 0;
	const start = watermark ? { cursor: watermark } : undefined;
	for await (const page of walkPages(run, LEAD_LIST, leadListEnvelopeSchema, MAX_PAGE_SIZE, start)) {
		for (const lead of page.items) if (isNewer(lead._id, watermark)) found.set(lead._id.toLowerCase(), lead);
		if (++pagesRead === MAX_PAGES_PER_POLL) break;
	}
	return [...found.values()].sort((a, b) => (a._id.toLowerCase() < b._id.toLowerCase() ? -1 : 1));
}

/**
 * The newest lead: the one with the highest id, reading every page. Used once per activation (to set the watermark
 * without emitting the existing database) and by "Fetch Test Event".
 */
export async function newestLead(run: Run<IPollFunctions>): Promise<SendKitLead | undefined> {
	let newest: SendKitLead | undefined;
	for await (const page of walkPages(run, LEAD_LIST, leadListEnvelopeSchema)) {
		for (const lead of page.items) if (!newest || isNewer(lead._id, newest._id)) newest = lead;
	}
	return newest;
}
