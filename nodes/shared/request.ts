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
}

/**
 * Every answer, whatever its status, with every secret of the credential already replaced: the caller decides what
 * a 404 or a 409 means for its operation.
 */
export interface ApiResponse {
	statusCode: number;
	body: unknown;
	headers: IDataObject;
}

export function isSuccess(response: ApiResponse): boolean {
	return response.statusCode >= 200 && response.statusCode < 300;
}
