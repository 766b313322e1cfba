import type { SandboxResponse } from '../core/types';
import { ok, resourceError, validationError, validationErrorBody } from './answers';
import { pageOf } from './paging';
import type { ListLeadsQuery } from './schemas';
import { bulkLeadsBodySchema, createLeadBodySchema, deleteLeadsBodySchema, listLeadsQuerySchema, singleValuedQuery } from './schemas';
import type { SendKitLeadChanges, StoredSendKitLead } from './types';
import { normalizeEmail } from './store';
import { leadListItemView } from './views';
import type { RouteContext } from './routeContext';

/**
 * GET /v1/leads with every documented filter (docs/api-notes.md#sendkit-leads), paged as the store's
 * variants and listing settings say.
 */
export function listLeads({ request, store }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = listLeadsQuerySchema.safeParse(singleValuedQuery(request.query));
	if (!parsed.success) return validationError(parsed.error);
	const query = parsed.data;
	store.listing.beforePage?.();
	const page = pageOf(store.leads(workspaceId), (lead) => matchesFilters(lead, query), query, store.listing, store.variants.current);
	if ('error' in page) return validationErrorBody(page.error);
	return ok(page.data.map(leadListItemView), 200, { pagination: page.pagination });
}

const PERSONAL_DOMAINS = new Set(['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'icloud.com', 'proton.me']);

/**
 * `emailStatus` takes the docs' filter words (`valid,risky`) and the field's own values alike; `valid` is read as
 * `deliverable` and `invalid` as `undeliverable` (INFERRED: the docs use both vocabularies,
 * docs/api-notes.md#sendkit-lead-fields-only-in-responses).
 */
const STATUS_ALIASES: Record<string, string> = { valid: 'deliverable', invalid: 'undeliverable' };

function matchesFilters(lead: StoredSendKitLead, query: ListLeadsQuery): boolean {
	if (query.search) {
		const needle = query.search.toLowerCase();
		if (![lead.email, lead.firstName, lead.lastName, lead.companyName].some((value) => value?.toLowerCase().includes(needle))) return false;
	}
	const tags = csv(query.tags);
	if (tags.length > 0 && !tags.some((tag) => lead.tags.includes(tag))) return false;
	if (query.emailVerified !== undefined && lead.emailVerified !== (query.emailVerified === 'true')) return false;
	const statuses = csv(query.emailStatus).map((status) => STATUS_ALIASES[status.toLowerCase()] ?? status.toLowerCase());
	if (statuses.length > 0 && !statuses.includes(lead.emailVerificationResult ?? '')) return false;
	if (query.emailType && query.emailType !== 'all') {
		const personal = PERSONAL_DOMAINS.has(lead.email.split('@')[1] ?? '');
		if ((query.emailType === 'personal') !== personal) return false;
	}
	if (query.hasCompany !== undefined && Boolean(lead.companyName) !== (query.hasCompany === 'true')) return false;
	if (query.hasPhone !== undefined && Boolean(lead.phoneNumber) !== (query.hasPhone === 'true')) return false;
	if (query.segProtected !== undefined && (lead.segProtected === true) !== (query.segProtected === 'true')) return false;
	return true;
}

function csv(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/**
 * DELETE /v1/leads by ids. Leads in active campaigns stop the whole request with a 400 that names the campaigns
 * (docs: "returns 400 listing the affected campaigns"; the body's shape is INFERRED), unless `force` is set.
 */
export function deleteLeads({ request, store }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = deleteLeadsBodySchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	const ids = new Set(parsed.data.leadIds.map((id) => id.toLowerCase()));
	const blocking = store.campaigns.activeCampaignsOf(ids);
	if (blocking.length > 0 && !parsed.data.force) {
		const leads = blocking.reduce((sum, entry) => sum + entry.leadCount, 0);
		return resourceError(
			400,
			'LEADS_IN_ACTIVE_CAMPAIGNS',
			`${leads} lead(s) are in active campaigns: ${blocking.map((entry) => entry.campaign.name).join(', ')}. Use force: true to remove them from these campaigns and delete them.`,
			{ campaigns: blocking.map(({ campaign, leadCount }) => ({ _id: campaign._id, name: campaign.name, leadCount })) },
		);
	}
	return ok({ deletedCount: store.deleteLeads(workspaceId, [...ids]) });
}

const STANDARD_TEXT_FIELDS = ['firstName', 'lastName', 'companyName', 'jobTitle', 'phone', 'linkedinUrl', 'city', 'state', 'country'] as const;
const NAME_FIELDS = new Set(['firstName', 'lastName']);

/**
 * POST /v1/leads/bulk: create, skip or (skipDuplicates false) update each lead by email. Standard keys map to lead
 * fields, any other key becomes a custom field (docs). Each bad lead fails alone, named by its email in `errors`.
 */
export function bulkLeads({ request, store, principal }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = bulkLeadsBodySchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	const { leads, skipDuplicates, dataCleanup, tag } = parsed.data;
	const result = { imported: 0, updated: 0, skipped: 0, failed: 0, importedLeadIds: [] as string[], errors: [] as Array<{ email: unknown; error: string }> };
	for (const entry of leads) {
		const read = readBulkLead(entry, dataCleanup);
		if ('error' in read) {
			result.failed += 1;
			result.errors.push({ email: entry.email ?? null, error: read.error });
			continue;
		}
		const { email, changes } = read;
		if (tag) changes.tags = [...new Set([...(changes.tags ?? []), tag])];
		const existing = store.findLeadByEmail(workspaceId, email);
		if (!existing) {
			const lead = store.createLead({ ...changes, email, userId: principal.userId, workspaceId });
			result.imported += 1;
			result.importedLeadIds.push(lead._id);
		} else if (skipDuplicates) {
			result.skipped += 1;
		} else {
			if (changes.tags) changes.tags = [...new Set([...existing.tags, ...changes.tags])];
			store.updateLead(existing, changes);
			result.updated += 1;
		}
	}
	return ok(result);
}

function readBulkLead(entry: Record<string, unknown>, cleanup: boolean): { email: string; changes: SendKitLeadChanges } | { error: string } {
	const email = createLeadBodySchema.shape.email.safeParse(entry.email);
	if (!email.success) return { error: email.error.issues[0]?.message ?? 'email must be a valid email' };
	const changes: SendKitLeadChanges = {};
	const customFields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(entry)) {
		if (key === 'email' || value === undefined || value === null) continue;
		if ((STANDARD_TEXT_FIELDS as readonly string[]).includes(key)) {
			if (typeof value !== 'string') return { error: `${key} must be a string` };
			const text = cleanup ? cleaned(key, value) : value;
			if (key === 'phone') changes.phoneNumber = text;
			else changes[key as Exclude<(typeof STANDARD_TEXT_FIELDS)[number], 'phone'>] = text;
		} else if (key === 'tags') {
			if (!Array.isArray(value) || !value.every((tag) => typeof tag === 'string')) return { error: 'tags must be an array of strings' };
			changes.tags = value as string[];
		} else if (key === 'customFields' && typeof value === 'object' && !Array.isArray(value)) {
			Object.assign(customFields, value);
		} else {
			customFields[key] = value;
		}
	}
	if (Object.keys(customFields).length > 0) changes.customFields = customFields;
	return { email: normalizeEmail(email.data), changes };
}

/** dataCleanup: names lose special characters, phones their spaces, LinkedIn URLs get a scheme (docs, summarised). */
function cleaned(key: string, value: string): string {
	const text = value.trim();
	if (NAME_FIELDS.has(key)) return text.replace(/[^\p{L}\p{M}' -]/gu, '').trim();
	if (key === 'phone') return text.replace(/[\s().-]/g, '');
	if (key === 'linkedinUrl' && text && !/^https?:\/\//i.test(text)) return `https://${text}`;
	return text;
}
