/**
 * KickoffLabs outbound webhooks (docs/api-notes.md#kickofflabs-webhooks): registered per campaign with a URL and
 * events, removed by URL, and POSTed the flat lead object plus `__event` (and the event's extra block) when something
 * happens to a lead. KickoffLabs signs nothing; the receiving trigger brings its own token in the URL.
 */
import { WebhookOutbox, type Delivery } from '../core/outbox';

/**
 * The documented names plus the dashboard's other events under their inferred names
 * (docs/api-notes.md#kickofflabs-webhooks).
 */
const KICKOFFLABS_WEBHOOK_EVENTS = [
	'new_signup',
	'repeat_signup',
	'score_change',
	'referral',
	'fraudulent',
	'opted_out',
	'tagged',
	'reward_level',
] as const;

export type KickoffLabsWebhookEvent = (typeof KICKOFFLABS_WEBHOOK_EVENTS)[number];

export interface OutboundWebhook {
	referenceId: number;
	campaignId: number;
	url: string;
	events: KickoffLabsWebhookEvent[];
	source?: string;
}

/**
 * The transport of deliveries: KickoffLabs does not document it (docs/api-notes.md#kickofflabs-webhooks), so both are
 * available.
 */
export type WebhookBodyFormat = 'json' | 'form';

export type ForgedKickoffLabsDelivery = 'wrongToken' | 'noToken';

const FIRST_REFERENCE_ID = 5001;

export class KickoffLabsWebhooks {
	readonly outbox = new WebhookOutbox();
	/** How deliveries are encoded; tests switch it to check both. */
	format: WebhookBodyFormat = 'json';
	private hooks: OutboundWebhook[] = [];
	private nextReferenceId = FIRST_REFERENCE_ID;

	list(campaignId?: number): OutboundWebhook[] {
		return this.hooks.filter((hook) => campaignId === undefined || hook.campaignId === campaignId).map((hook) => ({ ...hook }));
	}

	/** Registering a URL the campaign already has replaces its events (INFERRED: the docs do not say). */
	register(campaignId: number, url: string, events: KickoffLabsWebhookEvent[], source?: string): OutboundWebhook {
		this.hooks = this.hooks.filter((hook) => !(hook.campaignId === campaignId && hook.url === url));
		const hook: OutboundWebhook = { referenceId: this.nextReferenceId++, campaignId, url, events: [...new Set(events)], source };
		this.hooks.push(hook);
		return { ...hook };
	}

	/** Removes the campaign's webhooks with this URL; false when there was none. */
	remove(campaignId: number, url: string): boolean {
		const before = this.hooks.length;
		this.hooks = this.hooks.filter((hook) => !(hook.campaignId === campaignId && hook.url === url));
		return this.hooks.length < before;
	}

	/** Whether any webhook of the campaign asked for this event. */
	wants(campaignId: number, event: KickoffLabsWebhookEvent): boolean {
		return this.hooks.some((hook) => hook.campaignId === campaignId && hook.events.includes(event));
	}

	/** Delivers an event to every webhook of the campaign that asked for it, after the current answer has gone out. */
	emit(campaignId: number, event: KickoffLabsWebhookEvent, payload: Record<string, unknown>): void {
		for (const hook of this.hooks) {
			if (hook.campaignId !== campaignId || !hook.events.includes(event)) continue;
			this.outbox.sendLater({ url: hook.url, event, kind: 'event', ...this.encode({ __event: event, ...payload }) });
		}
	}

	/**
	 * A delivery that does not come from KickoffLabs: the registered URL with its `token` replaced by a guess, or
	 * without it. Returns the receiver's answer.
	 */
	async forge(hook: OutboundWebhook, kind: ForgedKickoffLabsDelivery, payload: Record<string, unknown>): Promise<Delivery> {
		const url = new URL(hook.url);
		if (kind === 'noToken') url.searchParams.delete('token');
		else url.searchParams.set('token', 'f'.repeat(64));
		const event = hook.events[0] ?? 'new_signup';
		return await this.outbox.send({ url: url.toString(), event, kind, ...this.encode({ __event: event, ...payload }) });
	}

	/**
	 * Forgets the deliveries but keeps the registrations: they are the account's settings, like its campaigns, and a
	 * published trigger registers only at publish time, so clearing them would silently disconnect it.
	 */
	reset(): void {
		this.outbox.reset();
		this.format = 'json';
	}

	private encode(payload: Record<string, unknown>): { headers: Record<string, string>; body: string } {
		if (this.format === 'json') {
			return { headers: { 'content-type': 'application/json', 'user-agent': 'KickoffLabs-Webhooks (sandbox)' }, body: JSON.stringify(payload) };
		}
		const form = new URLSearchParams();
		for (const [key, value] of Object.entries(payload)) appendFormValue(form, key, value);
		return {
			headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'KickoffLabs-Webhooks (sandbox)' },
			body: form.toString(),
		};
	}
}

/** Rails-style form encoding: `a[b]=c` for objects, `a[]=x` for arrays, empty text for null. */
function appendFormValue(form: URLSearchParams, key: string, value: unknown): void {
	if (value === null || value === undefined) form.append(key, '');
	else if (Array.isArray(value)) for (const entry of value) appendFormValue(form, `${key}[]`, entry);
	else if (typeof value === 'object') {
		for (const [inner, entry] of Object.entries(value as Record<string, unknown>)) appendFormValue(form, `${key}[${inner}]`, entry);
	} else form.append(key, String(value));
}

export function isKickoffLabsWebhookEvent(value: unknown): value is KickoffLabsWebhookEvent {
	return typeof value === 'string' && (KICKOFFLABS_WEBHOOK_EVENTS as readonly string[]).includes(value);
}
