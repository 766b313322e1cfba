import { z } from 'zod';

import type { QueryObject } from '../core/types';
import type { SendKitLeadChanges } from './types';

export const OBJECT_ID = /^[0-9a-f]{24}$/i;

const EMAIL_MESSAGE = 'email must be a valid email';
const BODY_MESSAGE = 'Request body must be a JSON object';
const LIMIT_MESSAGE = 'limit must be an integer between 1 and 100';

function optionalText(field: string) {
	return z.string({ invalid_type_error: `${field} must be a string` }).optional();
}

// Field messages follow the one documented pattern ("email must be a valid email") for every field.
const leadFieldsShape = {
	firstName: optionalText('firstName'),
	lastName: optionalText('lastName'),
	companyName: optionalText('companyName'),
	jobTitle: optionalText('jobTitle'),
	phone: optionalText('phone'),
	linkedinUrl: z
		.string({ invalid_type_error: 'linkedinUrl must be a valid uri' })
		.url({ message: 'linkedinUrl must be a valid uri' })
		.optional(),
	city: optionalText('city'),
	state: optionalText('state'),
	country: optionalText('country'),
	tags: z
		.array(z.string({ invalid_type_error: 'tags must be an array of strings' }), {
			invalid_type_error: 'tags must be an array of strings',
		})
		.optional(),
	customFields: z.record(z.unknown(), { invalid_type_error: 'customFields must be an object' }).optional(),
};

// Unknown keys are ignored rather than rejected, as the docs describe no strictness.
export const createLeadBodySchema = z.object(
	{
		email: z
			.string({ required_error: EMAIL_MESSAGE, invalid_type_error: EMAIL_MESSAGE })
			.trim()
			.toLowerCase()
			.email({ message: EMAIL_MESSAGE }),
		...leadFieldsShape,
	},
	{ invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE },
);

export const updateLeadBodySchema = z.object(leadFieldsShape, { invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE });

type LeadFieldsInput = z.infer<typeof updateLeadBodySchema>;

/** The API takes `phone` but stores and returns `phoneNumber`. */
export function toStoredFields({ phone, ...fields }: LeadFieldsInput): SendKitLeadChanges {
	return { ...fields, phoneNumber: phone };
}

const booleanQuery = (field: string) => z.enum(['true', 'false'], { message: `${field} must be true or false` }).optional();

/**
 * `limit`, `cursor` (Gen B) and `page` (Gen A): every list endpoint pages the same way
 * (docs/api-notes.md#sendkit-pagination).
 */
const pagingShape = {
	limit: z.coerce
		.number({ invalid_type_error: LIMIT_MESSAGE })
		.int(LIMIT_MESSAGE)
		.min(1, LIMIT_MESSAGE)
		.max(100, LIMIT_MESSAGE)
		.default(25),
	// Checked against the cursor variant by the paging itself (an id, or an opaque token).
	cursor: z.string().optional(),
	page: z.coerce.number({ invalid_type_error: 'page must be a positive integer' }).int().min(1, 'page must be a positive integer').optional(),
};

export type PagingQuery = { limit: number; cursor?: string; page?: number };

export const listLeadsQuerySchema = z.object({
	search: z.string().optional(),
	tags: z.string().optional(),
	emailVerified: booleanQuery('emailVerified'),
	emailStatus: z.string().optional(),
	emailType: z.enum(['all', 'personal', 'business'], { message: 'emailType must be all, personal or business' }).optional(),
	hasCompany: booleanQuery('hasCompany'),
	hasPhone: booleanQuery('hasPhone'),
	segProtected: booleanQuery('segProtected'),
	...pagingShape,
});

export type ListLeadsQuery = z.infer<typeof listLeadsQuerySchema>;

export const listCampaignsQuerySchema = z.object({
	status: z.enum(['draft', 'active', 'paused', 'completed', 'archived'], {
		message: 'status must be one of draft, active, paused, completed, archived',
	}).optional(),
	search: z.string().optional(),
	...pagingShape,
});

const objectIdList = (field: string, max: number) =>
	z
		.array(z.string({ invalid_type_error: `${field} must be an array of ids` }).regex(OBJECT_ID, `${field} must be valid ids`), {
			required_error: `${field} is required`,
			invalid_type_error: `${field} must be an array of ids`,
		})
		.min(1, `${field} must not be empty`)
		.max(max, `${field} must have at most ${max} entries`);

/** DELETE /v1/leads, mode "by IDs" (the only one the node uses; "delete all" is not emulated). */
export const deleteLeadsBodySchema = z.object(
	{ leadIds: objectIdList('leadIds', 10000), force: z.boolean({ invalid_type_error: 'force must be a boolean' }).optional() },
	{ invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE },
);

const MAX_BULK_LEADS = 5000;

/**
 * POST /v1/leads/bulk: each lead is checked on its own, so one bad lead fails alone (docs: `errors[{email, error}]`).
 */
export const bulkLeadsBodySchema = z.object(
	{
		leads: z
			.array(z.record(z.unknown(), { invalid_type_error: 'each lead must be an object' }), {
				required_error: 'leads is required',
				invalid_type_error: 'leads must be an array',
			})
			.min(1, 'leads must not be empty')
			.max(MAX_BULK_LEADS, `leads must have at most ${MAX_BULK_LEADS} entries`),
		skipDuplicates: z.boolean({ invalid_type_error: 'skipDuplicates must be a boolean' }).default(true),
		dataCleanup: z.boolean({ invalid_type_error: 'dataCleanup must be a boolean' }).default(true),
		tag: z.string({ invalid_type_error: 'tag must be a string' }).optional(),
	},
	{ invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE },
);

export const enrichBodySchema = z.object(
	{
		leadIds: objectIdList('leadIds', 10000),
		enrichmentTypes: z
			.array(z.enum(['email', 'phoneEnrichment', 'segGateway', 'espDetection'], { message: 'unknown enrichment type' }), {
				required_error: 'enrichmentTypes is required',
			})
			.min(1, 'enrichmentTypes must not be empty'),
	},
	{ invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE },
);

/** POST /v1/campaigns/{id}/leads, the explicit-list mode: `{leadId}` or `{email, firstName?, …}` entries. */
export const addCampaignLeadsBodySchema = z.object(
	{
		leads: z
			.array(z.record(z.unknown(), { invalid_type_error: 'each lead must be an object' }), {
				required_error: 'leads is required',
				invalid_type_error: 'leads must be an array',
			})
			.min(1, 'leads must not be empty')
			.max(MAX_BULK_LEADS, `leads must have at most ${MAX_BULK_LEADS} entries`),
	},
	{ invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE },
);

/** Repeated query keys count once (first value) and empty values count as absent, so `?search=` means no search. */
export function singleValuedQuery(query: QueryObject): Record<string, string> {
	const single: Record<string, string> = {};
	for (const [name, value] of Object.entries(query)) {
		const first = Array.isArray(value) ? value[0] : value;
		if (first !== undefined && first !== '') single[name] = first;
	}
	return single;
}
