import { z } from 'zod';

import { checkedAsReturned } from '../../shared/answerSchema';

/**
 * A SendKit lead as the API returns it (docs: POST /v1/leads). Only what the node reads is checked; every other field
 * is passed through as returned (checking every field of every lead cost more than sending it).
 */
export const leadSchema = checkedAsReturned({ _id: z.string(), email: z.string() });

export type SendKitLead = z.infer<typeof leadSchema>;

/** `{ success: true, data: lead }` */
export const leadEnvelopeSchema = z.object({ success: z.literal(true), data: leadSchema });

/**
 * The 409 of POST /v1/leads, read as `{ error: {code, message}, data? }` whichever of SendKit's two documented error
 * shapes it comes in: the resource error `{success:false, error:{code, message}, data}` of the seed document, or the
 * generic `{error, message, code}`. The existing lead in `data` is used when it is there; the node does not rely on it.
 */
export const conflictEnvelopeSchema = z.union([
	z.object({
		success: z.literal(false),
		error: z.object({ code: z.string(), message: z.string() }).passthrough(),
		data: z.unknown().optional(),
	}),
	z
		.object({ error: z.string(), message: z.string(), code: z.union([z.string(), z.number()]), data: z.unknown().optional() })
		.transform(({ message, code, data }) => ({ error: { code: String(code), message }, data })),
]);

/** Both pagination styles the reference shows: cursor (newer) and page (older). */
const paginationSchema = z
	.object({
		hasMore: z.boolean().optional(),
		nextCursor: z.string().nullable().optional(),
		total: z.number().optional(),
		page: z.number().optional(),
		pages: z.number().optional(),
	})
	.passthrough();

export type Pagination = z.infer<typeof paginationSchema>;

/** `{ success: true, data: [...], pagination? }` of any list endpoint. */
function listEnvelopeSchema<Item extends z.ZodTypeAny>(item: Item) {
	return z.object({ success: z.literal(true), data: z.array(item), pagination: paginationSchema.optional() });
}

export const leadListEnvelopeSchema = listEnvelopeSchema(leadSchema);

/** A campaign (docs: GET /v1/campaigns); the node reads its id, name and status. */
export const campaignSchema = checkedAsReturned({ _id: z.string(), name: z.string(), status: z.string() });

export type SendKitCampaign = z.infer<typeof campaignSchema>;

export const campaignEnvelopeSchema = z.object({ success: z.literal(true), data: campaignSchema });
export const campaignListEnvelopeSchema = listEnvelopeSchema(campaignSchema);

const count = z.number().int().nonnegative();

/** POST /v1/leads/bulk (docs/api-notes.md#sendkit-leads). */
export const bulkImportEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z
		.object({
			imported: count.default(0),
			updated: count.default(0),
			skipped: count.default(0),
			failed: count.default(0),
			importedLeadIds: z.array(z.string()).default([]),
			errors: z.array(z.object({ email: z.unknown(), error: z.unknown() }).passthrough()).default([]),
		})
		.passthrough(),
});

export type BulkImportAnswer = z.infer<typeof bulkImportEnvelopeSchema>['data'];

/** DELETE /v1/leads (docs/api-notes.md#sendkit-leads). */
export const deleteEnvelopeSchema = z.object({ success: z.literal(true), data: z.object({ deletedCount: count }).passthrough() });

/** POST /v1/campaigns/{id}/leads (docs/api-notes.md#sendkit-campaign-leads). */
export const addLeadsEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z
		.object({
			added: count.default(0),
			skipped: count.default(0),
			errors: z.array(z.object({ entry: z.unknown(), message: z.unknown() }).passthrough()).default([]),
		})
		.passthrough(),
});

export type AddLeadsAnswer = z.infer<typeof addLeadsEnvelopeSchema>['data'];

const jobStatusSchema = z.string();

/** POST /v1/enrichment/enrich (docs/api-notes.md#sendkit-enrichment-and-email-verification). */
export const enrichEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z
		.object({
			jobs: z.array(z.object({ jobId: z.string().min(1), type: z.string(), status: jobStatusSchema }).passthrough()).min(1),
		})
		.passthrough(),
});

/** GET /v1/enrichment/jobs/{jobId} (docs/api-notes.md#sendkit-enrichment-and-email-verification). */
export const jobEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z.object({ id: z.string(), type: z.string(), status: jobStatusSchema }).passthrough(),
});

export type EnrichmentJob = z.infer<typeof jobEnvelopeSchema>['data'];
