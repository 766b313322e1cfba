import { loadPackage } from '../../dev/engine';
import { sandboxEngineCredentials } from '../../dev/engine/credentials';
import { sandboxCredentials as realN8nCredentials } from '../../dev/real-n8n/n8n';
import { SERVICES, sandboxCredentials, servicePort, startSandbox, type RunningSandbox } from '../../sandbox';
import { describeSandbox, parseCliOptions } from '../../sandbox/cli';
import { kickoffLabsCredentials, repoRoot, sendKitCredentials } from '../helpers/world';

let sandbox: RunningSandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe('service registry', () => {
	it('lists each service once, with its own name, env prefix and fixed port', () => {
		expect(SERVICES.map((service) => [service.name, service.envPrefix, service.defaultPort])).toEqual([
			['sendKit', 'SENDKIT', 5680],
			['kickoffLabs', 'KICKOFFLABS', 5681],
			['openAi', 'OPENAI', 5682],
		]);
		expect(servicePort(SERVICES[1], 'default')).toBe(5681);
		expect(servicePort(SERVICES[1], { kickoffLabs: 7001 })).toBe(7001);
		expect(servicePort(SERVICES[0], {})).toBe(0);
	});

	it('starts every service; sandbox.<name> and sandbox.services are the same objects', () => {
		expect(sandbox.services.map((service) => service.name)).toEqual(SERVICES.map((service) => service.name));
		expect(sandbox.services[0]).toBe(sandbox.sendKit);
		expect(sandbox.services[1]).toBe(sandbox.kickoffLabs);
		expect(new Set(sandbox.services.map((service) => service.url)).size).toBe(sandbox.services.length);
	});

	it('gives each lead service an n8n credential of a type this package defines, with only its fields', async () => {
		const { credentialTypes } = await loadPackage(repoRoot);
		for (const credential of sandboxCredentials(sandbox).filter((candidate) => candidate.type !== 'openAiApi')) {
			const type = credentialTypes[credential.type];
			expect(type).toBeDefined();
			const fields = type.properties.map((property) => property.name);
			expect(Object.keys(credential.data).filter((field) => !fields.includes(field))).toEqual([]);
		}
		expect(sandbox.sendKit.credentials.data).toEqual({ apiKey: sandbox.sendKit.workspaceKey, workspaceId: '', baseUrl: sandbox.sendKit.url });
		expect(sandbox.kickoffLabs.credentials.data).toEqual({
			apiKey: sandbox.kickoffLabs.apiKey,
			campaignId: sandbox.kickoffLabs.defaultCampaignId,
			baseUrl: sandbox.kickoffLabs.url,
		});
		// The fake model's credential is n8n's own OpenAI one (n8n-nodes-base): API Key and Base URL.
		expect(sandbox.openAi.credentials).toMatchObject({ type: 'openAiApi', data: { apiKey: sandbox.openAi.apiKey, url: `${sandbox.openAi.url}/v1` } });
	});

	it('feeds the engine, the test world and the real n8n import from the same descriptors', () => {
		expect(sandboxEngineCredentials(sandbox)).toEqual({
			...sendKitCredentials(sandbox),
			...kickoffLabsCredentials(sandbox),
			openAiApi: sandbox.openAi.credentials.data,
		});
		expect(sendKitCredentials(sandbox, { apiKey: 'wrong' }).sendKitApi.apiKey).toBe('wrong');
		expect(realN8nCredentials(sandbox).map((credential) => [credential.id, credential.type])).toEqual([
			['sendKitSandbox01', 'sendKitApi'],
			['kickoffLabsSbx01', 'kickoffLabsApi'],
			['openAiSandbox001', 'openAiApi'],
		]);
	});

	it('the CLI prints every service\'s URL and public values, and takes --faults for every service', () => {
		const lines = describeSandbox(sandbox).split('\n');
		expect(lines).toEqual(expect.arrayContaining([`SENDKIT_URL=${sandbox.sendKit.url}`, `KICKOFFLABS_DEFAULT_CAMPAIGN_ID=135544`]));
		expect(parseCliOptions(['--faults', '{"rateLimit":{"perSecond":5,"maxInFlight":2}}'], {}).faults).toEqual({
			rateLimit: { perSecond: 5, maxInFlight: 2 },
		});
		expect(() => parseCliOptions(['--faults={"queue":[{"status":418}]}'], {})).toThrow('--faults');
		expect(() => parseCliOptions(['--faults', 'nope'], {})).toThrow('--faults needs JSON');
	});
});
