import type { RoutePattern } from '../core/routes';
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { genericError } from './answers';
import type { SendKitPrincipal, SendKitStore } from './store';

export interface RouteContext {
	request: SandboxRequest;
	store: SendKitStore;
	principal: SendKitPrincipal;
	/** Captured path segments, e.g. the lead id. */
	params: string[];
}

type RouteHandler = (context: RouteContext) => SandboxResponse | Promise<SandboxResponse>;
type WorkspaceRouteHandler = (context: RouteContext, workspaceId: string) => SandboxResponse | Promise<SandboxResponse>;

export interface Route extends RoutePattern {
	handle: RouteHandler;
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
