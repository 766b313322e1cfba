import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import { parseApiError } from '../../../shared/errors';
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
			deleted: '"deleted" is true when SendKit deleted the lead, null when it deleted fewer leads than asked and does not say which.',
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
 * by Force. SendKit answers with a count only, so an item is `deleted: true` when the request deleted every lead it
 * named, and `null` (not confirmed) when it deleted fewer, since SendKit does not say which ones were missing.
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
		throw activeCampaignsError(context, response, leadIds.length) ?? sendKit.error(context, response, request);
	}
	const { deletedCount } = sendKit.parse(context, response, deleteEnvelopeSchema, request).data;
	const deleted = deletedCount >= leadIds.length ? true : null;
	return batch.map((entry) => ({
		branch: 'deleted',
		json: { leadId: entry.value.leadId, deleted, batch: { requested: leadIds.length, deleted: deletedCount } },
	}));
}

const campaignNamesSchema = z
	.array(z.union([z.string(), z.object({ name: z.string() }).passthrough()]))
	.transform((campaigns) => campaigns.map((campaign) => (typeof campaign === 'string' ? campaign : campaign.name)));

/**
 * SendKit's 400 for leads in active campaigns (docs: "returns 400 listing the affected campaigns"; where the list sits
 * in the body is not documented, so `error.campaigns`, `data.campaigns` and `campaigns` are all read).
 */
function activeCampaignsError(context: IExecuteFunctions, response: ApiResponse, leadCount: number): NodeApiError | undefined {
	if (response.statusCode !== 400 || !sendKit.isApiAnswer(response)) return undefined;
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as IDataObject;
	const nested = (key: string) => (typeof body[key] === 'object' && body[key] !== null ? (body[key] as IDataObject).campaigns : undefined);
	const names = [nested('error'), nested('data'), body.campaigns]
		.map((candidate) => campaignNamesSchema.safeParse(candidate))
		.find((parsed) => parsed.success)?.data;
	const { message } = parseApiError(response.body);
	if (!names && !/active campaign/i.test(message ?? '')) return undefined;
	const list = names && names.length > 0 ? names.join(', ') : undefined;
	return new NodeApiError(context.getNode(), { message: message ?? 'Leads are in active campaigns', httpCode: '400' } as JsonObject, {
		message: `SendKit did not delete these ${leadCount} lead(s): some are in active campaigns${list ? `: ${list}` : ''}`,
		description: `Nothing in this request was deleted. Turn on the Force option to remove the leads from ${list ?? 'those campaigns'} and delete them, or pause the campaigns first. SendKit said: ${message ?? 'no message'}`,
		httpCode: '400',
	});
}
