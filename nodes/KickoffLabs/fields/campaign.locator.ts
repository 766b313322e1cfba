/**
 * The campaign every lead operation works in: the Campaign resource locator (picked from the account's campaigns, or
 * an ID), falling back to the credential's Default Campaign ID. The property, its search method and the campaign-id
 * rule live here, once.
 */

import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { withFailure } from '../../shared/failureKind';
import { blankToUndefined, failInput, readableErrors } from '../../shared/validation';
import { itemParameter } from '../../shared/parameters';
import type { Run } from '../../shared/run';
import { standaloneRun } from '../../shared/run';
import { campaignListSchema } from '../transport/schemas';
import { kickoffLabs } from '../transport/service';

const CAMPAIGN_ID_PROBLEM = 'must be a KickoffLabs campaign ID: digits only, like 135544';

/** A campaign id: digits, small enough to be an exact number (ids beyond JavaScript's safe integers are refused). */
export const campaignIdSchema = z
	.string()
	.trim()
	.regex(/^\d+$/, CAMPAIGN_ID_PROBLEM)
	.refine((id) => Number(id) <= Number.MAX_SAFE_INTEGER, `${CAMPAIGN_ID_PROBLEM} (at most ${Number.MAX_SAFE_INTEGER})`);

export const campaignLocator: INodeProperties = {
	displayName: 'Campaign',
	name: 'campaign',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The campaign to work in. Leave empty to use the Default Campaign ID of the KickoffLabs credential.',
	hint: "Empty: the Default Campaign ID of the KickoffLabs credential is used (marked as the credential's default in the list)",
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Empty: the credential\'s default campaign',
			typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'Empty: the credential\'s default, or e.g. 135544',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\s*[0-9]{0,16}\\s*$', errorMessage: 'A campaign ID is digits only, like 135544' },
				},
			],
		},
	],
};

/**
 * The Campaign picker: GET /v2/campaigns, filtered by name or ID as the user types. The credential's default campaign
 * comes first and says so, because an empty Campaign means that one and the field cannot name it otherwise.
 */
export async function searchCampaigns(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const campaigns = await kickoffLabs.request(standaloneRun(this), { method: 'GET', path: '/v2/campaigns' }, campaignListSchema);
	const defaultId = campaignIdOf(undefined, (await kickoffLabs.credentials(this)).campaignId)?.id;
	const isDefault = (campaign: { id: number | string }) => String(campaign.id) === defaultId;
	const needle = (filter ?? '').trim().toLowerCase();
	return {
		results: campaigns
			.filter((campaign) => !needle || campaign.name.toLowerCase().includes(needle) || String(campaign.id).includes(needle))
			.sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)))
			.map((campaign) => ({ name: isDefault(campaign) ? `${campaign.name} (the credential's default)` : campaign.name, value: String(campaign.id) })),
	};
}

/** A campaign id given in the node, or the credential's default; undefined when neither is set. */
export function campaignIdOf(nodeValue: unknown, credentialValue: unknown): { id: string; from: 'node' | 'credential' } | undefined {
	const fromNode = blankToUndefined(nodeValue);
	if (fromNode !== undefined) return { id: String(fromNode).trim(), from: 'node' };
	const fromCredential = blankToUndefined(credentialValue);
	if (fromCredential !== undefined) return { id: String(fromCredential).trim(), from: 'credential' };
	return undefined;
}

const NO_CAMPAIGN =
	'no campaign is chosen in the node and the KickoffLabs credential has no Default Campaign ID. Choose a campaign, or set Default Campaign ID in the credential';

/**
 * The campaign an item works in: the node's Campaign, else the credential's Default Campaign ID. Neither, or a value
 * that is not an id, stops the item with a clear error before any request.
 */
export async function campaignIdFor(run: Run<IExecuteFunctions>, itemIndex: number): Promise<string> {
	const { context } = run;
	const nodeValue = itemParameter(run, 'campaign', itemIndex, '', { extractValue: true });
	const credentials = await kickoffLabs.credentialsOnce(run, itemIndex);
	const campaign = campaignIdOf(nodeValue, credentials.campaignId);
	if (!campaign) return failInput(context, 'Campaign', NO_CAMPAIGN, itemIndex);
	const parsed = campaignIdSchema.safeParse(campaign.id, { errorMap: readableErrors });
	if (!parsed.success) {
		return failInput(context, campaign.from === 'node' ? 'Campaign' : 'Default Campaign ID', parsed.error.issues[0].message, itemIndex);
	}
	return parsed.data;
}

/** The same campaign for the editor's option lists (which have no item): the chosen one, else the credential's. */
export async function campaignIdForEditor(context: ILoadOptionsFunctions, purpose: string): Promise<string> {
	const nodeValue = context.getCurrentNodeParameter('campaign', { extractValue: true });
	const credentials = await kickoffLabs.credentials(context);
	const campaign = campaignIdOf(nodeValue, credentials.campaignId);
	const parsed = campaign ? campaignIdSchema.safeParse(campaign.id) : undefined;
	if (!parsed?.success) {
		const error = new NodeOperationError(
			context.getNode(),
			`Choose a campaign first (or set Default Campaign ID in the KickoffLabs credential) to list its ${purpose}`,
		);
		throw withFailure(error, { kind: 'input' });
	}
	return parsed.data;
}

/**
 * The same campaign for a trigger's webhook lifecycle (activation, check, removal), which has no item: the node's
 * Campaign, else the credential's Default Campaign ID; neither, or not an id, stops the activation with a clear error.
 */
export async function campaignIdForTrigger(context: IHookFunctions): Promise<string> {
	const nodeValue = context.getNodeParameter('campaign', '', { extractValue: true });
	const credentials = await kickoffLabs.credentials(context);
	const campaign = campaignIdOf(nodeValue, credentials.campaignId);
	if (!campaign) throw withFailure(new NodeOperationError(context.getNode(), `Campaign: ${NO_CAMPAIGN}`), { kind: 'input' });
	const parsed = campaignIdSchema.safeParse(campaign.id, { errorMap: readableErrors });
	if (!parsed.success) {
		const field = campaign.from === 'node' ? 'Campaign' : 'Default Campaign ID';
		throw withFailure(new NodeOperationError(context.getNode(), `${field}: ${parsed.error.issues[0].message}`), { kind: 'input' });
	}
	return parsed.data;
}
