import type { ZodError } from 'zod';

import { RATE_LIMIT_MESSAGE, STATUS_REASONS, type FaultStatus } from '../core/faults';
import { matchRoute, type RoutePattern } from '../core/routes';
import type { ApiHandler, ApiRequest, ApiResponse } from '../core/server';
import {
	OBJECT_ID,
	createLeadBodySchema,
	listLeadsQuerySchema,
	singleValuedQuery,
	toStoredFields,
	updateLeadBodySchema,
} from './schemas';
import type { SendKitLead, SendKitPrincipal, SendKitStore } from './store';
import { conflictLeadView, fullLeadView, leadListItemView, workspaceView } from './views';
import { WEBHOOK_ROUTES } from './webhookRoutes';

export interface RouteContext {
	request: ApiRequest;
	store: SendKitStore;
	principal: SendKitPrincipal;
	/** Captured path segments, e.g. the lead id. */
	params: string[];
}

type RouteHandler = (context: RouteContext) => ApiResponse | Promise<ApiResponse>;
type WorkspaceRouteHandler = (context: RouteContext, workspaceId: string) => ApiResponse | Promise<ApiResponse>;

export interface Route extends RoutePattern {
	handle: RouteHandler;
}

const ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/v1\/workspaces$/, handle: listWorkspaces },
	{ method: 'POST', pattern: /^\/v1\/leads$/, handle: inWorkspace(createLead) },
	{ method: 'GET', pattern: /^\/v1\/leads$/, handle: inWorkspace(listLeads) },
	// GET /v1/leads/:id is INFERRED: no stored SendKit page documents it (docs §4.3); it answers like the other reads.
	{ method: 'GET', pattern: /^\/v1\/leads\/([^/]+)$/, handle: inWorkspace(getLead) },
	{ method: 'PATCH', pattern: /^\/v1\/leads\/([^/]+)$/, handle: inWorkspace(updateLead) },
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
		return match.route.handle({ request, store, principal: auth.principal, params: match.params });
	};
}

export function sendKitFaultBody(status: FaultStatus): unknown {
	return genericErrorBody(status);
}

function authenticate(request: ApiRequest, store: SendKitStore): { principal: SendKitPrincipal } | { response: ApiResponse } {
	const key = apiKeyOf(request);
	const principal = key ? store.principalForKey(key) : undefined;
	if (!principal) return { response: genericError(401, 'Invalid or missing API key') };
	if (principal.kind === 'workspace' && request.headers['x-workspace-id'] !== undefined) {
		return { response: genericError(400, 'Do not send X-Workspace-Id with a workspace API key') };
	}
	return { principal };
}

/** Both documented styles authenticate the same key; X-Api-Key wins when both are sent. */
function apiKeyOf(request: ApiRequest): string | undefined {
	const headerKey = request.headers['x-api-key']?.trim();
	if (headerKey) return headerKey;
	return /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
}

/** Resolves the workspace a lead endpoint acts on: the key's own, or the platform key's X-Workspace-Id. */
export function inWorkspace(handle: WorkspaceRouteHandler): RouteHandler {
	return (context) => {
		const { principal, request, store } = context;
		if (principal.kind === 'workspace') return handle(context, principal.workspaceId);
		const workspaceId = request.headers['x-workspace-id']?.trim();
		if (!workspaceId) return genericError(400, 'X-Workspace-Id header is required for platform API keys');
		if (!store.isMember(principal.userId, workspaceId)) return genericError(403);
		return handle(context, workspaceId);
	};
}

function listWorkspaces({ store, principal }: RouteContext): ApiResponse {
	return { status: 200, body: { success: true, data: store.workspacesVisibleTo(principal).map(workspaceView) } };
}

function createLead({ request, store, principal }: RouteContext, workspaceId: string): ApiResponse {
	// A request without a body is a lead without an email, not a malformed request.
	const parsed = createLeadBodySchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	const { email, tags, customFields, ...fields } = parsed.data;
	const existing = store.findLeadByEmail(workspaceId, email);
	if (existing) {
		return {
			status: 409,
			body: {
				success: false,
				error: { code: 'CONFLICT', message: 'Lead with this email already exists' },
				data: conflictLeadView(existing),
			},
		};
	}
	const lead = store.createLead({ ...toStoredFields(fields), email, tags, customFields, userId: principal.userId, workspaceId });
	return { status: 201, body: { success: true, data: fullLeadView(lead) } };
}

/** Cursor pagination in `_id` order; `cursor` is the last `_id` of the previous page (Gen B of the docs). */
function listLeads({ request, store }: RouteContext, workspaceId: string): ApiResponse {
	const parsed = listLeadsQuerySchema.safeParse(singleValuedQuery(request.query));
	if (!parsed.success) return validationError(parsed.error);
	const { search, tags, limit, cursor } = parsed.data;
	const matching = store
		.leads(workspaceId)
		.filter((lead) => matchesSearch(lead, search) && hasAnyTag(lead, tags));
	const afterCursor = cursor ? matching.filter((lead) => lead._id > cursor.toLowerCase()) : matching;
	const page = afterCursor.slice(0, limit);
	return {
		status: 200,
		body: {
			success: true,
			data: page.map(leadListItemView),
			pagination: {
				limit,
				total: matching.length,
				hasMore: afterCursor.length > page.length,
				// Like the docs' example, the last id of the page is given even on the last page; null only for an empty page.
				nextCursor: page.length > 0 ? page[page.length - 1]._id : null,
			},
		},
	};
}

function matchesSearch(lead: SendKitLead, search: string | undefined): boolean {
	if (!search) return true;
	const needle = search.toLowerCase();
	return [lead.email, lead.firstName, lead.lastName, lead.companyName].some((value) => value?.toLowerCase().includes(needle));
}

function hasAnyTag(lead: SendKitLead, tags: string | undefined): boolean {
	const wanted = (tags ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	return wanted.length === 0 || wanted.some((tag) => lead.tags.includes(tag));
}

function getLead({ store, params }: RouteContext, workspaceId: string): ApiResponse {
	const lead = findLead(store, workspaceId, params[0]);
	return lead ? { status: 200, body: { success: true, data: fullLeadView(lead) } } : genericError(404);
}

function updateLead({ request, store, params }: RouteContext, workspaceId: string): ApiResponse {
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
function findLead(store: SendKitStore, workspaceId: string, id: string): SendKitLead | undefined {
	return OBJECT_ID.test(id) ? store.findLeadById(workspaceId, id) : undefined;
}

export function validationError(error: ZodError): ApiResponse {
	return validationErrorBody(error.issues[0]?.message ?? 'Invalid request');
}

export function validationErrorBody(message: string): ApiResponse {
	return { status: 400, body: { success: false, error: { code: 'VALIDATION_ERROR', message } } };
}

const GENERIC_MESSAGES: Record<number, string> = {
	400: 'Bad request',
	401: 'Invalid or missing API key',
	403: "You don't have permission to access this resource",
	404: 'The requested resource was not found',
	429: RATE_LIMIT_MESSAGE,
};

/** Shape 2 of the docs (§2.2): `{error, message, code}`. */
export function genericError(status: number, message?: string): ApiResponse {
	return { status, body: genericErrorBody(status, message) };
}

function genericErrorBody(status: number, message?: string): { error: string; message: string; code: number } {
	const fallback = status >= 500 ? 'An unexpected error occurred' : 'Error';
	return { error: STATUS_REASONS[status] ?? 'Error', message: message ?? GENERIC_MESSAGES[status] ?? fallback, code: status };
}
