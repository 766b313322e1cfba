import type { IExecuteFunctions } from 'n8n-workflow';

import { RetryBudget } from './http/retry';
import type { PaceRegistry } from './paces';
import { processPaces } from './paces';
import { earlierOutcomes } from './replay';
import type { RequestContext } from './request';
import { Semaphore } from './semaphore';
import type { SendSettings } from './sendSettings';
import { DEFAULT_TIMEOUT_MS, readSendSettings } from './sendSettings';

/** A parameter's value when it is the same for every item, or `perItem` when it holds an expression (parameters.ts). */
export type CachedParameter = { value: unknown } | 'perItem';

/**
 * Everything one node execution (or one picker load, one trigger call) shares between its requests, passed along
 * explicitly: the context it runs in, how it sends, what it has already read once, and what each item has spent.
 */
export interface Run<Context extends RequestContext = RequestContext> {
	readonly context: Context;
	readonly settings: SendSettings;
	/**
	 * The paces of the API accounts, shared with every other execution in the process (paces.ts), and this
	 * execution's requests in flight (at most Concurrency); absent outside an item pool (pickers, triggers): no limit.
	 */
	readonly limits?: RunLimits;
	/**
	 * The item pool's places; absent outside one. An item waiting to send again lends its place, so the items
	 * waiting out a Retry-After do not keep the others from using what the API allows.
	 */
	readonly semaphore?: Semaphore;
	/** What each item has already waited for retries, against the retry policy's budget. */
	readonly budget: RetryBudget;
	/** Node parameters that are the same for every item, evaluated once (parameters.ts). */
	readonly parameters: Map<string, CachedParameter>;
	/** Each service's checked credential, by credential type, read once while it is in use (http/client.ts). */
	readonly connections: Map<string, Promise<unknown>>;
}

/** A node execution that sends its items through a pool: it always has the pool's places and limit. */
export interface ItemPoolRun extends Run<IExecuteFunctions> {
	readonly limits: RunLimits;
	readonly semaphore: Semaphore;
	/** What each item already became in an earlier try of this node on the same input (n8n's Retry On Fail). */
	readonly replay: Map<number, unknown>;
}

/** How an item pool's requests are held back: the account's shared pace, and the execution's own Concurrency. */
export interface RunLimits {
	readonly paces: PaceRegistry;
	/** Requests in flight: places lent by items waiting to retry do not let more than Concurrency requests out. */
	readonly inFlight: Semaphore;
}

/**
 * The run of one node execution that sends item by item: Options > Concurrency and Timeout (read once, from the
 * first item) size its pool and limit its requests; its requests take their turns from the process's pace of their
 * API account (`paces`, given so tests can give each run its own). An option out of range stops the run before
 * anything is sent.
 */
export function startItemPoolRun(context: IExecuteFunctions, paces: PaceRegistry = processPaces): ItemPoolRun {
	const settings = readSendSettings(context);
	return {
		...standaloneRun(context),
		settings,
		limits: { paces, inFlight: new Semaphore(settings.concurrency) },
		semaphore: new Semaphore(settings.concurrency),
		replay: earlierOutcomes(context),
	};
}

/**
 * A run for requests outside an item pool: a picker, a trigger, a credential test, a batch operation. It sends one
 * request at a time, with the default timeout and no shared limit.
 */
export function standaloneRun<Context extends RequestContext>(context: Context): Run<Context> {
	return {
		context,
		settings: { concurrency: 1, timeoutMs: DEFAULT_TIMEOUT_MS },
		budget: new RetryBudget(),
		parameters: new Map(),
		connections: new Map(),
	};
}
