/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development tooling: runs in plain Node, not inside n8n */
/**
 * Outgoing webhook deliveries of an emulated API: each one is an HTTP POST to a registered URL, sent after the API
 * call that caused it has been answered (as the real services do), and recorded with its outcome. Tests wait for
 * `settled()` before looking at what arrived.
 */

/** How a delivery was made: a real event, or one of the hostile variants a test asks for. */
export type DeliveryKind = 'event' | 'test' | 'unsigned' | 'forged' | 'tampered' | 'truncated' | 'wrongToken' | 'noToken';

export interface DeliveryRequest {
	url: string;
	event: string;
	kind: DeliveryKind;
	headers: Record<string, string>;
	/** The exact bytes sent. */
	body: string;
}

export interface Delivery extends DeliveryRequest {
	/** The receiver's status, or undefined when no answer came (see `error`). */
	status?: number;
	error?: string;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export class WebhookOutbox {
	/** Every delivery since the last reset, in the order they were started; outcomes are filled in as they come. */
	readonly deliveries: Delivery[] = [];
	private readonly pending = new Set<Promise<Delivery>>();

	/** Starts a delivery now and returns its outcome when the receiver has answered (or failed to). */
	send(request: DeliveryRequest): Promise<Delivery> {
		const delivery: Delivery = { ...request };
		this.deliveries.push(delivery);
		const sending = post(delivery).finally(() => this.pending.delete(sending));
		this.pending.add(sending);
		return sending;
	}

	/** Starts a delivery after the current API answer has gone out, like a service's background job. */
	sendLater(request: DeliveryRequest): void {
		const delivery: Delivery = { ...request };
		this.deliveries.push(delivery);
		const sending = new Promise<void>((resolve) => setImmediate(resolve))
			.then(async () => await post(delivery))
			.finally(() => this.pending.delete(sending));
		this.pending.add(sending);
	}

	/** Resolves once every delivery started so far (and any they started) has an outcome. */
	async settled(): Promise<Delivery[]> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
		return this.deliveries;
	}

	reset(): void {
		this.deliveries.length = 0;
	}
}

async function post(delivery: Delivery): Promise<Delivery> {
	try {
		const response = await fetch(delivery.url, {
			method: 'POST',
			headers: delivery.headers,
			body: delivery.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
		});
		delivery.status = response.status;
		await response.arrayBuffer();
	} catch (error) {
		delivery.error = error instanceof Error ? error.message : String(error);
	}
	return delivery;
}
