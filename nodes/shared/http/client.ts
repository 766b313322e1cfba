import type { ICredentialDataDecryptedObject, ICredentialsDecrypted, IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { z } from 'zod';

import type { ErrorSite, ServiceWords, StatusHints } from '../errors';
import {
	apiResponseError,
	isJsonErrorBody,
	mayHaveBeenCarriedOut,
	networkError,
	notFromApiError,
	redirectError,
	retryBudgetError,
	uncertainOutcomeError,
	unexpectedAnswerError,
} from '../errors';
import { withFailure } from '../failureKind';
import type { ApiRequest, ApiResponse, RequestContext } from '../request';
import { isSuccess } from '../request';
import { accountKey } from '../paces';
import { secretForms } from '../secrets';
import type { Run } from '../run';
import type { ExchangeAuth } from './exchange';
import { exchange } from './exchange';
import type { Exchange } from './retry';
import { RETRY_POLICY, RetryPlan, isIdempotent } from './retry';

/** Credential fields every service has. */
interface BaseCredentials {
	apiKey?: string;
	baseUrl?: string;
}

/** Everything the package knows about one API: enough to send, check and read its requests from any n8n context. */
interface ServiceDefinition<Credentials extends BaseCredentials> {
	/** Name shown in messages, e.g. 'SendKit'. */
	name: string;
	/** What the API's creates make, as messages name it: "for a create: the lead may have been created". */
	record: string;
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
	/**
	 * Whether an error answer is in one of the API's own error shapes (and not a proxy's page); default: isJsonErrorBody.
	 */
	isApiErrorBody?: (body: unknown) => boolean;
}

/** How the send loop waits and draws its jitter: real time, or a test's fake clock. */
export interface RetryTiming {
	sleep: (ms: number) => Promise<void>;
	random: () => number;
}

const REAL_TIMING: RetryTiming = { sleep, random: Math.random };

/** A line break, tab or other control character: sent in a header or URL it would mangle or split the request. */
function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * A credential's fields as n8n's HTTP helper takes them (its own record type, which the typed fields do not declare).
 */
function credentialData(credentials: object): ICredentialDataDecryptedObject {
	return { ...credentials } as ICredentialDataDecryptedObject;
}

/** Trims what users paste into a Base URL field: spaces and trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

interface Connection<Credentials> {
	credentials: Credentials;
	/** The same credential as n8n's HTTP helper takes it, so it is not read and decrypted again for every request. */
	decrypted: ICredentialsDecrypted;
	forms: readonly string[];
	baseUrl: string;
	/** The API account, hashed (paces.ts): requests to one account share its pace across executions. */
	account: string;
}

/** What an exchange tells the adaptive limit: an answer the API accepted, a 429, or nothing (no answer came). */
function limitResult(outcome: Exchange | undefined): 'answered' | 'rateLimited' | 'unanswered' {
	if (outcome === undefined || 'failure' in outcome) return 'unanswered';
	return outcome.statusCode === 429 ? 'rateLimited' : 'answered';
}

/** One API, as operations, pickers and triggers use it. */
export class Service<Credentials extends BaseCredentials> {
	private readonly words: ServiceWords;

	constructor(
		readonly definition: ServiceDefinition<Credentials>,
		private readonly timing: RetryTiming = REAL_TIMING,
	) {
		this.words = { name: definition.name, record: definition.record, baseUrlField: definition.credentialLabels.baseUrl };
	}

	get name(): string {
		return this.definition.name;
	}

