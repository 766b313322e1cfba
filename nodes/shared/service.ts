import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { z } from 'zod';

import type { StatusHints } from './errors';
import {
	apiResponseError,
	isJsonErrorBody,
	networkError,
	notFromApiError,
	redirectError,
	retryBudgetError,
	unexpectedAnswerError,
} from './errors';
import type { ApiRequest, ApiResponse, RequestContext } from './request';
import { isSuccess } from './request';
import { secretForms } from './secrets';
import type { SendSettings } from './sendOptions';
import { sendSettingsOf } from './sendOptions';
import type { Exchange, ExchangeAuth, OutcomeKind } from './transport';
import { RETRY_POLICY, exchange, isIdempotent, normalizeBaseUrl, outcomeKind, retryWait } from './transport';

/** Credential fields every service has. */
interface BaseCredentials {
	apiKey?: string;
	baseUrl?: string;
}

/** Everything the package knows about one API: enough to send, check and read its requests from any n8n context. */
interface ServiceDefinition<Credentials extends BaseCredentials> {
	/** Name shown in messages, e.g. 'SendKit'. */
	name: string;
	credentialType: string;
	defaultBaseUrl: string;
	/** The credential's fields as users see them; every text field is checked for control characters. */
	credentialLabels: Readonly<Record<keyof Credentials & string, string>>;
	/** Fields that are secrets: replaced in every answer, whatever it quotes. */
	secretFields: ReadonlyArray<keyof Credentials & string>;
	/** Headers a request carries besides the credential's authentication (e.g. the workspace of a platform key). */
	headers?: (credentials: Credentials) => IDataObject;
	/** A credential that cannot work, said before any request: `{ message, description }`, or undefined when fine. */
	credentialProblem?: (credentials: Credentials) => { message: string; description: string } | undefined;
	/** What statuses mean for this API where that differs from the usual meaning. */
	statusHints?: StatusHints;
	/** Whether an error answer is in one of the API's own error shapes (and not a proxy's page). */
	isApiErrorBody?: (body: unknown) => boolean;
}

/** A line break, tab or other control character: sent in a header or URL it would mangle or split the request. */
function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/** A credential's fields as n8n's HTTP helper takes them (its own record type, which the typed fields do not declare). */
function credentialData(credentials: object): ICredentialDataDecryptedObject {
	return { ...credentials } as ICredentialDataDecryptedObject;
}

/** What a request changes, for the messages of a lost or unreadable answer. */
function effectOf(request: ApiRequest): string | undefined {
	return isIdempotent(request.method) ? undefined : 'The request may have been carried out (for a create: the lead may have been created); check before running this item again.';
}

interface Connection<Credentials> {
	credentials: Credentials;
	/** The same credential as n8n's HTTP helper takes it, so it is not read and decrypted again for every request. */
	decrypted: ICredentialsDecrypted;
	forms: readonly string[];
	baseUrl: string;
}

function attemptsAllowed(kind: OutcomeKind): number {
	if (kind === 'rateLimited') return RETRY_POLICY.maxRateLimitedAttempts;
	if (kind === 'notDelivered') return RETRY_POLICY.maxUnreachableAttempts;
	return RETRY_POLICY.maxAttempts;
}

/** Adds a wait to the item's total; false when that would go beyond the retry policy's budget. */
function spendWait(settings: SendSettings, itemIndex: number | undefined, wait: number): boolean {
	const key = itemIndex ?? -1;
	const waited = (settings.waitedMs.get(key) ?? 0) + wait;
	if (waited > RETRY_POLICY.maxWaitPerItemMs) return false;
	settings.waitedMs.set(key, waited);
	return true;
}

/** A cancelled execution sends nothing more (n8n aborts the requests in flight itself). */
function throwIfCancelled(context: RequestContext, service: string, itemIndex: number | undefined): void {
	const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	if (signal?.aborted) {
		throw new NodeOperationError(context.getNode(), `${service}: the execution was cancelled before this item was sent`, { itemIndex });
	}
}

