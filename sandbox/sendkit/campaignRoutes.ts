import type { SandboxResponse } from '../core/types';
import { genericError, ok, validationError, validationErrorBody } from './answers';
import { pageOf } from './paging';
import { OBJECT_ID, addCampaignLeadsBodySchema, createLeadBodySchema, listCampaignsQuerySchema, singleValuedQuery } from './schemas';
import type { SendKitLeadFields } from './types';
import { normalizeEmail } from './store';
import type { RouteContext } from './routeContext';
import { campaignListView, campaignView } from './views';

/**
 * GET /v1/campaigns: `status` and `search` (a case-insensitive part of the name, per a third-party playbook:
 * docs/api-notes.md#sendkit-campaigns), paged like the leads.
 */
export function listCampaigns({ request, store }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = listCampaignsQuerySchema.safeParse(singleValuedQuery(request.query));
	if (!parsed.success) return validationError(parsed.error);
	const { status, search } = parsed.data;
	const needle = search?.toLowerCase();
	const page = pageOf(
		store.campaigns.list(workspaceId),
		(campaign) => (!status || campaign.status === status) && (!needle || campaign.name.toLowerCase().includes(needle)),
		parsed.data,
		store.listing,
		store.variants.current,
	);
	if ('error' in page) return validationErrorBody(page.error);
	return ok(
		page.data.map((campaign) => campaignListView(campaign, store.campaigns)),
		200,
		{ pagination: page.pagination },
	);
}

export function getCampaign({ store, params }: RouteContext, workspaceId: string): SandboxResponse {
	const campaign = OBJECT_ID.test(params[0]) ? store.campaigns.find(workspaceId, params[0]) : undefined;
	return campaign ? ok(campaignView(campaign, store.campaigns)) : genericError(404, 'Campaign not found');
}

const ENTRY_FIELDS = ['firstName', 'lastName', 'companyName', 'jobTitle', 'phone', 'linkedinUrl', 'city', 'state', 'country'] as const;

/**
 * POST /v1/campaigns/{id}/leads, explicit list: `{leadId}` adds a workspace lead, `{email, …}` adds the lead with that
 * email, creating it first when there is none. Leads already in the campaign are skipped; in an active campaign the new
 * ones start `active` (sending), elsewhere `pending` (docs/api-notes.md#sendkit-campaign-leads).
 */
export function addCampaignLeads({ request, store, params, principal }: RouteContext, workspaceId: string): SandboxResponse {
	const campaign = OBJECT_ID.test(params[0]) ? store.campaigns.find(workspaceId, params[0]) : undefined;
	if (!campaign) return genericError(404, 'Campaign not found');
	const parsed = addCampaignLeadsBodySchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	const result = { added: 0, skipped: 0, errors: [] as Array<{ entry: Record<string, unknown>; message: string }> };
	for (const entry of parsed.data.leads) {
		let leadId: string | undefined;
		if (typeof entry.leadId === 'string') {
			const lead = OBJECT_ID.test(entry.leadId) ? store.findLeadById(workspaceId, entry.leadId) : undefined;
			if (!lead) {
				result.errors.push({ entry, message: 'Lead not found' });
				continue;
			}
			leadId = lead._id;
		} else if (entry.email !== undefined) {
			const email = createLeadBodySchema.shape.email.safeParse(entry.email);
			if (!email.success) {
				result.errors.push({ entry, message: 'Invalid email address' });
				continue;
			}
			const existing = store.findLeadByEmail(workspaceId, email.data);
			leadId = (existing ?? store.createLead({ ...entryFields(entry), email: normalizeEmail(email.data), userId: principal.userId, workspaceId }))._id;
		} else {
			result.errors.push({ entry, message: 'Either leadId or email is required' });
			continue;
		}
		if (store.campaigns.isMember(campaign._id, leadId)) {
			result.skipped += 1;
			continue;
		}
		store.campaigns.add(campaign, leadId);
		result.added += 1;
	}
	return ok(result);
}

function entryFields(entry: Record<string, unknown>): SendKitLeadFields {
	const fields: SendKitLeadFields = {};
	for (const key of ENTRY_FIELDS) {
		const value = entry[key];
		if (typeof value !== 'string') continue;
		if (key === 'phone') fields.phoneNumber = value;
		else fields[key] = value;
	}
	return fields;
}
