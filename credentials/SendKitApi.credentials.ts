import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SendKitApi implements ICredentialType {
	name = 'sendKitApi';

	displayName = 'SendKit API';

	icon: Icon = { light: 'file:../nodes/SendKit/sendKit.svg', dark: 'file:../nodes/SendKit/sendKit.dark.svg' };

	documentationUrl = 'https://docs.sendkit.ai/';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A workspace API key (sk_...) or a platform API key (sk_user_...). Find it in SendKit under workspace settings > API.',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			description:
				'Only for a platform API key (sk_user_...): the workspace to work in, sent as X-Workspace-Id. Leave empty for a workspace key.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.sendkit.ai',
			description: 'Change only to point at a proxy or a test server',
		},
	];

	/**
	 * A function rather than a generic `={{$credentials.apiKey}}`: n8n evaluates such an expression on every request,
	 * which cost more CPU than the rest of the node's work per item (docs/notes-throughput.md).
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		headers: { ...requestOptions.headers, 'X-Api-Key': String(credentials.apiKey ?? '') },
	});

	// Listing workspaces works with both kinds of key and needs no X-Workspace-Id.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v1/workspaces',
		},
	};
}
