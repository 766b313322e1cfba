/**
 * How fast one node execution may send: an adaptive limit on requests in flight, shared by every item of the
 * execution. It starts at the node's Concurrency; a 429 halves it (once per round of requests, so a burst of 429s
 * from one round counts once), and it grows back by one after each full round of answers without a 429
 * (additive increase, multiplicative decrease). An unknown rate limit is found instead of hammered, and only the
 * item that got the 429 waits for its Retry-After: the others carry on at the reduced pace.
 */
export class AdaptiveLimit {
	private allowed: number;

	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	/** Bumped by every decrease: a 429 to a request sent before the last decrease does not decrease again. */
	private round = 0;

	private answersSinceChange = 0;

	constructor(readonly max: number) {
		this.allowed = max;
	}

	/** The number of requests allowed in flight right now. */
	get current(): number {
		return this.allowed;
	}

	/** Waits for a free slot; the returned ticket must be released with the request's outcome. */
	async acquire(): Promise<Ticket> {
		while (this.inFlight >= this.allowed) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		this.inFlight += 1;
		return { round: this.round };
	}

	/** Frees the slot; `rateLimited` when the answer was a 429. */
	release(ticket: Ticket, rateLimited: boolean): void {
		this.inFlight -= 1;
		if (rateLimited) {
			if (ticket.round === this.round) {
				this.allowed = Math.max(1, Math.floor(this.allowed / 2));
				this.round += 1;
				this.answersSinceChange = 0;
			}
		} else if (this.allowed < this.max && ++this.answersSinceChange >= this.allowed) {
			this.allowed += 1;
			this.answersSinceChange = 0;
		}
		this.wake();
	}

	private wake(): void {
		let free = this.allowed - this.inFlight;
		while (free > 0 && this.waiting.length > 0) {
			this.waiting.shift()?.();
			free -= 1;
		}
	}
}

export interface Ticket {
	readonly round: number;
}
