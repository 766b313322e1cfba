import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import { deletionOf, reportUnknownDeletions } from '../../../shared/deletion';
import { parseApiError } from '../../../shared/errors';
import { describeItems } from '../../../shared/itemList';
import type { BatchEntry, Routed } from '../../../shared/runner';
import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import type { ApiRequest, ApiResponse } from '../../../shared/request';
import type { Run } from '../../../shared/run';
import { isSuccess } from '../../../shared/request';
import { leadIdProperty, leadIdSchema } from '../../fields/leadId.field';
import { deleteEnvelopeSchema } from '../../transport/schemas';
import { sendKit } from '../../transport/service';

/** Ids per DELETE request. SendKit documents no maximum for this endpoint; 1,000 keeps a body small (INFERRED). */
const MAX_IDS_PER_REQUEST = 1000;

const outputs = { deleted: 'Deleted' } as const;

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Deletes SendKit leads by lead ID. This cannot be undone. Leads in active campaigns are only deleted when the tool is set to force it.',
		{
			deleted:
				'"deleted" is true (deleted), false (there was no such lead), or "unknown" (SendKit deleted only some of the leads asked for at once and does not say which).',
		},
	),
	{ ...leadIdProperty, description: 'The _id of the lead to delete. Items are deleted together, up to 1,000 per request.' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Force',
				name: 'force',
				type: 'boolean',
				default: false,
				description:
					'Whether to delete leads that are in active campaigns too: they are removed from those campaigns first. Without it SendKit refuses the whole request, and nothing in it is deleted.',
			},
		],
	},
];

const inputSchema = z.object({
	leadId: leadIdSchema.transform((id) => id.toLowerCase()),
	options: z.object({ force: z.boolean({ invalid_type_error: 'must be true or false' }).optional() }),
});

type DeleteInput = z.infer<typeof inputSchema>;

/**
 * DELETE /v1/leads with the ids in the JSON body (docs/api-notes.md#sendkit-leads): the items share requests, grouped
 * by Force. SendKit answers with a count only, so an item's `deleted` says what that count tells of every lead of its
 * request (deletion.ts).
 */
export const deleteLeads = defineOperation({
	option: { name: 'Delete', value: 'delete', description: 'Delete leads by ID, many per request', action: 'Delete leads' },
	properties,
	outputs,
	input: inputSchema,
	maxBatchSize: MAX_IDS_PER_REQUEST,
	groupOf: (input) => (input.options.force ? 'force' : 'safe'),
	sendBatch: async ({ run, group, batch }) => await deleteBatch(run, batch, group === 'force'),
});

async function deleteBatch(
	run: Run<IExecuteFunctions>,
	batch: ReadonlyArray<BatchEntry<DeleteInput>>,
	force: boolean,
): Promise<Array<Routed<'deleted'>>> {
	const { context } = run;
	const leadIds = [...new Set(batch.map((entry) => entry.value.leadId))];
	const body: IDataObject = force ? { leadIds, force: true } : { leadIds };
	const request: ApiRequest = { method: 'DELETE', path: '/v1/leads', body, itemIndex: batch[0].itemIndex };
	const response = await sendKit.send(run, request);
	if (!isSuccess(response)) {
		throw activeCampaignsError(context, response, batch) ?? sendKit.error(context, response, request);
	}
	const { deletedCount } = sendKit.parse(context, response, deleteEnvelopeSchema, request).data;
	const deleted = context.getNode().typeVersion >= 1.1 ? deletionOf(leadIds.length, deletedCount, true) : versionOneDeletion(leadIds.length, deletedCount);
	if (deleted === 'unknown') reportUnknownDeletions(run, 'SendKit', batch.length);
	return batch.map((entry) => ({
		branch: 'deleted',
		json: { leadId: entry.value.leadId, deleted, batch: { requested: leadIds.length, deleted: deletedCount } },
	}));
}

/** Node version 1 said null for anything short of every lead deleted; its workflows may test for that. */
function versionOneDeletion(requested: number, deletedCount: number): true | null {
	return deletedCount >= requested ? true : null;
}

const campaignNamesSchema = z
	.array(z.union([z.string(), z.object({ name: z.string() }).passthrough()]))
	.transform((campaigns) => campaigns.map((campaign) => (typeof campaign === 'string' ? campaign : campaign.name)));

/**
 * SendKit's 400 for leads in active campaigns (docs: "returns 400 listing the affected campaigns"; where the list sits
 * in the body is not documented, so `error.campaigns`, `data.campaigns` and `campaigns` are all read).
 */
function activeCampaignsError(
	context: IExecuteFunctions,
	response: ApiResponse,
	batch: ReadonlyArray<BatchEntry<DeleteInput>>,
): NodeApiError | undefined {
	if (response.statusCode !== 400 || !sendKit.isApiAnswer(response)) return undefined;
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as IDataObject;
	const nested = (key: string) => (typeof body[key] === 'object' && body[key] !== null ? (body[key] as IDataObject).campaigns : undefined);
	const names = [nested('error'), nested('data'), body.campaigns]
		.map((candidate) => campaignNamesSchema.safeParse(candidate))
		.find((parsed) => parsed.success)?.data;
	const { message } = parseApiError(response.body);
	if (!names && !/active campaign/i.test(message ?? '')) return undefined;
	const list = names && names.length > 0 ? names.join(', ') : undefined;
	// The refusal concerns the whole request: every item of it gets this error, which names them all. SendKit's own
	// message is quoted only when its campaigns could not be read, as it would otherwise say the same again.
	const items = describeItems(batch.map((entry) => entry.itemIndex));
	const fix = `Turn on the Force option to remove these leads from ${list ?? 'the campaigns'} and delete them, or pause the campaigns first.`;
	return new NodeApiError(context.getNode(), { message: message ?? 'Leads are in active campaigns', httpCode: '400' } as JsonObject, {
		message: `SendKit deleted none of the ${new Set(batch.map((entry) => entry.value.leadId)).size} leads of one request (${items}): some are in active campaigns${list ? `: ${list}` : ''}`,
		description: list ? fix : `${fix} SendKit said: ${message ?? 'no message'}`,
		httpCode: '400',
	});
}
