import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

/**
 * Where a request can be sent from: a node's execution, the editor loading options and search lists, a trigger's
 * webhook lifecycle (hook), an incoming webhook, or a polling trigger. All offer the node, its credentials and
 * n8n's authenticated HTTP helper.
 */
export type RequestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, starting with '/'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[];
	headers?: IDataObject;
	/** How arrays in `qs` are written, e.g. 'repeat' for `email=a&email=b`. */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	/** The input item the request is for; absent where there is no item (pickers, triggers). */
	itemIndex?: number;
	/**
	 * Secrets the request carries besides the credential's (a trigger's webhook token or signing secret): replaced in
	 * the answer like the credential's, so no error or output can quote them.
	 */
	secrets?: readonly string[];
	/**
	 * Whether sending the request twice has the same effect as sending it once. Defaults to what the method says
	 * (GET, HEAD, PUT, DELETE); a PATCH that sets fields can say so.
	 */
	idempotent?: boolean;
	/**
	 * For a request that changes data and is not idempotent (a create): how to find out what became of it when its
	 * answer was lost (the connection dropped, it timed out, or the server answered 5xx), so that it is sent again
	 * only if it did not take effect. Without it, such a request is never sent again.
	 */
	recover?: (lost: LostAnswer) => Promise<Recovery>;
}

/** What is known about a request whose answer was lost. */
export interface LostAnswer {
	/** When the first attempt was sent (ms since the epoch, this machine's clock). */
	firstSentAt: number;
	/** Why the answer is missing: a network code (ECONNRESET, ECONNABORTED, ...) or `HTTP 5xx`. */
	reason: string;
}

/**
 * What the lookup found: the request did not take effect (send it again), or it did, with the answer it would have
 * had (rebuilt from what the API now holds).
 */
export type Recovery = { resend: true } | { answer: ApiResponse };

/**
 * Every answer, whatever its status, with every secret of the credential already replaced: the caller decides what
 * a 404 or a 409 means for its operation.
 */
export interface ApiResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
	/** Set on an answer rebuilt by `recover` after the real one was lost. */
	recovered?: true;
}

export function isSuccess(response: ApiResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}
