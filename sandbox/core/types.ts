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

export type OneShotFault =
	| { status: 429; retryAfterSeconds?: number }
	| { status: 500 | 502 | 503 }
	| { drop: true };

export interface Faults {
	/** Delay before every API answer (faulted ones included). */
	latencyMs?: number;
	/** Applied in order, one per API request, to the next requests. */
	queue?: OneShotFault[];
}

export interface SandboxControl {
	/** Every API request received, in order; api keys redacted to '***'. */
	requests: RecordedRequest[];
	/** Replaces the current faults: an omitted latencyMs means 0, an omitted queue means none. */
	setFaults(faults: Faults): void;
	/** Store back to its seeded state; request log and faults cleared. */
	reset(): void;
}
