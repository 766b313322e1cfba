import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { BatchEntry, Routed } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import type { Run } from '../../../shared/run';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { emailProperty, emailSchema } from '../../../shared/validation';
import { campaignIdFor, campaignPath } from '../../fields/campaign.locator';
import { leadFieldOptions, leadFieldsSchema } from '../../fields/lead.fields';
import { leadIdProperty, leadIdSchema } from '../../fields/leadId.field';
import type { AddLeadsAnswer, SendKitCampaign } from '../../transport/schemas';
import { addLeadsEnvelopeSchema, campaignEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

/**
 * POST /v1/campaigns/{id}/leads takes at most 5,000 leads per request; a larger one is rejected
 * (docs/api-notes.md#sendkit-campaign-leads).
 */
const MAX_LEADS_PER_REQUEST = 5000;

const outputs = { success: 'Success' } as const;

/**
 * An `{email, …}` entry carries the lead's basic fields; tags and custom fields are the lead's own business (Create,
 * Import).
 */
const ENTRY_FIELD_NAMES = new Set(['firstName', 'lastName', 'companyName', 'jobTitle', 'phone', 'linkedinUrl', 'city', 'state', 'country']);

// The Campaign locator comes first, from Campaign.resource.ts (one property for every operation that needs it).
const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Adds leads to a SendKit outreach campaign, by email (creating the lead if needed) or by lead ID. If the campaign is active, SendKit starts emailing the added leads at once: only do this when the user asked for it.',
		{
			success: '"status" is added, skipped (already in the campaign; "reason" says why) or failed ("reason" says why); "campaignStatus" says whether sending has started (active).',
		},
	),
	{
		displayName:
			'Leads added to an active campaign start receiving its emails at once. Pick a draft or paused campaign to add leads without sending.',
		name: 'activeCampaignNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Add By',
		name: 'addBy',
		type: 'options',
		noDataExpression: true,
		default: 'email',
		options: [
			{ name: 'Email', value: 'email', description: 'SendKit creates the lead when no lead has this email' },
			{ name: 'Lead ID', value: 'leadId', description: 'A lead that exists in the workspace' },
		],
	},
	{ ...emailProperty('Email of the lead to add. Trimmed and lowercased.'), displayOptions: { show: { addBy: ['email'] } } },
	{
		displayName: 'Lead Fields',
		name: 'leadFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Used when SendKit creates the lead',
		displayOptions: { show: { addBy: ['email'] } },
		options: leadFieldOptions.filter((option) => ENTRY_FIELD_NAMES.has(option.name)),
	},
	{ ...leadIdProperty, displayOptions: { show: { addBy: ['leadId'] } } },
];

const inputSchema = z.discriminatedUnion('addBy', [
	z.object({ addBy: z.literal('email'), email: emailSchema, leadFields: leadFieldsSchema }),
	z.object({ addBy: z.literal('leadId'), leadId: leadIdSchema.transform((id) => id.toLowerCase()) }),
]);

/**
 * Items become `{email, firstName, …}` or `{leadId}` entries, sent in batches of up to 5,000 per campaign. Every item
 * comes out once: added, skipped (with why) or failed (with SendKit's message). When the campaign is active, the run
 * shows a hint that sending has started.
 */
export const addLeads = defineOperation({
	option: {
		name: 'Add Leads',
		value: 'addLeads',
		description: 'Add leads to a campaign by email or lead ID, up to 5,000 per request',
		action: 'Add leads to a campaign',
	},
	properties,
	outputs,
	input: inputSchema,
	prepare: ({ run, input, itemIndex }) => ({
		campaignId: campaignIdFor(run, itemIndex),
		entry: input.addBy === 'leadId' ? { leadId: input.leadId } : { email: input.email, ...input.leadFields },
	}),
	maxBatchSize: MAX_LEADS_PER_REQUEST,
	groupOf: (input) => input.campaignId,
	sendBatch: async ({ run, group, batch }) =>
		await addBatch(
			run,
			group,
			batch.map(({ itemIndex, value }) => ({ itemIndex, value: value.entry })),
		),
});

async function addBatch(
	run: Run<IExecuteFunctions>,
	campaignId: string,
	batch: ReadonlyArray<BatchEntry<IDataObject>>,
): Promise<Array<Routed<'success'>>> {
	const { context } = run;
	const itemIndex = batch[0].itemIndex;
	const campaign = (await sendKit.request(run, { method: 'GET', path: campaignPath(context, campaignId, itemIndex), itemIndex }, campaignEnvelopeSchema)).data;

	const firstByKey = new Map<string, number>();
	const leads: IDataObject[] = [];
	for (const entry of batch) {
		const key = keyOf(entry.value);
		if (firstByKey.has(key)) continue;
		firstByKey.set(key, entry.itemIndex);
		leads.push(entry.value);
	}
	const answer = (
		await sendKit.request(run, { method: 'POST', path: campaignPath(context, campaignId, itemIndex, '/leads'), body: { leads }, itemIndex }, addLeadsEnvelopeSchema)
	).data;
	if (campaign.status === 'active' && answer.added > 0) {
		context.addExecutionHints({
			message: `"${campaign.name}" is active: the ${answer.added} lead(s) just added start receiving its emails now.`,
			type: 'warning',
			location: 'outputPane',
		});
	}

	const outcomeOf = outcomes(answer, leads.length);
	const about = { campaignId: campaign._id, campaignName: campaign.name, campaignStatus: campaign.status };
	return batch.map((entry) => {
		const key = keyOf(entry.value);
		const first = firstByKey.get(key);
		const outcome: IDataObject =
			first === entry.itemIndex ? outcomeOf(entry.value, campaign) : { status: 'skipped', reason: `Same lead as item ${String(first)}, which was sent instead` };
		return { branch: 'success', json: { ...identity(entry.value), ...outcome, ...about } };
	});
}

function keyOf(entry: IDataObject): string {
	return typeof entry.leadId === 'string' ? `id:${entry.leadId}` : `email:${String(entry.email)}`;
}

function identity(entry: IDataObject): IDataObject {
	return typeof entry.leadId === 'string' ? { leadId: entry.leadId } : { email: entry.email };
}

/**
 * What happened to each entry. SendKit lists failed entries with a message but only counts the added and skipped
 * ones, so an entry is `added` or `skipped` when all the request's other entries had that outcome, `succeeded` when
 * the counts are mixed.
 */
function outcomes(answer: AddLeadsAnswer, sent: number): (entry: IDataObject, campaign: SendKitCampaign) => IDataObject {
	const failures = new Map<string, string>();
	for (const failure of answer.errors) {
		const entry = failure.entry;
		if (typeof entry !== 'object' || entry === null) continue;
		const record = entry as IDataObject;
		const key = typeof record.leadId === 'string' ? `id:${record.leadId.toLowerCase()}` : `email:${String(record.email ?? '').trim().toLowerCase()}`;
		if (!failures.has(key)) failures.set(key, typeof failure.message === 'string' ? failure.message : JSON.stringify(failure.message));
	}
	const rest = sent - failures.size;
	const uniform = rest > 0 ? (answer.added === rest ? 'added' : answer.skipped === rest ? 'skipped' : undefined) : undefined;
	return (entry, campaign) => {
		const failure = failures.get(keyOf(entry));
		if (failure !== undefined) return { status: 'failed', reason: failure };
		if (uniform === 'skipped') return { status: 'skipped', reason: `Already in "${campaign.name}"` };
		return { status: uniform ?? 'succeeded' };
	};
}
