import type { ApiRequest, ApiResponse } from '../core/server';
import type { SendKitPrincipal, SendKitStore } from './store';

export interface RouteContext {
	request: ApiRequest;
	store: SendKitStore;
	principal: SendKitPrincipal;
	/** Captured path segments, e.g. the lead id. */
	params: string[];
}

export type RouteHandler = (context: RouteContext) => ApiResponse | Promise<ApiResponse>;
export type WorkspaceRouteHandler = (context: RouteContext, workspaceId: string) => ApiResponse | Promise<ApiResponse>;
