/**
 * The campaign an operation works on: the Campaign resource locator (picked from the workspace's campaigns, or an ID),
 * its search method and the campaign-id rule, once.
 */

import type { IExecuteFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { withFailure } from '../../shared/failureKind';
import type { RequestContext } from '../../shared/request';
import { itemParameter } from '../../shared/parameters';
import type { Run } from '../../shared/run';
import { standaloneRun } from '../../shared/run';
import { parseItemInput } from '../../shared/validation';
import type { PagePosition } from '../transport/pagination';
import { MAX_PAGE_SIZE, walkPages } from '../transport/pagination';
import type { SendKitCampaign } from '../transport/schemas';
import { campaignListEnvelopeSchema } from '../transport/schemas';

const CAMPAIGN_ID_PROBLEM = 'must be a SendKit campaign ID: 24 hexadecimal characters, like 6650a1b2c3d4e5f6a7b8c901';

/** A campaign `_id` (a MongoDB ObjectId, like every SendKit id). */
export const campaignIdSchema = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.trim()
	.min(1, 'is required')
	.regex(/^[a-f0-9]{24}$/i, CAMPAIGN_ID_PROBLEM)
	.transform((id) => id.toLowerCase());

export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaign',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The campaign, picked from the workspace\'s campaigns or given by ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a campaign...',
			typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 6650a1b2c3d4e5f6a7b8c901',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[a-fA-F0-9]{24}\\s*$', errorMessage: 'A campaign ID is 24 hexadecimal characters' },
				},
			],
		},
	],
};

/**
 * The Campaign picker: GET /v1/campaigns with the typed text as `search` (a part of the name), one page per scroll.
 * The status shows beside the name, since adding leads to an active campaign starts sending at once.
 */
export async function searchCampaigns(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const search = (filter ?? '').trim();
	const pages = walkPages<SendKitCampaign>(
		standaloneRun(this),
		{ method: 'GET', path: '/v1/campaigns', qs: search ? { search } : {} },
		campaignListEnvelopeSchema,
		MAX_PAGE_SIZE,
		positionOf(paginationToken),
	);
	const first = await pages.next();
	await pages.return(undefined);
	if (first.done === true) return { results: [] };
	const page = first.value;
	return {
		results: page.items.map((campaign) => ({ name: `${campaign.name} (${campaign.status})`, value: campaign._id })),
		paginationToken: page.next ? tokenOf(page.next) : undefined,
	};
}

/** The editor hands back the token of the page before: `cursor:<id>` or `page:<n>`. */
function tokenOf(position: PagePosition): string {
	return 'cursor' in position ? `cursor:${position.cursor}` : `page:${position.page}`;
}

function positionOf(token: string | undefined): PagePosition | undefined {
	const [kind, value] = (token ?? '').split(/:(.*)/s);
	if (kind === 'cursor' && value) return { cursor: value };
	if (kind === 'page' && /^\d+$/.test(value ?? '')) return { page: Number(value) };
	return undefined;
}

/** The item's campaign id, checked before any request: an empty or malformed one names the field and the item. */
export function campaignIdFor(run: Run<IExecuteFunctions>, itemIndex: number): string {
	const { context } = run;
	const value = itemParameter(run, 'campaign', itemIndex, '', { extractValue: true });
	return parseItemInput(context, z.object({ campaign: campaignIdSchema }), { campaign: value }, { campaign: 'Campaign' }, itemIndex).campaign;
}

/** The path of one campaign; ids are checked again here, so an id from anywhere can never walk the path. */
export function campaignPath(context: RequestContext, campaignId: string, itemIndex?: number, rest = ''): string {
	const parsed = campaignIdSchema.safeParse(campaignId);
	if (!parsed.success) {
		const error = new NodeOperationError(context.getNode(), `SendKit: "${String(campaignId).slice(0, 40)}" is not a SendKit campaign ID, so no request was sent for it`, {
			itemIndex,
		});
		throw withFailure(error, { kind: 'input' });
	}
	return `/v1/campaigns/${parsed.data}${rest}`;
}
