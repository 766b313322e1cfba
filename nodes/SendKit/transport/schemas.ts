import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

/**
 * A SendKit lead as the API returns it (docs: POST /v1/leads). Only what the node reads is checked; every other field
 * is passed through as returned (checking every field of every lead cost more than sending it).
 */
export const leadSchema = z
	.object({ _id: z.string(), email: z.string() })
	.passthrough()
	.transform((lead) => lead as IDataObject & { _id: string; email: string });

export type SendKitLead = z.infer<typeof leadSchema>;

/** `{ success: true, data: lead }` */
export const leadEnvelopeSchema = z.object({ success: z.literal(true), data: leadSchema });

/** The 409 of POST /v1/leads: the API's error, and (seed document) the existing lead, which the node does not rely on. */
export const conflictEnvelopeSchema = z.object({
	success: z.literal(false),
	error: z.object({ code: z.string(), message: z.string() }).passthrough(),
	data: z.unknown().optional(),
});

/** Both pagination styles the reference shows: cursor (newer) and page (older). */
const paginationSchema = z
	.object({
		hasMore: z.boolean().optional(),
		nextCursor: z.string().nullable().optional(),
		page: z.number().optional(),
		pages: z.number().optional(),
	})
	.passthrough();

export const leadListEnvelopeSchema = z.object({
	success: z.literal(true),
	data: z.array(leadSchema),
	pagination: paginationSchema.optional(),
});

export type LeadListPage = z.infer<typeof leadListEnvelopeSchema>;