/** What an exchange tells the pace: an answer the API accepted, a 429, or nothing (no answer came). */
function paceResult(outcome: Exchange | undefined): 'answered' | 'rateLimited' | 'unanswered' {
	if (outcome === undefined || 'failure' in outcome) return 'unanswered';
	return outcome.statusCode === 429 ? 'rateLimited' : 'answered';
}

/** One API, as operations, pickers and triggers use it. */
export class Service<Credentials extends BaseCredentials> {
	/** Per execution context (one node run, one options load): the credential is read and checked once. */
	private readonly connections = new WeakMap<RequestContext, Connection<Credentials>>();

	/** The first read of a context's credential while it is under way, for the items that ask meanwhile. */
	private readonly connecting = new WeakMap<RequestContext, Promise<Connection<Credentials>>>();

	constructor(readonly definition: ServiceDefinition<Credentials>) {}

	get name(): string {
		return this.definition.name;
	}

	/** The credential, checked: a control character or a known misconfiguration stops here, before any request. */
	async credentials(context: RequestContext, itemIndex?: number): Promise<Credentials> {
		const credentials = await context.getCredentials<Credentials>(this.definition.credentialType, itemIndex);
		for (const [field, label] of Object.entries(this.definition.credentialLabels) as Array<[string, string]>) {
			const value = (credentials as Record<string, unknown>)[field];
			if (typeof value === 'string' && hasControlCharacter(value)) {
				throw new NodeOperationError(
					context.getNode(),
					`The ${this.name} credential's ${label} contains a line break or another control character`,
					{
						itemIndex,
						description: `Open the ${this.name} credential and enter the ${label} again without line breaks or tabs. Nothing was sent.`,
					},
				);
			}
		}
		const problem = this.definition.credentialProblem?.(credentials);
		if (problem) throw new NodeOperationError(context.getNode(), problem.message, { itemIndex, description: problem.description });
		return credentials;
	}

	/** The checked credential, read once per execution context (per-item code calls this for every item). */
	async credentialsOnce(context: RequestContext, itemIndex?: number): Promise<Credentials> {
		return (await this.connection(context, itemIndex)).credentials;
	}

	/**
	 * Sends a request and returns the answer whatever its status, secrets replaced, after the retry policy
	 * (transport.ts RETRY_POLICY): a 429, or a failure before the request reached the server, is sent again; a 5xx,
	 * a timeout or a dropped connection is sent again when the request is idempotent, and for a create only after its
	 * `recover` found that it did not take effect (else its rebuilt answer is returned). Requests of one execution
	 * share its adaptive pace (sendOptions.ts) and timeout. A redirect is an error, never followed.
	 */
	async send(context: RequestContext, request: ApiRequest): Promise<ApiResponse> {
		const connection = await this.connection(context, request.itemIndex);
		const { baseUrl } = connection;
		// A trigger's token or signing secret is replaced in answers like the credential's own secrets.
		const forms = request.secrets?.length
			? secretForms([
					...this.definition.secretFields.map((field) => connection.credentials[field] as string | undefined),
					...request.secrets,
				])
			: connection.forms;
		this.checkPath(context, request);
		const settings = sendSettingsOf(context);
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: { Accept: 'application/json', ...this.headersFor(context), ...request.headers },
			json: true,
			// The answer as text: secrets are replaced in it once, then it is parsed (cheaper than copying the parsed body).
			encoding: 'text',
			timeout: settings.timeoutMs,
		};
		if (request.arrayFormat) options.arrayFormat = request.arrayFormat;

