import { z } from 'zod';

import type { Faults, OneShotFault, RecordedRequest, SandboxControl } from './types';

const oneShotFaultSchema: z.ZodType<OneShotFault> = z.union([
	z.object({ status: z.literal(429), retryAfterSeconds: z.number().int().nonnegative().optional() }).strict(),
	z.object({ status: z.union([z.literal(500), z.literal(502), z.literal(503)]) }).strict(),
	z.object({ drop: z.literal(true) }).strict(),
]);

/** Validates faults posted to the HTTP control surface (programmatic callers are checked by the compiler). */
export const faultsSchema: z.ZodType<Faults> = z
	.object({
		latencyMs: z.number().int().nonnegative().optional(),
		queue: z.array(oneShotFaultSchema).optional(),
	})
	.strict();

/** The per-server request log and fault settings behind `SandboxControl`. */
export class ControlState implements SandboxControl {
	// One array for the server's lifetime, so callers may keep a reference to it across resets.
	readonly requests: RecordedRequest[] = [];
	private latency = 0;
	private pendingFaults: OneShotFault[] = [];

	constructor(private readonly resetStore: () => void) {}

	setFaults(faults: Faults): void {
		this.latency = faults.latencyMs ?? 0;
		this.pendingFaults = [...(faults.queue ?? [])];
	}

	reset(): void {
		this.resetStore();
		this.requests.length = 0;
		this.setFaults({});
	}

	get latencyMs(): number {
		return this.latency;
	}

	takeNextFault(): OneShotFault | undefined {
		return this.pendingFaults.shift();
	}

	record(request: RecordedRequest): void {
		this.requests.push(request);
	}
}
