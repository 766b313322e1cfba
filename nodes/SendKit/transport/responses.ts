import { z } from 'zod';

import { jsonValueSchema } from '../../shared/responses';

/** A SendKit lead as the API returns it (docs: POST /v1/leads). Unknown fields are kept, not dropped. */
export const leadSchema = z
	.object({
		_id: z.string(),
		email: z.string(),
	})
	.catchall(jsonValueSchema);

export type SendKitLead = z.infer<typeof leadSchema>;

/** `{ success: true, data: lead }` */
export const leadEnvelopeSchema = z.object({ success: z.literal(true), data: leadSchema });

/** The 409 of POST /v1/leads carries the existing lead (seed document). */
export const conflictEnvelopeSchema = z.object({
	success: z.literal(false),
	error: z.object({ code: z.string(), message: z.string() }),
	data: leadSchema,
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
