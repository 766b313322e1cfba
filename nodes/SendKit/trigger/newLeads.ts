import type { IPollFunctions } from 'n8n-workflow';

import type { PagePosition } from '../transport/pagination';
import { nextPagePosition } from '../transport/pagination';
import type { SendKitLead } from '../transport/schemas';
import { leadListEnvelopeSchema } from '../transport/schemas';
import { sendKit } from '../transport/service';

const PAGE_SIZE = 100;

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

async function readPages(
	context: IPollFunctions,
	after: string | undefined,
	maxPages: number,
	onPage: (leads: SendKitLead[]) => void,
): Promise<void> {
	let position: PagePosition | undefined = after ? { cursor: after } : undefined;
	for (let pageCount = 0; pageCount < maxPages; pageCount++) {
		const page = await sendKit.request(
			context,
			{ method: 'GET', path: '/v1/leads', qs: { limit: PAGE_SIZE, ...position } },
			leadListEnvelopeSchema,
		);
		onPage(page.data);
		position = nextPagePosition(page, position);
		if (!position) return;
	}
}

/**
 * Leads created after the watermark, oldest first, at most MAX_PAGES_PER_POLL pages of them. Only leads whose id is
 * newer than the watermark count, whatever the API returns, so no lead is emitted twice.
 */
export async function leadsAfter(context: IPollFunctions, watermark: string | undefined): Promise<SendKitLead[]> {
	const found = new Map<string, SendKitLead>();
	await readPages(context, watermark, MAX_PAGES_PER_POLL, (leads) => {
		for (const lead of leads) if (isNewer(lead._id, watermark)) found.set(lead._id.toLowerCase(), lead);
	});
	return [...found.values()].sort((a, b) => (a._id.toLowerCase() < b._id.toLowerCase() ? -1 : 1));
}

/**
 * The newest lead: the one with the highest id, reading every page. Used once per activation (to set the watermark
 * without emitting the existing database) and by "Fetch Test Event".
 */
export async function newestLead(context: IPollFunctions): Promise<SendKitLead | undefined> {
	let newest: SendKitLead | undefined;
	await readPages(context, undefined, Number.MAX_SAFE_INTEGER, (leads) => {
		for (const lead of leads) if (!newest || isNewer(lead._id, newest._id)) newest = lead;
	});
	return newest;
}
