import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiRequest, ApiResponse, Service } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';

export const SENDKIT_CREDENTIAL = 'sendKitApi';

interface SendKitCredentials {
	apiKey: string;
	workspaceId?: string;
	baseUrl?: string;
}

/** Platform keys act across workspaces, so the API needs to be told which one (docs: "Authentication"). */
export function isPlatformKey(apiKey: string): boolean {
	return apiKey.trim().startsWith('sk_user_');
}

async function sendKitService(context: IExecuteFunctions, itemIndex: number): Promise<Service> {
	const credentials = await context.getCredentials<SendKitCredentials>(SENDKIT_CREDENTIAL, itemIndex);
	const workspaceId = (credentials.workspaceId ?? '').trim();
	const headers: Record<string, string> = {};
	if (isPlatformKey(credentials.apiKey ?? '')) {
		if (!workspaceId) {
			throw new NodeOperationError(
				context.getNode(),
				'The SendKit credential uses a platform API key (sk_user_...), which needs a Workspace ID',
				{
					itemIndex,
					description:
						'Open the SendKit credential and fill in Workspace ID (from SendKit, or from GET /v1/workspaces), or use a workspace API key (sk_...) instead.',
				},
			);
		}
		headers['X-Workspace-Id'] = workspaceId;
	}
	return {
		name: 'SendKit',
		credentialType: SENDKIT_CREDENTIAL,
		baseUrl: credentials.baseUrl || 'https://api.sendkit.ai',
		headers,
	};
}

/** One SendKit API call for an item, with the credential's key and, for platform keys, the workspace. */
export async function sendKitRequest(
	context: IExecuteFunctions,
	request: ApiRequest,
	itemIndex: number,
): Promise<ApiResponse> {
	return await apiRequest(context, await sendKitService(context, itemIndex), request, itemIndex);
}
