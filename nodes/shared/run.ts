import type { IExecuteFunctions } from 'n8n-workflow';

import { AdaptiveLimit } from './adaptiveLimit';
import { RetryBudget } from './http/retry';
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
	/** Requests in flight, adapted to 429s; absent outside an item pool (pickers, triggers): no limit. */
	readonly adaptiveLimit?: AdaptiveLimit;
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
	readonly adaptiveLimit: AdaptiveLimit;
	readonly semaphore: Semaphore;
	/** What each item already became in an earlier try of this node on the same input (n8n's Retry On Fail). */
	readonly replay: Map<number, unknown>;
}

/**
 * The run of one node execution that sends item by item: Options > Concurrency and Timeout (read once, from the
 * first item) size its pool and limit its requests. An option out of range stops the run before anything is sent.
 */
export function startItemPoolRun(context: IExecuteFunctions): ItemPoolRun {
	const settings = readSendSettings(context);
	return {
		...standaloneRun(context),
		settings,
		adaptiveLimit: new AdaptiveLimit(settings.concurrency),
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
