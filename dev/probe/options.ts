import { kickoffLabsIdentity } from '../../sandbox/kickofflabs/keys';
import { sendKitIdentity } from '../../sandbox/sendkit/keys';

export const SENDKIT_HOST = 'https://api.sendkit.ai';
export const KICKOFFLABS_HOST = 'https://api.kickofflabs.com';

export interface SendKitTarget {
	baseUrl: string;
	apiKey: string;
	/** Only with a platform key (`sk_user_…`), as the credential sends it. */
	workspaceId: string | undefined;
}

export interface KickoffLabsTarget {
	baseUrl: string;
	apiKey: string;
	campaignId: string;
}

export interface ProbeOptions {
	sendKit: SendKitTarget;
	kickoffLabs: KickoffLabsTarget | undefined;
	/** Create (and delete) one disposable lead per service, and a webhook when `webhookUrl` is given. */
	write: boolean;
	/** A URL that reaches this machine; the probe listens on its port on 127.0.0.1 for the test delivery. */
	webhookUrl: URL | undefined;
	json: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: SENDKIT_API_KEY=… [KICKOFFLABS_API_KEY=… KICKOFFLABS_CAMPAIGN_ID=…] npm run probe -- [--write] [--webhook-url URL] [--json]

  Calls the live SendKit (and KickoffLabs) APIs and prints, for each point their docs leave open, the answer seen and
  whether the package's assumption holds. Read-only unless --write.

  --write            also create one disposable lead per service (an address at example.com), read it back and delete it
  --webhook-url URL  a URL that reaches this machine (a tunnel to the same port on 127.0.0.1): with --write, registers a
                     webhook there to see SendKit's signature form and KickoffLabs's webhook delete answer
  --json             print the rows as JSON

  Environment: SENDKIT_API_KEY (required), SENDKIT_WORKSPACE_ID (platform keys), SENDKIT_BASE_URL, KICKOFFLABS_API_KEY,
  KICKOFFLABS_CAMPAIGN_ID, KICKOFFLABS_BASE_URL. Exit code 0: nothing contradicted; 1: a point is contradicted, a step
  failed, or something could not be cleaned up; 2: usage error.`;

type Env = Readonly<Record<string, string | undefined>>;

export function parseProbeOptions(argv: readonly string[], env: Env): ProbeOptions {
	let write = false;
	let json = false;
	let webhookUrl: URL | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--write') write = true;
		else if (arg === '--json') json = true;
		else if (arg === '--webhook-url' || arg.startsWith('--webhook-url=')) {
			const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++index];
			webhookUrl = parseWebhookUrl(value);
		} else throw new UsageError(`Unknown argument: ${arg}`);
	}
	if (webhookUrl && !write) throw new UsageError('--webhook-url registers a webhook, which needs --write');
	return { sendKit: sendKitTarget(env), kickoffLabs: kickoffLabsTarget(env), write, webhookUrl, json };
}

function parseWebhookUrl(value: string | undefined): URL {
	const url = value ? httpUrl(value) : undefined;
	if (!url) throw new UsageError('--webhook-url needs an http(s) URL');
	return url;
}

function sendKitTarget(env: Env): SendKitTarget {
	const apiKey = env.SENDKIT_API_KEY?.trim();
	if (!apiKey) throw new UsageError('SENDKIT_API_KEY is not set');
	const baseUrl = baseUrlOf(env.SENDKIT_BASE_URL, SENDKIT_HOST, 'SENDKIT_BASE_URL');
	const sandboxKeys = sendKitIdentity('fixed');
	refuseSandboxKeyOnRealHost(baseUrl, SENDKIT_HOST, [sandboxKeys.workspaceKey, sandboxKeys.platformKey].includes(apiKey), 'SENDKIT');
	const isPlatformKey = apiKey.startsWith('sk_user_');
	const workspaceId = env.SENDKIT_WORKSPACE_ID?.trim() || undefined;
	if (isPlatformKey && !workspaceId) throw new UsageError('SENDKIT_API_KEY is a platform key (sk_user_…): set SENDKIT_WORKSPACE_ID too');
	return { baseUrl, apiKey, workspaceId: isPlatformKey ? workspaceId : undefined };
}

function kickoffLabsTarget(env: Env): KickoffLabsTarget | undefined {
	const apiKey = env.KICKOFFLABS_API_KEY?.trim();
	if (!apiKey) return undefined;
	const campaignId = env.KICKOFFLABS_CAMPAIGN_ID?.trim();
	if (!campaignId || !/^\d+$/.test(campaignId)) throw new UsageError('KICKOFFLABS_API_KEY needs KICKOFFLABS_CAMPAIGN_ID (the number in the campaign URLs)');
	const baseUrl = baseUrlOf(env.KICKOFFLABS_BASE_URL, KICKOFFLABS_HOST, 'KICKOFFLABS_BASE_URL');
	refuseSandboxKeyOnRealHost(baseUrl, KICKOFFLABS_HOST, apiKey === kickoffLabsIdentity('fixed').apiKey, 'KICKOFFLABS');
	return { baseUrl, apiKey, campaignId };
}

function baseUrlOf(value: string | undefined, fallback: string, name: string): string {
	const url = httpUrl(value?.trim() || fallback);
	if (!url) throw new UsageError(`${name} needs an http(s) URL`);
	return url.href.replace(/\/+$/, '');
}

/**
 * The sandbox's fixed keys are printed by `npm run sandbox` and committed in examples: sent to the real host they are
 * at best rejected, at worst someone else's. (Random-mode keys have the same shape as real ones, so only the fixed
 * keys can be recognised.)
 */
function refuseSandboxKeyOnRealHost(baseUrl: string, realHost: string, isSandboxKey: boolean, prefix: string): void {
	if (isSandboxKey && new URL(baseUrl).host === new URL(realHost).host) {
		throw new UsageError(`${prefix}_API_KEY is the sandbox's key: it is not sent to ${realHost}. Set ${prefix}_BASE_URL to the sandbox's URL, or use a real key.`);
	}
}

function httpUrl(value: string): URL | undefined {
	try {
		const url = new URL(value);
		return /^https?:$/.test(url.protocol) ? url : undefined;
	} catch {
		return undefined;
	}
}