	/** The credential, checked: a control character or a known misconfiguration stops here, before any request. */
	async credentials(context: RequestContext, itemIndex?: number): Promise<Credentials> {
		const credentials = await context.getCredentials<Credentials>(this.definition.credentialType, itemIndex);
		for (const [field, label] of Object.entries(this.definition.credentialLabels) as Array<[string, string]>) {
			const value = (credentials as Record<string, unknown>)[field];
			if (typeof value === 'string' && hasControlCharacter(value)) {
				const error = new NodeOperationError(
					context.getNode(),
					`The ${this.name} credential's ${label} contains a line break or another control character`,
					{
						itemIndex,
						description: `Open the ${this.name} credential and enter the ${label} again without line breaks or tabs. Nothing was sent.`,
					},
				);
				throw withFailure(error, { kind: 'credential' });
			}
		}
		const problem = this.definition.credentialProblem?.(credentials);
		if (problem) {
			const error = new NodeOperationError(context.getNode(), problem.message, { itemIndex, description: problem.description });
			throw withFailure(error, { kind: 'credential' });
		}
		return credentials;
	}

	/** The checked credential, read once per run (per-item code calls this for every item). */
	async credentialsOnce(run: Run, itemIndex?: number): Promise<Credentials> {
		return (await this.connection(run, itemIndex)).credentials;
	}

	/**
	 * Sends a request and returns the answer whatever its status, secrets replaced, after the retry policy
	 * (retry.ts): a 429, or a failure before the request reached the server, is sent again; a 5xx, a timeout or a
	 * dropped connection is sent again when the request is idempotent, and for a create only after its `recover` found
	 * that it did not take effect (else its rebuilt answer is returned). Requests of one run share its timeout, its retry
	 * budget and its places (run.ts); in an item pool run they take their turns from their API account's pace, shared by
	 * the process's executions (paces.ts), while a standalone run (batches, triggers, pickers) sends one request at a
	 * time, unpaced. A redirect is an error, never followed.
	 */
	async send(run: Run, request: ApiRequest): Promise<ApiResponse> {
		const connection = await this.connection(run, request.itemIndex);
		const site = this.site(run.context, request);
		this.checkPath(site, request);
		const options = this.httpOptions(connection, request, run.settings.timeoutMs);
		const auth: ExchangeAuth = { credentials: connection.decrypted, secretForms: this.secretFormsFor(connection, request) };
		const idempotent = request.idempotent ?? isIdempotent(request.method);
		const plan = new RetryPlan(
			{ itemIndex: request.itemIndex, idempotent, recoverable: request.recover !== undefined },
			run.budget,
			this.timing.random,
		);
		const firstSentAt = Date.now();
		for (;;) {
			this.throwIfCancelled(site);
			const outcome = await this.withinLimit(site, options, auth, run, connection.account);
			const decision = plan.decide(outcome);
			switch (decision.action) {
				case 'answer':
					if (decision.answer.statusCode >= 300 && decision.answer.statusCode < 400) throw redirectError(site, decision.answer);
					return decision.answer;
				case 'giveUp':
					return this.giveUp(site, outcome, idempotent, decision.attempts);
				case 'overBudget':
					throw this.outOfBudget(site, outcome, decision.wait, idempotent);
				case 'retry': {
					const wait = decision.wait;
					await (run.semaphore ? run.semaphore.lend(async () => await this.timing.sleep(wait)) : this.timing.sleep(wait));
					if (decision.recoverFirst && request.recover) {
						const reason = 'failure' in outcome ? outcome.failure : `HTTP ${outcome.statusCode}`;
						const recovery = await this.recover(site, request.recover, { firstSentAt, reason });
						if ('answer' in recovery) return { ...recovery.answer, recovered: true };
					}
				}
			}
		}
	}

	/**
	 * What became of a request whose answer was lost. When finding out fails too, the request may still have been
	 * carried out: the error says so, whatever the look-up ran into.
	 */
	private async recover(
		site: ErrorSite,
		recover: NonNullable<ApiRequest['recover']>,
		lost: Parameters<NonNullable<ApiRequest['recover']>>[0],
	): ReturnType<NonNullable<ApiRequest['recover']>> {
		try {
			return await recover(lost);
		} catch (error) {
			throw uncertainOutcomeError(site, lost.reason, error);
		}
	}

