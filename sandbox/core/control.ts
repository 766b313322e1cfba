import { z } from 'zod';

import { jsonValueSchema } from './json';
import type { AnyVariantSwitches } from './variants';
import type {
	FaultKind,
	FaultStats,
	Faults,
	OneShotFault,
	RandomFaultKind,
	RandomFaults,
	RateLimit,
	RecordedRequest,
	ControlHandler,
	SandboxControl,
	SandboxResponse,
	ServerStats,
} from './types';

const RANDOM_FAULT_KINDS = ['429', '500', '503', 'drop', 'dropAfterProcessing', 'hang', 'truncate'] as const satisfies readonly RandomFaultKind[];

const filterShape = {
	path: z
		.string()
		.refine(isRegExpSource, { message: 'path must be a regular expression source' })
		.optional(),
	method: z.string().min(1).optional(),
};
const httpStatus = z.number().int().min(100).max(599);

function fault<T extends z.ZodRawShape>(shape: T) {
	return z.object({ ...shape, ...filterShape }).strict();
}

const oneShotFaultSchema: z.ZodType<OneShotFault> = z.union([
	fault({ status: z.literal(429), retryAfterSeconds: z.number().int().nonnegative().optional() }),
	fault({ status: z.union([z.literal(500), z.literal(502), z.literal(503)]) }),
	fault({ drop: z.literal(true) }),
	fault({
		respond: z
			.object({ status: httpStatus, body: jsonValueSchema.optional(), headers: z.record(z.string()).optional() })
			.strict(),
	}),
	fault({ echo: z.object({ status: httpStatus, format: z.enum(['json', 'html']).optional() }).strict() }),
	fault({
		redirect: z
			.object({
				status: z.union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)]),
				location: z.string().url(),
			})
			.strict(),
	}),
	fault({ truncate: z.literal(true) }),
	fault({ dropAfterProcessing: z.literal(true) }),
	fault({ hang: z.literal(true) }),
]);

/** Validates faults posted to the HTTP control surface (programmatic callers are checked by the compiler). */
export const faultsSchema: z.ZodType<Faults> = z
	.object({
		latencyMs: z.number().int().nonnegative().optional(),
		queue: z.array(oneShotFaultSchema).optional(),
		random: z
			.object({
				seed: z.number().int(),
				rate: z.number().min(0).max(1),
				kinds: z.array(z.enum(RANDOM_FAULT_KINDS)).min(1),
				retryAfterSeconds: z.number().int().nonnegative().optional(),
			})
			.strict()
			.optional(),
		rateLimit: z
			.object({
				perSecond: z.number().int().positive(),
				maxInFlight: z.number().int().positive(),
				retryAfterSeconds: z.number().int().nonnegative().optional(),
			})
			.strict()
			.optional(),
	})
	.strict();

/** What the rate limiter decided about one request. */
export type Admission = { accepted: true; finished(): void } | { accepted: false; retryAfterSeconds: number };

/** The per-server request log, fault settings and counters behind `SandboxControl`. */
export class ControlState implements SandboxControl {
	// One array for the server's lifetime, so callers may keep a reference to it across resets.
	readonly requests: RecordedRequest[] = [];
	private latency = 0;
	private pendingFaults: OneShotFault[] = [];
	private random: { settings: RandomFaults; next: () => number } | undefined;
	private rateLimit: RateLimit | undefined;
	/** Arrival times of the accepted requests of the last second (only kept while a rate limit is set). */
	private acceptedAt: number[] = [];
	// Bumped by setFaults, so a request admitted before it does not count down the new counters.
	private generation = 0;
	private counters: ServerStats = zeroStats();
	private injected: FaultStats = {};

	constructor(private readonly resetStore: () => void) {}

	setFaults(faults: Faults): void {
		this.latency = faults.latencyMs ?? 0;
		this.pendingFaults = [...(faults.queue ?? [])];
		this.random = faults.random ? { settings: { ...faults.random }, next: mulberry32(faults.random.seed) } : undefined;
		this.rateLimit = faults.rateLimit ? { ...faults.rateLimit } : undefined;
		this.acceptedAt = [];
		this.generation += 1;
		this.counters = zeroStats();
		this.injected = {};
	}

	reset(): void {
		this.resetStore();
		this.requests.length = 0;
		this.setFaults({});
	}

	get latencyMs(): number {
		return this.latency;
	}

	get faultStats(): FaultStats {
		return { ...this.injected };
	}

	get stats(): ServerStats {
		return { ...this.counters };
	}

