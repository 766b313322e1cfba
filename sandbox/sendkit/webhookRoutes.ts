import { z } from 'zod';

import type { SandboxResponse } from '../core/types';
import { genericError, validationError } from './answers';
import { inWorkspace, type Route, type RouteContext } from './routeContext';
import { OBJECT_ID, singleValuedQuery } from './schemas';
import { webhookView, type StoredSendKitWebhook } from './webhooks';

/**
 * /v1/webhooks (docs/api-notes.md#sendkit-webhooks): list, create, get, update, delete (INFERRED: not in the docs'
 * excerpt) and a signed test delivery.
 */
export const WEBHOOK_ROUTES: readonly Route[] = [
	{ method: 'GET', pattern: /^\/v1\/webhooks$/, handle: inWorkspace(listWebhooks) },
	{ method: 'POST', pattern: /^\/v1\/webhooks$/, handle: inWorkspace(createWebhook) },
	{ method: 'GET', pattern: /^\/v1\/webhooks\/([^/]+)$/, handle: inWorkspace(withWebhook(getWebhook)) },
	{ method: 'PATCH', pattern: /^\/v1\/webhooks\/([^/]+)$/, handle: inWorkspace(withWebhook(updateWebhook)) },
	{ method: 'DELETE', pattern: /^\/v1\/webhooks\/([^/]+)$/, handle: inWorkspace(withWebhook(deleteWebhook)) },
	{ method: 'POST', pattern: /^\/v1\/webhooks\/([^/]+)\/test$/, handle: inWorkspace(withWebhook(testWebhook)) },
];

const webhookFields = {
	name: z.string({ required_error: 'name is required', invalid_type_error: 'name must be a string' }).trim().min(1, 'name is required'),
	url: z.string({ required_error: 'url is required', invalid_type_error: 'url must be a valid uri' }).url('url must be a valid uri'),
	events: z
		.array(z.string().min(1, 'events must be an array of event names'), {
			required_error: 'events is required',
			invalid_type_error: 'events must be an array',
		})
		.min(1, 'events must not be empty'),
	secret: z.string({ invalid_type_error: 'secret must be a string' }).min(1).optional(),
	retryAttempts: z.number().int().min(0).max(10).optional(),
	timeoutMs: z.number().int().min(1000).max(30000).optional(),
};

const createWebhookSchema = z.object(webhookFields, { invalid_type_error: 'Request body must be a JSON object' });
const updateWebhookSchema = z
	.object({ ...webhookFields, status: z.enum(['active', 'inactive']).optional() })
	.partial();
const listQuerySchema = z.object({
	limit: z.coerce.number().int().min(1).max(100).default(25),
	cursor: z.string().regex(OBJECT_ID, 'cursor must be a valid id').optional(),
});

type WebhookHandler = (context: RouteContext, workspaceId: string, hook: StoredSendKitWebhook) => SandboxResponse | Promise<SandboxResponse>;

function withWebhook(handle: WebhookHandler) {
	return (context: RouteContext, workspaceId: string): SandboxResponse | Promise<SandboxResponse> => {
		const id = context.params[0];
		const hook = OBJECT_ID.test(id) ? context.store.webhooks.find(workspaceId, id) : undefined;
		return hook ? handle(context, workspaceId, hook) : genericError(404);
	};
}

function ok(data: unknown, status = 200): SandboxResponse {
	return { status, body: { success: true, data } };
}

function listWebhooks({ request, store }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = listQuerySchema.safeParse(singleValuedQuery(request.query));
	if (!parsed.success) return validationError(parsed.error);
	const { limit, cursor } = parsed.data;
	const all = store.webhooks.list(workspaceId);
	const after = cursor ? all.filter((hook) => hook._id > cursor.toLowerCase()) : all;
	const page = after.slice(0, limit);
	return {
		status: 200,
		body: {
			success: true,
			data: page.map(webhookView),
			pagination: { limit, total: all.length, hasMore: after.length > page.length, nextCursor: page.length > 0 ? page[page.length - 1]._id : null },
		},
	};
}

function createWebhook({ request, store, principal }: RouteContext, workspaceId: string): SandboxResponse {
	const parsed = createWebhookSchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	return ok(webhookView(store.webhooks.create({ ...parsed.data, workspaceId, userId: principal.userId })), 201);
}

function getWebhook(_context: RouteContext, _workspaceId: string, hook: StoredSendKitWebhook): SandboxResponse {
	return ok(webhookView(hook));
}

function updateWebhook({ request, store }: RouteContext, _workspaceId: string, hook: StoredSendKitWebhook): SandboxResponse {
	const parsed = updateWebhookSchema.safeParse(request.body ?? {});
	if (!parsed.success) return validationError(parsed.error);
	return ok(webhookView(store.webhooks.update(hook, parsed.data)));
}

function deleteWebhook({ store }: RouteContext, _workspaceId: string, hook: StoredSendKitWebhook): SandboxResponse {
	if (store.variants.current.webhookDelete === 'missing') return genericError(404);
	store.webhooks.remove(hook);
	return ok({ _id: hook._id, deleted: true });
}

/** Docs: "sends a signed test delivery", answering `{statusCode, delivered}`. */
async function testWebhook({ store }: RouteContext, _workspaceId: string, hook: StoredSendKitWebhook): Promise<SandboxResponse> {
	const delivery = await store.webhooks.test(hook);
	return ok({ statusCode: delivery.status ?? null, delivered: delivery.status !== undefined && delivery.status < 300 });
}