	private httpOptions(connection: Connection<Credentials>, request: ApiRequest, timeoutMs: number): IHttpRequestOptions {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${connection.baseUrl}${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: { Accept: 'application/json', ...this.definition.headers?.(connection.credentials), ...request.headers },
			json: true,
			// The answer as text: secrets are replaced in it once, then it is parsed (cheaper than copying the parsed body).
			encoding: 'text',
			timeout: timeoutMs,
		};
		if (request.arrayFormat) options.arrayFormat = request.arrayFormat;
		return options;
	}

	/** A trigger's token or signing secret is replaced in answers like the credential's own secrets. */
	private secretFormsFor(connection: Connection<Credentials>, request: ApiRequest): readonly string[] {
		if (!request.secrets?.length) return connection.forms;
		return secretForms([
			...this.definition.secretFields.map((field) => connection.credentials[field] as string | undefined),
			...request.secrets,
		]);
	}

	private site(context: RequestContext, request: ApiRequest): ErrorSite {
		return { context, service: this.words, itemIndex: request.itemIndex };
	}

	/** A cancelled execution sends nothing more (n8n aborts the requests in flight itself). */
	private throwIfCancelled({ context, itemIndex }: ErrorSite): void {
		const signal = 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
		if (signal?.aborted) {
			const error = new NodeOperationError(context.getNode(), `${this.name}: the execution was cancelled before this item was sent`, { itemIndex });
			// Nothing was sent for this item: whoever acts on it may simply run it again.
			throw withFailure(error, { kind: 'unavailable' });
		}
	}

	/**
	 * One exchange, within the run's Concurrency and its account's pace: the turn is given back with whether the
	 * answer was a 429.
	 */
	private async withinLimit(
		site: ErrorSite,
		options: IHttpRequestOptions,
		auth: ExchangeAuth,
		run: Run,
		account: string,
	): Promise<Exchange> {
		const limits = run.limits;
		if (!limits) return await exchange(site.context, this.definition, options, auth);
		await limits.inFlight.acquire();
		try {
			const pace = limits.paces.paceFor(account);
			const ticket = await pace.acquire(run.settings.concurrency);
			let outcome: Exchange | undefined;
			try {
				// The pace may have kept this request waiting: a run cancelled meanwhile sends nothing more.
				this.throwIfCancelled(site);
				outcome = await exchange(site.context, this.definition, options, auth);
				return outcome;
			} finally {
				pace.release(ticket, limitResult(outcome));
			}
		} finally {
			limits.inFlight.release();
		}
	}

	/** The last outcome once retrying is over: an answer is handed on (the caller reports its error); no answer throws. */
	private giveUp(site: ErrorSite, outcome: Exchange, idempotent: boolean, attempts: number): ApiResponse {
		if ('failure' in outcome) {
			const error = networkError(site, outcome.failure, !idempotent);
			if (attempts > 1) error.description = `${error.description ?? ''} Sent ${attempts} times.`.trim();
			throw error;
		}
		return outcome;
	}

	/** A wait the item's retry budget cannot pay for: the error says so (a rate limit that outlasts it, in its words). */
	private outOfBudget(site: ErrorSite, outcome: Exchange, wait: number, idempotent: boolean): Error {
		if ('failure' in outcome) return networkError(site, outcome.failure, !idempotent);
		return retryBudgetError(site, outcome, wait, RETRY_POLICY.maxWaitPerItemMs);
	}

