import { KickoffLabsApi } from '../../credentials/KickoffLabsApi.credentials';
import { NODE, createWorkflow, useKickoffLabs } from '../helpers/kickofflabs';
import { withNodeSettings } from '../helpers/world';

const { requests, run } = useKickoffLabs();

describe('KickoffLabs API credential', () => {
	const credential = new KickoffLabsApi();

	it('has the API key (secret), an optional default campaign (not secret) and the base URL', () => {
		expect(credential.name).toBe('kickoffLabsApi');
		expect(credential.displayName).toBe('KickoffLabs API');
		expect(credential.properties.map((prop) => [prop.name, prop.typeOptions?.password === true, prop.default, prop.required === true])).toEqual([
			['apiKey', true, '', true],
			['campaignId', false, '', false],
			['baseUrl', false, 'https://api.kickofflabs.com', false],
		]);
		expect(credential.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-lead-capture#kickofflabs-api');
		expect(credential.icon).toEqual({
			light: 'file:../nodes/KickoffLabs/kickoffLabs.svg',
			dark: 'file:../nodes/KickoffLabs/kickoffLabs.dark.svg',
		});
	});

	it('sends the key as the api_key query parameter and tests it with GET /v2/campaigns', async () => {
		const authenticate = credential.authenticate;
		if (typeof authenticate !== 'function') throw new Error('authenticate is not a function');
		await expect(authenticate({ apiKey: 'k3y' }, { url: '/v2/1', qs: { email: 'a@b.co' } })).resolves.toEqual({
			url: '/v2/1',
			qs: { email: 'a@b.co', api_key: 'k3y' },
		});
		expect(credential.test).toMatchObject({ request: { baseURL: '={{$credentials.baseUrl}}', url: '/v2/campaigns' } });
	});
});

describe('KickoffLabs API credential in a run', () => {
	it('reports a wrong API key as a clear authorization error, with the key nowhere in the run', async () => {
		const wrongKey = 'ffffffffffffffffffffffffwrongkey';
		const workflow = withNodeSettings(createWorkflow, NODE, { onError: 'stopWorkflow' });

		const result = await run(workflow, [{ email: 'ada@example.com' }], { apiKey: wrongKey });

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toBe('KickoffLabs: Invalid API key');
		expect(result.error?.description).toBe(
			'Authorization failed: check the API Key in the KickoffLabs credential (HTTP 401)',
		);
		expect(JSON.stringify(result.run)).not.toContain(wrongKey);
		expect(JSON.stringify(requests())).not.toContain(wrongKey);
	});
});
