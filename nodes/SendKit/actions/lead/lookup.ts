import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { withFailure } from '../../../shared/failureKind';
import { find } from '../../../shared/find';
import type { ApiRequest } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { leadPath } from '../../fields/leadId.field';
import { walkPages } from '../../transport/pagination';
import type { SendKitLead } from '../../transport/schemas';
import { leadEnvelopeSchema, leadListEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

/**
 * How many pages of search results an email lookup reads before it gives up. The search matches parts of several
 * fields, so an exact email normally turns up on the first page; 20 pages of 100 is far beyond that.
 */
const MAX_SEARCH_PAGES = 20;
const PAGE_SIZE = 100;

/**
 * The lead with exactly this email (ignoring case), or undefined when the search ends without one. The list
 * endpoint's `search` matches parts of several fields, so pages are walked until an exact match or the end; a search
 * that would need more than MAX_SEARCH_PAGES pages is an error that says so, never a silent "not found".
 */
export async function findLeadByEmail(
	run: Run<IExecuteFunctions>,
	email: string,
	itemIndex: number,
): Promise<SendKitLead | undefined> {
	let pageCount = 0;
	const pages = walkPages(run, { method: 'GET', path: '/v1/leads', qs: { search: email }, itemIndex }, leadListEnvelopeSchema, PAGE_SIZE);
	for await (const page of pages) {
		const match = page.items.find((lead) => lead.email.toLowerCase() === email);
		if (match) return match;
		pageCount += 1;
		if (!page.more) return undefined;
		if (pageCount >= MAX_SEARCH_PAGES) break;
	}
	// SendKit answered every page; it is the search that cannot tell: the agent is told to get the lead by its ID.
	const error = new NodeOperationError(
		run.context.getNode(),
		`SendKit: the search for ${email} was cut short after ${MAX_SEARCH_PAGES} pages without an exact match`,
		{
			itemIndex,
			description: `SendKit kept returning further pages of partial matches (${MAX_SEARCH_PAGES * PAGE_SIZE} leads read). The lead may still exist, so this item is not reported as Not Found. Get it by Lead ID instead.`,
		},
	);
	throw withFailure(error, { kind: 'refused' });
}

/** GET /v1/leads/{id}: the full lead, or undefined when SendKit says (in its own words) that there is none. */
export async function getLeadById(
	run: Run<IExecuteFunctions>,
	leadId: string,
	itemIndex: number,
): Promise<SendKitLead | undefined> {
	const request: ApiRequest = { method: 'GET', path: leadPath(run.context, leadId, itemIndex), itemIndex };
	return (await find(sendKit, run, request, leadEnvelopeSchema))?.data;
}