	/**
	 * The checked credential's secrets and base URL, read once per run, also when the first items of a run ask for it
	 * at the same time. A credential that cannot be used is reported to each item on its own: a failed read is not
	 * kept, so each item that waited for it reads the credential again.
	 */
	private async connection(run: Run, itemIndex: number | undefined): Promise<Connection<Credentials>> {
		const key = this.definition.credentialType;
		// Only this service stores under its credential type, so what is stored there is its own connection.
		const pending = run.connections.get(key) as Promise<Connection<Credentials>> | undefined;
		if (pending) {
			try {
				return await pending;
			} catch {
				return await this.connect(run.context, itemIndex);
			}
		}
		const connecting = this.connect(run.context, itemIndex);
		run.connections.set(key, connecting);
		connecting.catch(() => {
			if (run.connections.get(key) === connecting) run.connections.delete(key);
		});
		return await connecting;
	}

	private async connect(context: RequestContext, itemIndex: number | undefined): Promise<Connection<Credentials>> {
		const credentials = await this.credentials(context, itemIndex);
		const baseUrl = normalizeBaseUrl(
			typeof credentials.baseUrl === 'string' && credentials.baseUrl.trim() ? credentials.baseUrl : this.definition.defaultBaseUrl,
		);
		const reference = context.getNode().credentials?.[this.definition.credentialType];
		const identity = [...this.definition.secretFields.map((field) => credentials[field]), this.definition.headers?.(credentials)];
		return {
			credentials,
			decrypted: {
				id: reference?.id ?? '',
				name: reference?.name ?? this.name,
				type: this.definition.credentialType,
				data: credentialData(credentials),
			},
			forms: secretForms(this.definition.secretFields.map((field) => credentials[field] as string | undefined)),
			baseUrl,
			account: accountKey(this.name, baseUrl, identity),
		};
	}

	/** What a request changes, for the messages of a lost or unreadable answer. */
	private effectOf(request: ApiRequest): string | undefined {
		if (isIdempotent(request.method)) return undefined;
		return `The request ${mayHaveBeenCarriedOut(this.words)}; check before running this item again.`;
	}

	/** Sends a request that must succeed and reads its answer with the schema of its documented shape. */
	async request<Schema extends z.ZodTypeAny>(run: Run, request: ApiRequest, schema: Schema): Promise<z.infer<Schema>> {
		const response = await this.send(run, request);
		if (!isSuccess(response)) throw this.error(run.context, response, request);
		return this.parse(run.context, response, schema, request);
	}

	/** The error for an answer that is not a success: the API's own message, or that the answer is not the API's. */
	error(context: RequestContext, response: ApiResponse, request: ApiRequest): Error {
		const site = this.site(context, request);
		if (!this.isApiAnswer(response)) return notFromApiError(site, response, this.effectOf(request));
		return apiResponseError(site, response, this.definition.statusHints);
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
	 * API's (an HTML page, a wrong Base URL) is an error, so that a workflow never creates a duplicate of a record that
	 * only looked missing.
	 */
	saysNotFound(context: RequestContext, response: ApiResponse, request: ApiRequest): boolean {
		if (response.statusCode !== 404) return false;
		if (typeof response.body !== 'object' || response.body === null || !this.isApiAnswer(response)) {
			throw notFromApiError(this.site(context, request), response, this.effectOf(request));
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
		const site = this.site(context, request);
		if (typeof response.body === 'string' && response.body.trim() !== '') {
			throw notFromApiError(site, response, this.effectOf(request));
		}
		const issue = parsed.error.issues[0];
		throw unexpectedAnswerError(site, response, `At "${issue.path.join('.') || 'body'}": ${issue.message}`, this.effectOf(request));
	}

	/** Ids that go into a path, from users or from the server, may not walk the path ("..", "/", empty). */
	private checkPath({ context, itemIndex }: ErrorSite, request: ApiRequest): void {
		const segments = request.path.split('/').slice(1);
		if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /%2e%2e|%2f/i.test(segment))) {
			const error = new NodeOperationError(context.getNode(), `${this.name}: refused to send a request to an unsafe path`, {
				itemIndex,
				description: 'An ID in the request (given in the node or returned by the service) was empty or not an ID. Nothing was sent.',
			});
			throw withFailure(error, { kind: 'input' });
		}
	}
}
