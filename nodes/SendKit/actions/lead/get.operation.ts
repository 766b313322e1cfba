import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { routeEachItem } from '../../../shared/branching';
import { apiResponseError } from '../../../shared/errors';
import { isSuccess, parseResponseBody } from '../../../shared/responses';
import { emailProperty, emailSchema, parseItemInput } from '../../../shared/validation';
import { sendKitRequest } from '../../transport';
import type { LeadListPage, SendKitLead } from '../../transport/responses';
import { leadEnvelopeSchema, leadListEnvelopeSchema } from '../../transport/responses';
import { leadFieldLabels } from './fields';

export const outputs = { found: 'Found', notFound: 'Not Found' } as const;

const showFor = { resource: ['lead'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Get By',
		name: 'getBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		options: [
			{ name: 'Email', value: 'email', description: 'Search the workspace for this exact email' },
			{ name: 'Lead ID', value: 'id', description: 'The lead\'s _id' },
		],
		displayOptions: { show: showFor },
	},
	emailProperty('Matched exactly, ignoring case', { show: { ...showFor, getBy: ['email'] } }),
	{
		displayName: 'Lead ID',
		name: 'leadId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '665d4e5f6a7b8c9d0e1f2a3b',
		displayOptions: { show: { ...showFor, getBy: ['id'] } },
	},
];

/** Stops a search that the API keeps paging forever. 1,000 pages of 100 leads is far beyond a real workspace. */
const MAX_PAGES = 1000;
const PAGE_SIZE = 100;

const leadIdSchema = z.object({
	leadId: z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.trim()
		.regex(/^[a-f0-9]{24}$/i, 'must be a SendKit lead ID: 24 hexadecimal characters, like 665d4e5f6a7b8c9d0e1f2a3b'),
});

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	return await routeEachItem(this, Object.keys(outputs), async (itemIndex) => {
		const getBy = this.getNodeParameter('getBy', itemIndex) as string;
		const lead = getBy === 'id' ? await getLeadById(this, itemIndex) : await findLeadByEmail(this, itemIndex);
		// Not Found carries the input unchanged, so that branch can feed a Create node directly.
		return lead ? { branch: 'found', json: lead } : { branch: 'notFound', json: items[itemIndex].json };
	});
}

/** GET /v1/leads/{id}: not in the public reference, inferred from the REST layout (see README). */
async function getLeadById(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject | undefined> {
	const { leadId } = parseItemInput(
		context,
		leadIdSchema,
		{ leadId: context.getNodeParameter('leadId', itemIndex) },
		leadFieldLabels,
		itemIndex,
	);
	const response = await sendKitRequest(
		context,
		{ method: 'GET', path: `/v1/leads/${encodeURIComponent(leadId)}` },
		itemIndex,
	);
	if (response.statusCode === 404) return undefined;
	if (!isSuccess(response)) throw apiResponseError(context, 'SendKit', response, itemIndex);
	return parseResponseBody(context, 'SendKit', leadEnvelopeSchema, response, itemIndex).data;
}

/**
 * The list endpoint's `search` matches parts of several fields, so the pages are walked until a lead
 * with exactly this email turns up or the list ends.
 */
async function findLeadByEmail(context: IExecuteFunctions, itemIndex: number): Promise<SendKitLead | undefined> {
	const { email } = parseItemInput(
		context,
		z.object({ email: emailSchema }),
		{ email: context.getNodeParameter('email', itemIndex) },
		leadFieldLabels,
		itemIndex,
	);
	let position: PagePosition | undefined;
	for (let pageCount = 0; pageCount < MAX_PAGES; pageCount++) {
		const response = await sendKitRequest(
			context,
			{ method: 'GET', path: '/v1/leads', qs: { search: email, limit: PAGE_SIZE, ...position } },
			itemIndex,
		);
		if (!isSuccess(response)) throw apiResponseError(context, 'SendKit', response, itemIndex);
		const page = parseResponseBody(context, 'SendKit', leadListEnvelopeSchema, response, itemIndex);
		const match = page.data.find((lead) => lead.email.toLowerCase() === email);
		if (match) return match;
		const next = nextPagePosition(page, position);
		if (!next) return undefined;
		position = next;
	}
	return undefined;
}

type PagePosition = { page: number } | { cursor: string };

/** Cursor pagination (current API) with a fallback to page numbers (older reference pages). */
export function nextPagePosition(page: LeadListPage, current?: PagePosition): PagePosition | undefined {
	const pagination = page.pagination;
	if (!pagination) return undefined;
	if (pagination.hasMore !== undefined || pagination.nextCursor !== undefined) {
		const cursor = pagination.nextCursor;
		if (!pagination.hasMore || !cursor) return undefined;
		if (current && 'cursor' in current && current.cursor === cursor) return undefined;
		return { cursor };
	}
	const currentPage = current && 'page' in current ? current.page : 1;
	if (pagination.pages !== undefined && currentPage < pagination.pages) return { page: currentPage + 1 };
	return undefined;
}
