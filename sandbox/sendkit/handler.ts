import { matchRoute } from '../core/routes';
import type { ApiHandler, SandboxRequest, SandboxResponse } from '../core/types';
import type { FaultStatus } from '../core/faults';
import { genericError, genericErrorBody, validationError, validationErrorBody } from './answers';
import { addCampaignLeads, getCampaign, listCampaigns } from './campaignRoutes';
import { cancelJob, enrich, getJob } from './enrichmentRoutes';
import { bulkLeads, deleteLeads, listLeads } from './leadRoutes';
import { inWorkspace, type Route, type RouteContext } from './routeContext';
import { OBJECT_ID, createLeadBodySchema, toStoredFields, updateLeadBodySchema } from './schemas';
import type { SendKitPrincipal, SendKitStore } from './store';
import type { StoredSendKitLead } from './types';
import { conflictLeadView, fullLeadView, workspaceView } from './views';
import { WEBHOOK_ROUTES } from './webhookRoutes';

const ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/v1\/workspaces$/, handle: listWorkspaces },
	{ method: 'POST', pattern: /^\/v1\/leads$/, handle: inWorkspace(createLead) },
	{ method: 'GET', pattern: /^\/v1\/leads$/, handle: inWorkspace(listLeads) },
	// GET /v1/leads/:id is INFERRED: no stored SendKit page documents it (docs/api-notes.md#sendkit-leads); it answers
	// like the other reads.
	{ method: 'GET', pattern: /^\/v1\/leads\/([^/]+)$/, handle: inWorkspace(getLead) },
	{ method: 'PATCH', pattern: /^\/v1\/leads\/([^/]+)$/, handle: inWorkspace(updateLead) },
	{ method: 'DELETE', pattern: /^\/v1\/leads$/, handle: inWorkspace(deleteLeads) },
	{ method: 'POST', pattern: /^\/v1\/leads\/bulk$/, handle: inWorkspace(bulkLeads) },
	{ method: 'POST', pattern: /^\/v1\/enrichment\/enrich$/, handle: inWorkspace(enrich) },
	{ method: 'GET', pattern: /^\/v1\/enrichment\/jobs\/([^/]+)$/, handle: inWorkspace(getJob) },
	{ method: 'POST', pattern: /^\/v1\/enrichment\/jobs\/([^/]+)\/cancel$/, handle: inWorkspace(cancelJob) },
	{ method: 'GET', pattern: /^\/v1\/campaigns$/, handle: inWorkspace(listCampaigns) },
	{ method: 'GET', pattern: /^\/v1\/campaigns\/([^/]+)$/, handle: inWorkspace(getCampaign) },
	{ method: 'POST', pattern: /^\/v1\/campaigns\/([^/]+)\/leads$/, handle: inWorkspace(addCampaignLeads) },
	...WEBHOOK_ROUTES,
];

/**
 * The SendKit API (api.sendkit.ai/v1) for leads and workspaces. Unknown routes answer 404 before any key check,
 * so a wrong path is reported as such even without a key.
 */
export function createSendKitHandler(store: SendKitStore): ApiHandler {
	return (request) => {
		const match = matchRoute(ROUTES, request);
		if (!match) return genericError(404);
		const auth = authenticate(request, store);
		if ('response' in auth) return auth.response;
		if (request.bodyIsInvalid) return genericError(400, 'Invalid JSON body');
		// Enrichment jobs run on the clock; whatever finished since the last request shows from now on.
		store.settleEnrichment();
		return match.route.handle({ request, store, principal: auth.principal, params: match.params });
	};
}

export function sendKitFaultBody(status: FaultStatus): unknown {
	return genericErrorBody(status);
}

function authenticate(request: SandboxRequest, store: SendKitStore): { principal: SendKitPrincipal } | { response: SandboxResponse } {
	const key = apiKeyOf(request);
	const principal = key ? store.principalForKey(key) : undefined;
	if (!principal) return { response: genericError(401, 'Invalid or missing API key') };
	if (principal.kind === 'workspace' && request.headers['x-workspace-id'] !== undefined) {
		return { response: genericError(400, 'Do not send X-Workspace-Id with a workspace API key') };
	}
	return { principal };
}

/** Both documented styles authenticate the same key; X-Api-Key wins when both are sent. */
function apiKeyOf(request: SandboxRequest): string | undefined {
	const headerKey = request.headers['x-api-key']?.trim();
	if (headerKey) return headerKey;
	return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

function listWorkspaces({ store, principal }: RouteContext): SandboxResponse {
	return { status: 200, body: { success: true, data: store.workspacesVisibleTo(principal).map(workspaceView) } };
}

function createLead({ request, store, principal }: RouteContext, workspaceId: string): SandboxResponse {
	// A request without a body is a lead without an email, not a malformed request.
	const parsed = createLeadBodySchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	const { email, tags, customFields, ...fields } = parsed.data;
	const existing = store.findLeadByEmail(workspaceId, email);
	if (existing) return conflictAnswer(store, existing);
	const lead = store.createLead({ ...toStoredFields(fields), email, tags, customFields, userId: principal.userId, workspaceId });
	return { status: 201, body: { success: true, data: fullLeadView(lead) } };
}

/**
 * The 409 of a duplicate, in the shape the `conflict` switch names: the seed document's resource error with the
 * existing lead in `data`, or the generic HTTP error shape; each with or without the lead.
 */
function conflictAnswer(store: SendKitStore, existing: StoredSendKitLead): SandboxResponse {
	const variant = store.variants.current.conflict;
	const message = 'Lead with this email already exists';
	const lead = variant.endsWith('WithoutLead') ? {} : { data: conflictLeadView(existing) };
	if (variant.startsWith('generic')) return { status: 409, body: { error: 'Conflict', message, code: 409, ...lead } };
	return { status: 409, body: { success: false, error: { code: 'CONFLICT', message }, ...lead } };
}

function getLead({ store, params }: RouteContext, workspaceId: string): SandboxResponse {
	const lead = findLead(store, workspaceId, params[0]);
	return lead ? { status: 200, body: { success: true, data: fullLeadView(lead) } } : genericError(404);
}

function updateLead({ request, store, params }: RouteContext, workspaceId: string): SandboxResponse {
	const body = request.body ?? {};
	if (typeof body === 'object' && body !== null && 'email' in body) {
		return validationErrorBody('Email cannot be changed after creation');
	}
	const parsed = updateLeadBodySchema.safeParse(body);
	if (!parsed.success) return validationError(parsed.error);
	const lead = findLead(store, workspaceId, params[0]);
	if (!lead) return genericError(404);
	const previousTags = [...lead.tags];
	const updated = fullLeadView(store.updateLead(lead, toStoredFields(parsed.data)));
	store.webhooks.emit(workspaceId, 'lead.updated', { lead: updated });
	if (!sameTags(previousTags, lead.tags)) store.webhooks.emit(workspaceId, 'lead.tag_changed', { lead: updated, previousTags, tags: [...lead.tags] });
	return { status: 200, body: { success: true, data: updated } };
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((tag) => b.includes(tag));
}

/** A malformed id is just another id that matches nothing. */
function findLead(store: SendKitStore, workspaceId: string, id: string): StoredSendKitLead | undefined {
	return OBJECT_ID.test(id) ? store.findLeadById(workspaceId, id) : undefined;
}
