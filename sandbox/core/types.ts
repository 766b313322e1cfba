/** Types shared by both emulated APIs and by the public sandbox interface. */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Query string as parsed by the sandbox: a repeated key becomes an array, keys are kept verbatim (`email[]`). */
export type QueryObject = Record<string, string | string[]>;

export interface RecordedRequest {
	method: string;
	/** Path without the query string, exactly as received. */
	path: string;
	query: QueryObject;
	/** Header names lower-cased; repeated headers joined with ', '. */
	headers: Record<string, string>;
	/** Parsed JSON or form body; undefined when the request had none; the raw text when it was not parseable. */
	body: unknown;
}

/**
 * Optional filter of a queued fault: it waits for the next request that matches (others pass through untouched).
 * `path` is a regular expression source tested against the path without the query ("^/v1/leads$"); `method` is
 * compared case-insensitively.
 */
export interface FaultFilter {
	path?: string;
	method?: string;
}

/** One fault, applied to one request. */
export type OneShotFault = FaultFilter &
	(
		| { status: 429; retryAfterSeconds?: number }
		| { status: 500 | 502 | 503 }
		/** Destroy the socket before processing: nothing reached the store, no answer. */
		| { drop: true }
		/** Answer exactly this, store untouched. A string body is sent as-is (set content-type for HTML). */
		| { respond: { status: number; body?: JsonValue; headers?: Record<string, string> } }
		/** Answer with a body (and x-echo-* headers) quoting the full URL, every header and the raw body; store untouched. */
		| { echo: { status: number; format?: 'json' | 'html' } }
		/** Answer a redirect to this absolute URL; store untouched. */
		| { redirect: { status: 301 | 302 | 303 | 307 | 308; location: string } }
		/** Process normally (store changed), send the headers with the full Content-Length, part of the body, then cut. */
		| { truncate: true }
		/** Process normally (store changed), then destroy the socket without any answer. */
		| { dropAfterProcessing: true }
		/** Never answer: the socket stays open until the client gives up or the server closes. */
		| { hang: true }
	);

/** The name a fault is counted under in `faultStats`. */
export type FaultKind =
	| '429'
	| '500'
	| '502'
	| '503'
	| 'drop'
	| 'respond'
	| 'echo'
	| 'redirect'
	| 'truncate'
	| 'dropAfterProcessing'
	| 'hang';

export type RandomFaultKind = '429' | '500' | '503' | 'drop' | 'dropAfterProcessing' | 'hang' | 'truncate';

/**
 * Seeded random faults: each API request (not taken by a queued fault) gets, with probability `rate`, one fault of
 * a kind from `kinds`, both drawn from a mulberry32 generator seeded with `seed`: the same seed and the same request
 * sequence give the same faults.
 */
export interface RandomFaults {
	seed: number;
	/** 0..1 */
	rate: number;
	kinds: RandomFaultKind[];
	/** Retry-After of random 429s; none when omitted. */
	retryAfterSeconds?: number;
}

/**
 * A rate limiter in front of the API: a request beyond `perSecond` accepted requests in the last second (sliding
 * window) or beyond `maxInFlight` requests being served answers 429 with Retry-After and the API's own 429 body,
 * without reaching the store.
 */
export interface RateLimit {
	perSecond: number;
	maxInFlight: number;
	/** Default 1. */
	retryAfterSeconds?: number;
}

export interface Faults {
	/** Delay before every API answer (faulted and rate-limited ones included). */
	latencyMs?: number;
	/** One-shot faults; each is used once, by the next request that matches its filter (queue order otherwise). */
	queue?: OneShotFault[];
	random?: RandomFaults;
	rateLimit?: RateLimit;
}

/** Faults injected since the last setFaults/reset, by kind (queued and random ones alike). */
export type FaultStats = Partial<Record<FaultKind, number>>;

/** Counted since the last setFaults/reset, whether or not a rate limit is set. */
export interface ServerStats {
	/** API requests let through to faults and the API (rate limiter not hit). */
	accepted: number;
	/** API requests answered 429 by the rate limiter. */
	rateLimited: number;
	/** Accepted requests being served right now (a hung one counts until its socket closes). */
	inFlight: number;
	/** The most accepted requests served at the same time. */
	peakInFlight: number;
}

export interface SandboxControl {
	/** Every API request received, in order; api keys redacted to '***'. */
	requests: RecordedRequest[];
	/** Replaces the current faults (omitted parts mean none) and zeroes `faultStats` and `stats`. */
	setFaults(faults: Faults): void;
	/** Store back to its seeded state; request log, faults and counters cleared. */
	reset(): void;
	readonly faultStats: FaultStats;
	readonly stats: ServerStats;
}

/** A request as the emulated APIs see it (the package's own ApiRequest is what a node sends). */
export interface SandboxRequest {
	method: string;
	/** Path with trailing slashes removed ("/v2/135544/" and "/v2/135544" are the same resource). */
	path: string;
	query: QueryObject;
	headers: Record<string, string>;
	body: unknown;
	/** True when a body was sent but was neither JSON nor a form. */
	bodyIsInvalid: boolean;
	clientIp: string;
}

/** An emulated API's answer (the package's own ApiResponse is what a node receives). */
export interface SandboxResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as it is instead of `body` as JSON (a streamed chat answer); set its content-type in `headers`. */
	text?: string;
}

/** An API's answer; a promise where answering waits for something (e.g. a webhook test delivery). */
export type ApiHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** A service's own control routes under /__sandbox/ (e.g. the fake model's script); undefined for an unknown route. */
export type ControlHandler = (request: { method: string; path: string; body: unknown }) => SandboxResponse | undefined;
