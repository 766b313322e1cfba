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

	// n8n's lint wants the URL written out here; a test checks it against the nodes' (nodes/shared/documentation.ts).
	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-lead-capture#sendkit-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'sk_... (workspace key) or sk_user_... (platform key)',
			required: true,
			description:
				'A workspace API key (sk_...) or a platform API key (sk_user_...). Find it in SendKit under workspace settings > API.',
		},
		{
			displayName: 'Workspace ID',
			name: 'workspaceId',
			type: 'string',
			default: '',
			placeholder: '664f0a1b2c3d4e5f6a7b8c9e',
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
	 * A function rather than a generic `={{$credentials.apiKey}}`: n8n would evaluate such an expression anew on every
	 * request, a cost that shows per item (README, "How fast (measured)").
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
		// Shown by n8n instead of a bare "Unauthorized" / "Forbidden" when the test request fails.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'SendKit rejected the API key (HTTP 401). Paste the whole key from SendKit > workspace settings > API: a workspace key starts with sk_, a platform key with sk_user_. Check that it was not rotated or deleted, and that Base URL is https://api.sendkit.ai.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'SendKit accepted the key but refused access (HTTP 403). With a platform key (sk_user_...), check that your user is a member of the workspace in Workspace ID; with a workspace key (sk_...), leave Workspace ID empty.',
				},
			},
		],
	};
}
