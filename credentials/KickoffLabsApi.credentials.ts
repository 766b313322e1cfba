import type {
	IAuthenticate,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class KickoffLabsApi implements ICredentialType {
	name = 'kickoffLabsApi';

	displayName = 'KickoffLabs API';

	icon: Icon = {
		light: 'file:../nodes/KickoffLabs/kickoffLabs.svg',
		dark: 'file:../nodes/KickoffLabs/kickoffLabs.dark.svg',
	};

	// n8n's lint wants the URL written out here; a test checks it against the nodes' (nodes/shared/documentation.ts).
	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-lead-capture#kickofflabs-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'The key from Setup > All Settings > API Access',
			required: true,
			description: 'Your account\'s API key, from the KickoffLabs dashboard under Setup > All Settings > API Access',
		},
		{
			displayName: 'Default Campaign ID',
			name: 'campaignId',
			type: 'string',
			default: '',
			placeholder: '135544',
			description:
				'The campaign the KickoffLabs node works on when its Campaign parameter is left empty. Optional: leave empty to always choose the campaign in the node.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.kickofflabs.com',
			description: 'Change only to point at a proxy or a test server',
		},
	];

	/**
	 * The key travels as the api_key query parameter, which every KickoffLabs endpoint accepts on every method. A
	 * function rather than a generic `={{$credentials.apiKey}}`: n8n would evaluate such an expression anew on every
	 * request, a cost that shows per item (README, "How fast (measured)").
	 */
	authenticate: IAuthenticate = async (credentials, requestOptions) => ({
		...requestOptions,
		qs: { ...requestOptions.qs, api_key: String(credentials.apiKey ?? '') },
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '/v2/campaigns',
		},
		// Shown by n8n instead of a bare "Unauthorized" / "Forbidden" when the test request fails.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						"KickoffLabs rejected the API key (HTTP 401). Use your account's API key from the KickoffLabs dashboard: Setup > All Settings > API Access (not a campaign ID or a lead's social ID), pasted whole, and check that Base URL is https://api.kickofflabs.com.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"KickoffLabs refused access with this API key (HTTP 403). Check that it is your account's API key from Setup > All Settings > API Access and that the account can use the API.",
				},
			},
		],
	};
}