		const auth: ExchangeAuth = { credentials: connection.decrypted, secretForms: forms };
		const idempotent = request.idempotent ?? isIdempotent(request.method);
		const firstSentAt = Date.now();
		let failures = 0;
		let rateLimited = 0;
		for (;;) {
			throwIfCancelled(context, this.name, request.itemIndex);
			const outcome = await this.paced(context, options, auth, settings, request.itemIndex);
			const kind = outcomeKind(outcome);
			if (kind === 'final') {
				const answer = outcome as ApiResponse;
				if (answer.statusCode >= 300 && answer.statusCode < 400) throw redirectError(context, this.name, answer, request.itemIndex);
				return answer;
			}
			const mayHaveTakenEffect = kind === 'unavailable' || kind === 'serverError' || kind === 'lost';
			if (kind === 'rateLimited') rateLimited++;
			else failures++;
			const attempt = kind === 'rateLimited' ? rateLimited : failures;
			const outOfAttempts = attempt >= attemptsAllowed(kind);
			if (outOfAttempts || (mayHaveTakenEffect && !idempotent && !request.recover)) {
				return this.giveUp(context, request, outcome, idempotent, attempt);
			}
			const wait = retryWait(outcome, attempt);
			if (!spendWait(settings, request.itemIndex, wait)) throw this.outOfBudget(context, request, outcome, wait, idempotent);
			await (settings.places ? settings.places.lend(async () => await sleep(wait)) : sleep(wait));
			if (mayHaveTakenEffect && !idempotent && request.recover) {
				const recovery = await request.recover({ firstSentAt, reason: 'failure' in outcome ? outcome.failure : `HTTP ${outcome.statusCode}` });
				if ('answer' in recovery) return { ...recovery.answer, recovered: true };
			}
		}
	}

	/** One exchange, within the execution's pace: the slot is given back with whether the answer was a 429. */
	private async paced(
		context: RequestContext,
		options: IHttpRequestOptions,
		auth: ExchangeAuth,
		settings: SendSettings,
		itemIndex: number | undefined,
	): Promise<Exchange> {
		const pace = settings.pace;
		if (!pace) return await exchange(context, this.definition, options, auth);
		const ticket = await pace.acquire();
		let outcome: Exchange | undefined;
		try {
			// The pace may have kept this request waiting: a run cancelled meanwhile sends nothing more.
			throwIfCancelled(context, this.name, itemIndex);
			outcome = await exchange(context, this.definition, options, auth);
			return outcome;
		} finally {
			pace.release(ticket, paceResult(outcome));
		}
	}

	/** The last outcome once retrying is over: an answer is handed on (the caller reports its error); no answer throws. */
	private giveUp(
		context: RequestContext,
		request: ApiRequest,
		outcome: Exchange,
		idempotent: boolean,
		attempts: number,
	): ApiResponse {
		if ('failure' in outcome) {
			const error = networkError(context, this.name, outcome.failure, request.itemIndex, !idempotent);
			if (attempts > 1) error.description = `${error.description ?? ''} Sent ${attempts} times.`.trim();
			throw error;
		}
		return outcome;
	}

	/** A wait the item's retry budget cannot pay for: the error says so (a rate limit that outlasts it, in its words). */
	private outOfBudget(context: RequestContext, request: ApiRequest, outcome: Exchange, wait: number, idempotent: boolean): Error {
		if ('failure' in outcome) return networkError(context, this.name, outcome.failure, request.itemIndex, !idempotent);
		return retryBudgetError(context, this.name, outcome, wait, RETRY_POLICY.maxWaitPerItemMs, request.itemIndex);
	}

	/**
	 * The checked credential's secrets and base URL, read once per execution context, also when the first items of a
	 * run ask for it at the same time. A credential that cannot be used is reported to each item on its own.
	 */
	private async connection(context: RequestContext, itemIndex: number | undefined): Promise<Connection<Credentials>> {
		const known = this.connections.get(context);
		if (known) return known;
		const pending = this.connecting.get(context);
		if (pending) {
			try {
				return await pending;
			} catch {
				return await this.connect(context, itemIndex);
			}
		}
		const connecting = this.connect(context, itemIndex);
		this.connecting.set(context, connecting);
		try {
			const connection = await connecting;
			this.connections.set(context, connection);
			return connection;
		} finally {
			this.connecting.delete(context);
		}
	}

	private async connect(context: RequestContext, itemIndex: number | undefined): Promise<Connection<Credentials>> {
		const credentials = await this.credentials(context, itemIndex);
		const baseUrl = typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() ? credentials.baseUrl : this.definition.defaultBaseUrl;
		const reference = context.getNode().credentials?.[this.definition.credentialType];
		return {
			credentials,
			decrypted: {
				id: reference?.id ?? '',
				name: reference?.name ?? this.name,
				type: this.definition.credentialType,
				data: credentialData(credentials),
			},
			forms: secretForms(this.definition.secretFields.map((field) => credentials[field] as string | undefined)),
			baseUrl: normalizeBaseUrl(baseUrl),
		};
	}

	private headersFor(context: RequestContext): IDataObject | undefined {
		const connection = this.connections.get(context);
		return connection ? this.definition.headers?.(connection.credentials) : undefined;
	}

	/** Sends a request that must succeed and reads its answer with the schema of its documented shape. */
	async request<Schema extends z.ZodTypeAny>(
		context: RequestContext,
		request: ApiRequest,
		schema: Schema,
	): Promise<z.infer<Schema>> {
		const response = await this.send(context, request);
		if (!isSuccess(response)) throw this.error(context, response, request);
		return this.parse(context, response, schema, request);
	}

	/** The error for an answer that is not a success: the API's own message, or that the answer is not the API's. */
	error(context: RequestContext, response: ApiResponse, request: ApiRequest): Error {
		if (!this.isApiAnswer(response)) return notFromApiError(context, this.name, response, request.itemIndex, effectOf(request));
		return apiResponseError(context, this.name, response, request.itemIndex, this.definition.statusHints);
	}

	/**
	 * Whether an error answer came from the API itself: a JSON body in one of its error shapes, or no body at all.
	 * A proxy's HTML page or a wrong Base URL's answer is not.
	 */
	isApiAnswer(response: ApiResponse): boolean {
		const body = response.body;
		if (body === undefined || body === null || body === '') return true;
		return (this.definition.isApiErrorBody ?? isJsonErrorBody)(body);
	}

	/**
	 * Whether the API says that what was asked for does not exist: a 404 in the API's own words. A 404 that is not the
	 * API's (an HTML page, a wrong Base URL) is an error, so that a workflow never creates a duplicate of a lead that
	 * only looked missing.
	 */
	saysNotFound(context: RequestContext, response: ApiResponse, request: ApiRequest): boolean {
		if (response.statusCode !== 404) return false;
		if (typeof response.body !== 'object' || response.body === null || !this.isApiAnswer(response)) {
			throw notFromApiError(context, this.name, response, request.itemIndex, effectOf(request));
		}
		return true;
	}

	/** Reads a successful answer with the schema of its documented shape; another shape is an error of its own. */
	parse<Schema extends z.ZodTypeAny>(
		context: RequestContext,
		response: ApiResponse,
		schema: Schema,
		request: ApiRequest,
	): z.infer<Schema> {
		const parsed = schema.safeParse(response.body);
		if (parsed.success) return parsed.data as z.infer<Schema>;
		if (typeof response.body === 'string' && response.body.trim() !== '') {
			throw notFromApiError(context, this.name, response, request.itemIndex, effectOf(request));
		}
		const issue = parsed.error.issues[0];
		throw unexpectedAnswerError(
			context,
			this.name,
			response,
			`At "${issue.path.join('.') || 'body'}": ${issue.message}`,
			request.itemIndex,
			effectOf(request),
		);
	}

	/** Ids that go into a path, from users or from the server, may not walk the path ("..", "/", empty). */
	private checkPath(context: RequestContext, request: ApiRequest): void {
		const segments = request.path.split('/').slice(1);
		if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /%2e%2e|%2f/i.test(segment))) {
			throw new NodeOperationError(context.getNode(), `${this.name}: refused to send a request to an unsafe path`, {
				itemIndex: request.itemIndex,
				description: 'An ID in the request (given in the node or returned by the service) was empty or not an ID. Nothing was sent.',
			});
		}
	}
}
