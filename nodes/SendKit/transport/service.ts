import { Service } from '../../shared/http/client';

interface SendKitCredentials {
	apiKey: string;
	workspaceId?: string;
	baseUrl?: string;
}

/** Platform keys act across workspaces, so the API needs to be told which one (docs: "Authentication"). */
function isPlatformKey(apiKey: string): boolean {
	return apiKey.trim().startsWith('sk_user_');
}

/** The SendKit API (docs.sendkit.ai): X-Api-Key, and X-Workspace-Id for platform keys. */
export const sendKit = new Service<SendKitCredentials>({
	name: 'SendKit',
	record: 'lead',
	credentialType: 'sendKitApi',
	defaultBaseUrl: 'https://api.sendkit.ai',
	credentialLabels: { apiKey: 'API Key', workspaceId: 'Workspace ID', baseUrl: 'Base URL' },
	secretFields: ['apiKey'],
	headers: (credentials) => {
		const workspaceId = (credentials.workspaceId ?? '').trim();
		return isPlatformKey(credentials.apiKey ?? '') ? { 'X-Workspace-Id': workspaceId } : {};
	},
	credentialProblem: (credentials) => {
		if (!isPlatformKey(credentials.apiKey ?? '') || (credentials.workspaceId ?? '').trim()) return undefined;
		return {
			message: 'The SendKit credential uses a platform API key (sk_user_...), which needs a Workspace ID',
			description:
				'Open the SendKit credential and fill in Workspace ID (from SendKit, or from GET /v1/workspaces), or use a workspace API key (sk_...) instead.',
		};
	},
});
