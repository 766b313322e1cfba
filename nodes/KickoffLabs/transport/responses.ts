import { z } from 'zod';

import { jsonValueSchema } from '../../shared/responses';

/** KickoffLabs ids are numbers in its examples; text is accepted too, since nothing is computed with them. */
const idSchema = z.union([z.number(), z.string()]);

/** Anything that is not an object (an empty body, plain text) read as an empty object, for bodies that may be blank. */
function objectOrEmpty(value: unknown): unknown {
	return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/**
 * A lead as POST and GET /v2/{campaign_id} return it (docs: "Create Lead API Response"). Every field is kept,
 * rank, social_url, referral counts and all; only the ones the node relies on are checked.
 */
export const leadSchema = z
	.object({
		id: idSchema,
		social_id: z.string(),
	})
	.catchall(jsonValueSchema);

export type KickoffLabsLead = z.infer<typeof leadSchema>;

/** The answer to a create or update: `counter` ("times this lead has been added or updated") tells new from existing. */
export const upsertedLeadSchema = z
	.object({
		id: idSchema,
		social_id: z.string(),
		counter: z.number().int().min(1),
	})
	.catchall(jsonValueSchema);

/** `{"message": "Custom Points added"}`, `{"message": "Lead added to action"}`. */
export const messageSchema = z.object({ message: z.string() }).catchall(jsonValueSchema);

/** Bulk delete: `202 {"message": "Your leads have been equeued for deletion", "deleted": 3}`; a blank body is accepted. */
export const deleteAnswerSchema = z.preprocess(
	objectOrEmpty,
	z
		.object({
			message: z.string().optional(),
			deleted: z.number().optional(),
		})
		.catchall(jsonValueSchema),
);

export const campaignSchema = z.object({ id: idSchema, name: z.string() }).catchall(jsonValueSchema);

export type KickoffLabsCampaign = z.infer<typeof campaignSchema>;

/** GET /v2/campaigns: a JSON array of campaigns (`{id, name, lead_count}`); a `{campaigns: [...]}` wrapper is read too. */
export const campaignListSchema = z.preprocess(
	(value) =>
		value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { campaigns?: unknown }).campaigns)
			? (value as { campaigns: unknown }).campaigns
			: value,
	z.array(campaignSchema),
);

/** GET /v2/{campaign_id}/actions: `[{id, text}]`; `name` is read where `text` is missing. */
export const actionListSchema = z.array(
	z
		.object({
			id: idSchema,
			text: z.string().optional(),
			name: z.string().optional(),
		})
		.catchall(jsonValueSchema),
);

/** GET /v2/{campaign_id}/stats: an object of counters whose full shape is not documented; kept as returned. */
export const statsSchema = z.record(jsonValueSchema);
