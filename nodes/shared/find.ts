import type { z } from 'zod';

import type { ApiRequest, ApiResponse, RequestContext } from './request';
import { isSuccess } from './request';
import type { Service } from './http/client';
import type { Run } from './run';

/** The part of a service a lookup uses. */
type Client = Pick<Service<Record<string, never>>, 'send' | 'error' | 'parse' | 'saysNotFound'>;

interface FindOptions {
	/** Whether an answer says there is no such thing; by default a 404 in the API's own words. */
	notFound?: (context: RequestContext, response: ApiResponse, request: ApiRequest) => boolean;
}

/**
 * Looks one thing up: what the API answers, read with its schema, or undefined when the API says there is none.
 * Any other failure is an error, so that a lookup never reads "missing" for an answer that only looked like it.
 */
export async function find<Schema extends z.ZodTypeAny>(
	service: Client,
	run: Run,
	request: ApiRequest,
	schema: Schema,
	{ notFound = (...args) => service.saysNotFound(...args) }: FindOptions = {},
): Promise<z.infer<Schema> | undefined> {
	const response = await service.send(run, request);
	if (notFound(run.context, response, request)) return undefined;
	if (!isSuccess(response)) throw service.error(run.context, response, request);
	return service.parse(run.context, response, schema, request);
}
