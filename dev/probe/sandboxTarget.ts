import type { RunningSandbox } from '../../sandbox';

/** The probe's environment for a running sandbox: its URLs, keys and default campaign, as CI and the tests use it. */
export function sandboxProbeEnv(sandbox: Pick<RunningSandbox, 'sendKit' | 'kickoffLabs'>): Record<string, string> {
	return {
		SENDKIT_API_KEY: sandbox.sendKit.workspaceKey,
		SENDKIT_BASE_URL: sandbox.sendKit.url,
		KICKOFFLABS_API_KEY: sandbox.kickoffLabs.apiKey,
		KICKOFFLABS_CAMPAIGN_ID: sandbox.kickoffLabs.defaultCampaignId,
		KICKOFFLABS_BASE_URL: sandbox.kickoffLabs.url,
	};
}
