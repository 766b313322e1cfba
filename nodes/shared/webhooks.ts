/*
 * What every webhook trigger of the package shares: its own secrets, constant-time checks of what a caller presents,
 * refusing a call or ignoring an event, and the registration: kept in the workflow's static data,
 * and removed from the service.
 */
import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject, IHookFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import type { z } from 'zod';

import type { ApiRequest } from './request';
import type { Run } from './run';
import { isSuccess } from './request';
import type { Service } from './http/client';

/** A fresh random secret: 32 bytes as 64 hex characters. */
export function newSecret(): string {
	return randomBytes(32).toString('hex');
}

/**
 * Whether a caller presented the expected secret, compared in constant time. Both sides are hashed first, so neither
 * the comparison nor a length check tells a caller how much of a guess was right.
 */
export function sameSecret(expected: string, presented: unknown): boolean {
	if (typeof presented !== 'string' || presented === '' || expected === '') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(presented));
}

/** The request body exactly as it arrived (n8n keeps it on the request before parsing it). */
export function rawBodyOf(context: IWebhookFunctions): Buffer | undefined {
	const raw: unknown = context.getRequestObject().rawBody;
	if (raw instanceof Uint8Array) return Buffer.from(raw);
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	return undefined;
}

/** A header's single value (n8n lower-cases header names). */
export function headerOf(context: IWebhookFunctions, name: string): string | undefined {
	const value = context.getHeaderData()[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' ? first : undefined;
}

/** Answers 401 and starts nothing: the call did not prove it comes from the service. */
export function refuseCall(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	context.getResponseObject().status(401).json({ message: `Unauthorized: ${reason}` });
	return { noWebhookResponse: true };
}

/**
 * The answer to a delivery of an event the trigger does not listen to: a 200, so that the service counts it as
 * delivered and does not send it again, and no run.
 */
export function ignoreEvent(event: string | undefined): IWebhookResponseData {
	return { webhookResponse: { message: `Event ${event ?? '(none)'} is not one this trigger listens to: ignored` } };
}

/**
 * The item a delivery starts the workflow with: the event name first, then the body as sent (a body that is not an
 * object goes under `body`), then `extra`. The event name given here wins over a field of the body with that name.
 */
export function deliveryItem(event: string, body: unknown, extra: IDataObject = {}): INodeExecutionData {
	const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as IDataObject) : { body: body as IDataObject };
	const json: IDataObject = { event, ...fields, ...extra };
	json.event = event;
	return { json };
}

/** Two event lists name the same events (order and repeats do not matter). */
export function sameEvents(a: readonly string[], b: readonly string[]): boolean {
	const left = new Set(a);
	const right = new Set(b);
	return left.size === right.size && [...left].every((event) => right.has(event));
}

/** The events chosen in the node, as a sorted list without repeats. */
export function chosenEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	const value = context.getNodeParameter('events', []) as unknown;
	const events = Array.isArray(value) ? value.filter((event): event is string => typeof event === 'string') : [];
	return [...new Set(events)].sort();
}

/**
 * The registration a trigger keeps in the workflow's static data (per node), read with its schema: anything else
 * there (an older shape, a half-written record) counts as no registration.
 */
export function readRegistration<Schema extends z.ZodTypeAny>(
	context: IHookFunctions | IWebhookFunctions,
	schema: Schema,
): z.infer<Schema> | undefined {
	const parsed = schema.safeParse(context.getWorkflowStaticData('node'));
	return parsed.success ? (parsed.data as z.infer<Schema>) : undefined;
}

export function saveRegistration(context: IHookFunctions, registration: IDataObject): void {
	const staticData = context.getWorkflowStaticData('node');
	clearStaticData(staticData);
	Object.assign(staticData, registration);
}

/** What removing a registration needs of a service's client. */
type RegistrationClient = Pick<Service<never>, 'send' | 'saysNotFound' | 'error' | 'parse'>;

/**
 * Removes a registration from the service and forgets it. A 404 in the service's own words means it is already gone
 * (deleted in the service's dashboard), once `confirmGone` (when given) has not thrown; every other failure is an
 * error, and the registration is kept. A successful answer is read with `answerSchema` when the service documents one.
 */
export async function unregister(
	run: Run<IHookFunctions>,
	service: RegistrationClient,
	request: ApiRequest,
	{ answerSchema, confirmGone }: { answerSchema?: z.ZodTypeAny; confirmGone?: () => Promise<void> } = {},
): Promise<void> {
	const { context } = run;
	const response = await service.send(run, request);
	if (isSuccess(response)) {
		if (answerSchema) service.parse(context, response, answerSchema, request);
	} else if (service.saysNotFound(context, response, request)) {
		await confirmGone?.();
	} else {
		throw service.error(context, response, request);
	}
	clearRegistration(context);
}

function clearRegistration(context: IHookFunctions): void {
	clearStaticData(context.getWorkflowStaticData('node'));
}

function clearStaticData(staticData: IDataObject): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
}
