/**
 * The two operations the bench sends, as each contender sends them: SendKit creates (POST /v1/leads) and
 * KickoffLabs upserts (POST /v2/{campaign_id}), with one email per item.
 */
import type { EngineCredentials } from '../dev/engine/credentials';
import type { RunningSandbox } from '../sandbox';

export type ServiceKey = 'sendKit' | 'kickoffLabs';

export const SERVICE_TITLES: Record<ServiceKey, string> = { sendKit: 'SendKit create', kickoffLabs: 'KickoffLabs upsert' };

/** What a contender needs to reach one sandbox service. */
export interface ServiceInfo {
	url: string;
	key: string;
	campaignId?: string;
	credentials: EngineCredentials;
}

export type SandboxInfo = Record<ServiceKey, ServiceInfo>;

/** One HTTP request as a plain client sends it. */
export interface PlainRequest {
	url: string;
	headers: Record<string, string>;
	params: Record<string, string>;
	body: (email: string) => Record<string, string>;
}

export function plainRequest(info: SandboxInfo, service: ServiceKey): PlainRequest {
	if (service === 'sendKit') {
		return { url: `${info.sendKit.url}/v1/leads`, headers: { 'X-Api-Key': info.sendKit.key }, params: {}, body: (email) => ({ email }) };
	}
	const { url, key, campaignId } = info.kickoffLabs;
	return { url: `${url}/v2/${campaignId ?? ''}`, headers: {}, params: { api_key: key }, body: (email) => ({ email, __source: 'n8n' }) };
}

export function emails(count: number, label: string): string[] {
	return Array.from({ length: count }, (_, index) => `${label}-${index}@bench.example.com`);
}

/**
 * What the API holds for a run's emails: leads lost (never stored) and requests the API counted twice (SendKit:
 * requests it processed beyond one per stored lead, which a 409 would answer; KickoffLabs: signups counted beyond
 * one per lead, `counter - 1`).
 */
export function tallyStore(sandbox: RunningSandbox, service: ServiceKey, sent: readonly string[]): { lost: number; duplicates: number } {
	const wanted = new Set(sent);
	if (service === 'sendKit') {
		const stored = sandbox.sendKit.store.allLeads().filter((lead) => wanted.has(lead.email)).length;
		return { lost: sent.length - stored, duplicates: Math.max(0, sandbox.sendKit.control.stats.accepted - stored) };
	}
	const leads = sandbox.kickoffLabs.store.allLeads().filter((lead) => wanted.has(lead.email ?? ''));
	return { lost: sent.length - leads.length, duplicates: leads.reduce((sum, lead) => sum + lead.counter - 1, 0) };
}
