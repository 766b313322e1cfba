import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { checkedAsReturned } from '../../shared/answerSchema';

/** KickoffLabs ids are numbers in its examples; text is accepted too, since nothing is computed with them. */
const idSchema = z.union([z.number(), z.string()]);

/**
 * A lead as POST and GET /v2/{campaign_id} return it (docs: "Create Lead API Response"). Every field is kept, rank,
 * social_url, referral counts and all; only the ones the node relies on are checked.
 */
export const leadSchema = checkedAsReturned({ id: idSchema, social_id: z.string() });

/**
 * The answer to a create or update: `counter` ("times this lead has been added or updated") tells new from existing.
 */
export const upsertedLeadSchema = checkedAsReturned({ id: idSchema, social_id: z.string(), counter: z.number().int().min(1) });

export type UpsertedLead = z.infer<typeof upsertedLeadSchema>;

/** `{"message": "Custom Points added"}`, `{"message": "Lead added to action"}`. */
export const messageSchema = checkedAsReturned({ message: z.string() });

/**
 * Bulk delete: `202 {"message": "Your leads have been equeued for deletion", "deleted": 3}`. A blank body is accepted
 * (nothing to read); text that is not JSON is not KickoffLabs's answer.
 */
export const deleteAnswerSchema = z.preprocess(
	(value) => (value === undefined || value === null || value === '' ? {} : value),
	checkedAsReturned({ message: z.string().optional(), deleted: z.number().optional() }),
);

export const campaignSchema = checkedAsReturned({ id: idSchema, name: z.string() });

/**
 * GET /v2/campaigns: a JSON array of campaigns (`{id, name, lead_count}`); a `{campaigns: [...]}` wrapper is read too.
 */
export const campaignListSchema = z.preprocess(
	(value) =>
		value && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { campaigns?: unknown }).campaigns)
			? (value as { campaigns: unknown }).campaigns
			: value,
	z.array(campaignSchema),
);

/** GET /v2/{campaign_id}/actions: `[{id, text}]`; `name` is read where `text` is missing. */
export const actionListSchema = z.array(checkedAsReturned({ id: idSchema, text: z.string().optional(), name: z.string().optional() }));

/** GET /v2/{campaign_id}/stats: an object of counters whose full shape is not documented; kept as returned. */
export const statsSchema = z.record(z.unknown()).transform((stats) => stats as IDataObject);