	/** Rate limiting and in-flight counting; call `finished()` once the accepted request's socket is done with. */
	admit(now = Date.now()): Admission {
		const limit = this.rateLimit;
		if (limit) {
			this.acceptedAt = this.acceptedAt.filter((time) => now - time < 1000);
			if (this.acceptedAt.length >= limit.perSecond || this.counters.inFlight >= limit.maxInFlight) {
				this.counters.rateLimited += 1;
				return { accepted: false, retryAfterSeconds: limit.retryAfterSeconds ?? 1 };
			}
			this.acceptedAt.push(now);
		}
		this.counters.accepted += 1;
		this.counters.inFlight += 1;
		this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.counters.inFlight);
		const generation = this.generation;
		let done = false;
		return {
			accepted: true,
			finished: () => {
				if (done || generation !== this.generation) return;
				done = true;
				this.counters.inFlight -= 1;
			},
		};
	}

	/** The fault for this request: the first queued one whose filter matches, else a random one, else none. */
	takeFault(request: { method: string; path: string }): OneShotFault | undefined {
		const index = this.pendingFaults.findIndex((candidate) => matchesFilter(candidate, request));
		const fault = index >= 0 ? this.pendingFaults.splice(index, 1)[0] : this.randomFault();
		if (fault) {
			const kind = faultKind(fault);
			this.injected[kind] = (this.injected[kind] ?? 0) + 1;
		}
		return fault;
	}

	record(request: RecordedRequest): void {
		this.requests.push(request);
	}

	private randomFault(): OneShotFault | undefined {
		if (!this.random) return undefined;
		const { settings, next } = this.random;
		if (next() >= settings.rate) return undefined;
		const kind = settings.kinds[Math.floor(next() * settings.kinds.length)];
		return randomFaultOf(kind, settings.retryAfterSeconds);
	}
}

function zeroStats(): ServerStats {
	return { accepted: 0, rateLimited: 0, inFlight: 0, peakInFlight: 0 };
}

function matchesFilter(fault: OneShotFault, request: { method: string; path: string }): boolean {
	if (fault.method !== undefined && fault.method.toUpperCase() !== request.method.toUpperCase()) return false;
	return fault.path === undefined || new RegExp(fault.path).test(request.path);
}

function faultKind(fault: OneShotFault): FaultKind {
	if ('status' in fault) return String(fault.status) as FaultKind;
	const kinds = ['drop', 'respond', 'echo', 'redirect', 'truncate', 'dropAfterProcessing', 'hang'] as const;
	return kinds.find((kind) => kind in fault) ?? 'drop';
}

function randomFaultOf(kind: RandomFaultKind, retryAfterSeconds: number | undefined): OneShotFault {
	switch (kind) {
		case '429':
			return retryAfterSeconds === undefined ? { status: 429 } : { status: 429, retryAfterSeconds };
		case '500':
			return { status: 500 };
		case '503':
			return { status: 503 };
		case 'drop':
			return { drop: true };
		case 'dropAfterProcessing':
			return { dropAfterProcessing: true };
		case 'hang':
			return { hang: true };
		case 'truncate':
			return { truncate: true };
	}
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function isRegExpSource(source: string): boolean {
	try {
		new RegExp(source);
		return true;
	} catch {
		return false;
	}
}

/** The control routes under /__sandbox/ every service has, then the service's own (e.g. the fake model's script). */
export function answerControlRequest(
	request: RecordedRequest,
	bodyIsInvalid: boolean,
	control: ControlState,
	serviceControl: ControlHandler | undefined,
	variants?: AnyVariantSwitches,
): SandboxResponse {
	const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__sandbox/requests':
			return { status: 200, body: control.requests };
		case 'GET /__sandbox/stats':
			return { status: 200, body: { ...control.stats, faults: control.faultStats } };
		case 'POST /__sandbox/reset':
			control.reset();
			return { status: 200, body: { ok: true } };
		case 'GET /__sandbox/variants':
			return variants ? { status: 200, body: { current: variants.current, choices: variants.choices } } : noVariants();
		case 'POST /__sandbox/variants': {
			if (!variants) return noVariants();
			const result = variants.parseAndSet(bodyIsInvalid ? undefined : request.body);
			return result.ok ? { status: 200, body: { ok: true, current: variants.current } } : { status: 400, body: result };
		}
		case 'POST /__sandbox/faults': {
			const faults = faultsSchema.safeParse(bodyIsInvalid ? undefined : request.body);
			if (!faults.success) return { status: 400, body: { ok: false, error: faults.error.issues[0]?.message ?? 'Invalid faults' } };
			control.setFaults(faults.data);
			return { status: 200, body: { ok: true } };
		}
		default:
			return (
				serviceControl?.({ method: request.method, path: request.path, body: bodyIsInvalid ? undefined : request.body }) ?? {
					status: 404,
					body: { ok: false, error: `Unknown sandbox control endpoint: ${route}` },
				}
			);
	}
}

function noVariants(): SandboxResponse {
	return { status: 404, body: { ok: false, error: 'This service has no variant switches' } };
}
