import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { parseItemInput } from './validation';

/**
 * Requests in flight when the node does not say: low enough for an API whose rate limit is unknown (a 429 sets a
 * rate anyway), and already about 5 times faster than one at a time.
 */
export const DEFAULT_CONCURRENCY = 5;
const MAX_CONCURRENCY = 100;

/** How long one request may take before it counts as lost, when the node does not say (milliseconds). */
export const DEFAULT_TIMEOUT_MS = 30_000;
const MIN_TIMEOUT_MS = 100;
const MAX_TIMEOUT_MS = 600_000;

/** Node option: how many items are sent at the same time. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many requests are in flight at the same time (1 to 100). When the API answers 429 (rate limited), the node measures the rate the API accepted and stays just under it, so an unknown rate limit is found rather than hammered. Output order is always input order.',
};

/** Node option: how long a request may take (milliseconds, like n8n's HTTP Request node). */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: MIN_TIMEOUT_MS, maxValue: MAX_TIMEOUT_MS, numberPrecision: 0 },
	default: DEFAULT_TIMEOUT_MS,
	description:
		'Milliseconds to wait for each answer before the request counts as lost. A lost read is sent again; a lost create is sent again only after checking that it did not take effect.',
};

/** The two sending options, for an operation whose Options collection has nothing else. */
export const sendOptionsCollection: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [concurrencyOption, timeoutOption],
};

const sendOptionsSchema = z.object({
	concurrency: z.number().int().min(1).max(MAX_CONCURRENCY),
	timeout: z.number().int().min(MIN_TIMEOUT_MS).max(MAX_TIMEOUT_MS),
});

/** What the requests of one run are sent with: how many at a time, and how long each may take. */
export interface SendSettings {
	concurrency: number;
	timeoutMs: number;
}

/**
 * Reads Options > Concurrency and Timeout (node-level: the values of the first item). An operation without these
 * options gets the defaults.
 */
export function readSendSettings(context: IExecuteFunctions): SendSettings {
	const count = context.getInputData().length;
	const read = (name: string, fallback: number): unknown =>
		count === 0 ? fallback : context.getNodeParameter(`options.${name}`, 0, fallback);
	const options = parseItemInput(
		context,
		sendOptionsSchema,
		{ concurrency: read('concurrency', DEFAULT_CONCURRENCY), timeout: read('timeout', DEFAULT_TIMEOUT_MS) },
		{ concurrency: 'Concurrency', timeout: 'Timeout' },
		0,
	);
	return { concurrency: options.concurrency, timeoutMs: options.timeout };
}
