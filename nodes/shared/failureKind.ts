import type { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

/**
 * What kind of failure an error is, for whoever has to act on it (an agent calling the node as a tool):
 * - `input`: a value given to the node is wrong; nothing was sent;
 * - `credential`: the credential is rejected or cannot be used;
 * - `unavailable`: the service could not be reached, was busy or failed; nothing is known to have been done;
 * - `refused`: the service answered that it will not do this;
 * - `uncertain`: the request may have been carried out, and finding out failed.
 */
type FailureKind = 'input' | 'credential' | 'unavailable' | 'refused' | 'uncertain';

/** Where n8n keeps an error's context (its `context` object): the kind, and for `uncertain` what may have been made. */
const failureSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.enum(['input', 'credential', 'unavailable', 'refused']) }),
	z.object({ kind: z.literal('uncertain'), record: z.string() }),
]);

export type Failure = z.infer<typeof failureSchema>;

/** Tags an error with its kind: the one way the package marks its errors, read back by `failureOf`. */
export function withFailure<E extends NodeApiError | NodeOperationError>(error: E, failure: Failure): E {
	Object.assign(error.context, failure);
	return error;
}

/** The kind an error was tagged with, or undefined for an error the package did not tag. */
export function failureOf(error: Error): Failure | undefined {
	const context = (error as { context?: unknown }).context;
	const parsed = failureSchema.safeParse(context);
	return parsed.success ? parsed.data : undefined;
}

/** What an HTTP status the service answered with means for whoever acts on it. */
export function failureKindOfStatus(status: number): Exclude<FailureKind, 'uncertain'> {
	if (status === 401 || status === 403) return 'credential';
	if (status === 429 || status >= 500) return 'unavailable';
	return 'refused';
}
