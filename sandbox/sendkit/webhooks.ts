/**
 * SendKit webhooks (docs/api-notes.md#sendkit-webhooks): registered per workspace with a name, URL, events and an HMAC
 * secret; every delivery carries `X-Webhook-Event` and `X-Webhook-Signature`, the HMAC-SHA256 of the raw body with the
 * secret. The docs leave the canonical form open; the sandbox signs the exact bytes it sends, written as the `signature`
 * switch says (hex by default). Whether SendKit keeps a secret it is sent is the `webhookSecret` switch. The payload
 * shape is not documented: `{event, timestamp, data}` is INFERRED.
 */
import { createHmac, randomBytes } from 'node:crypto';

import { WebhookOutbox, type Delivery, type DeliveryKind } from '../core/outbox';
import { ObjectIdSequence } from './ids';
import type { SendKitVariants } from './variants';

export interface StoredSendKitWebhook {
	_id: string;
	workspaceId: string;
	name: string;
	url: string;
	events: string[];
	status: 'active' | 'inactive';
	secret: string;
	retryAttempts: number;
	timeoutMs: number;
	stats: { totalDelivered: number; totalFailed: number };
	createdBy: string;
	createdAt: string;
	updatedAt: string;
}

export interface NewSendKitWebhook {
	workspaceId: string;
	userId: string;
	name: string;
	url: string;
	events: string[];
	secret?: string;
	retryAttempts?: number;
	timeoutMs?: number;
}

export type WebhookChanges = Partial<Pick<StoredSendKitWebhook, 'name' | 'url' | 'events' | 'secret' | 'retryAttempts' | 'timeoutMs' | 'status'>>;

export type ForgedSendKitDelivery = 'unsigned' | 'forged' | 'tampered' | 'truncated';

export class SendKitWebhooks {
	readonly outbox = new WebhookOutbox();
	private readonly byId = new Map<string, StoredSendKitWebhook>();
	private readonly ids = new ObjectIdSequence();

	constructor(private readonly variants: SendKitVariants) {}

	list(workspaceId?: string): StoredSendKitWebhook[] {
		return [...this.byId.values()].filter((hook) => workspaceId === undefined || hook.workspaceId === workspaceId);
	}

	find(workspaceId: string, id: string): StoredSendKitWebhook | undefined {
		const hook = this.byId.get(id.toLowerCase());
		return hook?.workspaceId === workspaceId ? hook : undefined;
	}

	create(input: NewSendKitWebhook): StoredSendKitWebhook {
		const now = new Date().toISOString();
		const hook: StoredSendKitWebhook = {
			_id: this.ids.next(),
			workspaceId: input.workspaceId,
			name: input.name,
			url: input.url,
			events: [...new Set(input.events)],
			status: 'active',
			// Docs: "if omitted, a random 32-byte hex secret is generated"; under `generated`, also when one is sent.
			secret: (this.variants.current.webhookSecret === 'sent' ? input.secret : undefined) ?? randomBytes(32).toString('hex'),
			retryAttempts: input.retryAttempts ?? 3,
			timeoutMs: input.timeoutMs ?? 10_000,
			stats: { totalDelivered: 0, totalFailed: 0 },
			createdBy: input.userId,
			createdAt: now,
			updatedAt: now,
		};
		this.byId.set(hook._id, hook);
		return hook;
	}

	update(hook: StoredSendKitWebhook, changes: WebhookChanges): StoredSendKitWebhook {
		Object.assign(hook, changes, { updatedAt: new Date().toISOString() });
		return hook;
	}

	remove(hook: StoredSendKitWebhook): void {
		this.byId.delete(hook._id);
	}

	/** Delivers an event to every active webhook of the workspace that asked for it, after the current answer. */
	emit(workspaceId: string, event: string, data: Record<string, unknown>): void {
		for (const hook of this.list(workspaceId)) {
			if (hook.status !== 'active' || !hook.events.includes(event)) continue;
			const body = payload(event, data);
			this.outbox.sendLater({ url: hook.url, event, kind: 'event', headers: this.headers(event, body, hook.secret), body });
		}
	}

	/** POST /v1/webhooks/{id}/test: one signed `test` delivery, answered with its outcome. */
	async test(hook: StoredSendKitWebhook): Promise<Delivery> {
		const body = payload('test', { message: 'This is a test webhook delivery from SendKit', webhookId: hook._id });
		const delivery = await this.outbox.send({ url: hook.url, event: 'test', kind: 'test', headers: this.headers('test', body, hook.secret), body });
		this.count(hook, delivery);
		return delivery;
	}

	/** A correctly signed delivery of any event to one webhook, now, whatever it subscribed to. */
	async deliver(hook: StoredSendKitWebhook, event: string, data: Record<string, unknown>): Promise<Delivery> {
		const body = payload(event, data);
		return await this.outbox.send({ url: hook.url, event, kind: 'event', headers: this.headers(event, body, hook.secret), body });
	}

	/**
	 * A delivery that SendKit did not sign: without a signature, signed with another secret, a body changed after
	 * signing (the signature is valid for the original body), or the right signature cut short. Returns the receiver's
	 * answer.
	 */
	async forge(hook: StoredSendKitWebhook, kind: ForgedSendKitDelivery, event: string, data: Record<string, unknown>): Promise<Delivery> {
		const body = payload(event, data);
		let headers = this.headers(event, body, hook.secret);
		let sent = body;
		if (kind === 'unsigned') {
			headers = { ...headers };
			delete headers['x-webhook-signature'];
		} else if (kind === 'forged') headers = this.headers(event, body, randomBytes(32).toString('hex'));
		else if (kind === 'truncated') headers = { ...headers, 'x-webhook-signature': headers['x-webhook-signature'].slice(0, -4) };
		else sent = payload(event, { ...data, tampered: true });
		const deliveryKind: DeliveryKind = kind;
		return await this.outbox.send({ url: hook.url, event, kind: deliveryKind, headers, body: sent });
	}

	reset(): void {
		this.byId.clear();
		this.outbox.reset();
	}

	private headers(event: string, body: string, secret: string): Record<string, string> {
		return {
			'content-type': 'application/json',
			'user-agent': 'SendKit-Webhooks (sandbox)',
			'x-webhook-event': event,
			'x-webhook-signature': this.sign(body, secret),
		};
	}

	/** The HMAC-SHA256 of the exact bytes sent, written as the `signature` switch says. */
	private sign(body: string, secret: string): string {
		const form = this.variants.current.signature;
		const digest = createHmac('sha256', secret).update(body).digest(form.endsWith('base64url') ? 'base64url' : form.endsWith('base64') ? 'base64' : 'hex');
		return form.startsWith('sha256=') ? `sha256=${digest}` : digest;
	}

	private count(hook: StoredSendKitWebhook, delivery: Delivery): void {
		if (delivery.status !== undefined && delivery.status < 300) hook.stats.totalDelivered += 1;
		else hook.stats.totalFailed += 1;
	}
}

function payload(event: string, data: Record<string, unknown>): string {
	return JSON.stringify({ event, timestamp: new Date().toISOString(), data });
}

/** What the API shows of a webhook: everything, the secret included (docs: the create answer includes it). */
export function webhookView(hook: StoredSendKitWebhook): Record<string, unknown> {
	return { ...hook, events: [...hook.events], stats: { ...hook.stats } };
}
