import { createHmac } from 'node:crypto';

import { disposableEmail, disposableSecret } from './disposable';
import { failure, type ApiClient, type Answer } from './http';
import type { Observation, SendKitPointOf } from './points';
import type { Receiver } from './receiver';
import { answerShape, isObject, shapeOf } from './shape';

interface SendKitLead {
	id: string;
	email: string;
}

interface SendKitWebhook {
	id: string;
	/** The secret the probe sent, and the one the answer carried (they differ when SendKit generates its own). */
	sentSecret: string;
	answer: Answer;
}

const NEEDS_WRITE = 'needs --write (creates and deletes a disposable lead)';

/**
 * What the SendKit points share in one run: the disposable leads and the webhook, each created once when a point
 * first needs it, and deleted by `cleanUp` whatever happened in between.
 */
export class SendKitSession {
	private readonly leads: SendKitLead[] = [];
	private webhookPromise: Promise<SendKitWebhook> | undefined;
	private readonly webhookIds: string[] = [];
	/** Webhooks the API kept after a DELETE it does not have: only SendKit's dashboard can remove them. */
	private readonly undeletableWebhookIds = new Set<string>();

	constructor(
		readonly api: ApiClient,
		readonly write: boolean,
		readonly webhookTarget: { url: string; receiver: Receiver } | undefined,
	) {}

	/** The first `count` disposable leads, created as needed. */
	async disposableLeads(count: number): Promise<SendKitLead[]> {
		while (this.leads.length < count) {
			const email = disposableEmail();
			const answer = await this.api.request('POST', '/v1/leads', { body: { email } });
			const id = isObject(answer.data) && isObject(answer.data.data) ? answer.data.data._id : undefined;
			if (answer.status !== 201 && answer.status !== 200) throw failure('POST /v1/leads', answer);
			if (typeof id !== 'string') throw new Error(`POST /v1/leads answered without the lead's _id: ${answerShape(answer)}`);
			this.leads.push({ id, email });
		}
		return this.leads.slice(0, count);
	}

	/** The probe's webhook at --webhook-url, registered once with a secret of its own. */
	registeredWebhook(): Promise<SendKitWebhook> {
		const target = this.webhookTarget;
		if (!target) throw new Error('no --webhook-url');
		this.webhookPromise ??= (async () => {
			const sentSecret = disposableSecret();
			const body = { name: 'n8n-nodes-lead-capture probe', url: target.url, events: ['lead.updated'], secret: sentSecret };
			const answer = await this.api.request('POST', '/v1/webhooks', { body });
			const id = isObject(answer.data) && isObject(answer.data.data) ? answer.data.data._id : undefined;
			if (answer.status >= 300) throw failure('POST /v1/webhooks', answer);
			if (typeof id !== 'string') throw new Error(`POST /v1/webhooks answered without the webhook's _id: ${answerShape(answer)}`);
			this.webhookIds.push(id);
			return { id, sentSecret, answer };
		})();
		return this.webhookPromise;
	}

	/** DELETE of the probe's webhook: 'supported' when it is gone afterwards, 'missing' when SendKit still has it. */
	async deleteWebhook(id: string): Promise<{ result: 'supported' | 'missing'; answer: Answer }> {
		const answer = await this.api.request('DELETE', `/v1/webhooks/${id}`);
		const after = await this.api.request('GET', `/v1/webhooks/${id}`);
		if (after.status === 404) {
			this.webhookIds.splice(this.webhookIds.indexOf(id), 1);
			return { result: 'supported', answer };
		}
		if (after.status !== 200) throw failure('GET /v1/webhooks/{id}', after);
		this.undeletableWebhookIds.add(id);
		return { result: 'missing', answer };
	}

	/** Deletes what the run created; returns what is still there. */
	async cleanUp(): Promise<string[]> {
		const left: string[] = [];
		for (const id of this.webhookIds) {
			if (this.undeletableWebhookIds.has(id)) {
				left.push(`SendKit webhook ${id} (SendKit has no DELETE for it: remove it in SendKit's dashboard)`);
				continue;
			}
			const answer = await this.api.request('DELETE', `/v1/webhooks/${id}`).catch(() => undefined);
			if (!answer || answer.status >= 300) left.push(`SendKit webhook ${id}`);
		}
		if (this.leads.length > 0) {
			await this.api.request('DELETE', '/v1/leads', { body: { leadIds: this.leads.map((lead) => lead.id) } }).catch(() => undefined);
			for (const lead of this.leads) {
				const answer = await this.api.request('GET', `/v1/leads/${lead.id}`).catch(() => undefined);
				if (answer?.status !== 404) left.push(`SendKit lead ${lead.id} (${lead.email})`);
			}
		}
		return left;
	}
}

async function listLeads(session: SendKitSession, limit: number): Promise<{ answer: Answer; ids: string[] | undefined }> {
	const answer = await session.api.request('GET', '/v1/leads', { query: { limit: String(limit) } });
	if (answer.status !== 200) throw failure('GET /v1/leads', answer);
	const items = isObject(answer.data) ? answer.data.data : undefined;
	const ids = Array.isArray(items) ? items.map((item) => (isObject(item) && typeof item._id === 'string' ? item._id : '')) : undefined;
	return { answer, ids };
}

function paginationOf(answer: Answer): Record<string, unknown> | undefined {
	return isObject(answer.data) && isObject(answer.data.pagination) ? answer.data.pagination : undefined;
}

/** `X-Webhook-Signature` in each form the sandbox's `signature` switch names, of the raw body. */
function signatureForm(signature: string, rawBody: Buffer, secrets: readonly string[]): string | undefined {
	for (const secret of secrets) {
		const digest = createHmac('sha256', secret).update(rawBody).digest();
		const forms: Record<string, string> = {
			hex: digest.toString('hex'),
			'sha256=hex': `sha256=${digest.toString('hex')}`,
			base64: digest.toString('base64'),
			'sha256=base64': `sha256=${digest.toString('base64')}`,
			base64url: digest.toString('base64url'),
		};
		const match = Object.entries(forms).find(([, form]) => form === signature);
		if (match) return match[0];
	}
	return undefined;
}

function conflictForm(body: unknown): Observation {
	if (!isObject(body)) return { other: shapeOf(body) };
	const carriesLead = [body, ...Object.values(body)].some((part) => isObject(part) && typeof part._id === 'string');
	if (body.success === false && isObject(body.error)) return { seen: carriesLead ? 'resource' : 'resourceWithoutLead' };
	if (typeof body.error === 'string' && typeof body.message === 'string') return { seen: carriesLead ? 'generic' : 'genericWithoutLead' };
	return { other: shapeOf(body) };
}

export const SENDKIT_POINTS: SendKitPointOf<SendKitSession>[] = [
	{
		service: 'SendKit',
		question: 'How do lists page? (GET /v1/leads)',
		switchName: 'pagination',
		assumes: ['cursor'],
		alsoHandles: ['page'],
		async observe(session) {
			const pagination = paginationOf((await listLeads(session, 1)).answer);
			if (pagination && ('nextCursor' in pagination || 'hasMore' in pagination)) return { seen: 'cursor' };
			if (pagination && 'pages' in pagination) return { seen: 'page' };
			return { other: `pagination: ${shapeOf(pagination)}` };
		},
	},
	{
		service: 'SendKit',
		question: 'Is nextCursor the last _id of the page?',
		switchName: 'cursor',
		assumes: ['lastId'],
		alsoHandles: ['opaque'],
		async observe(session) {
			if (session.write) await session.disposableLeads(2);
			const { answer, ids } = await listLeads(session, 1);
			const pagination = paginationOf(answer);
			if (pagination && 'pages' in pagination) return { notObservable: 'the list pages by number' };
			if (!pagination?.hasMore) return { notObservable: session.write ? 'one page of leads only' : 'one page of leads only (--write adds two)' };
			if (typeof pagination.nextCursor !== 'string') return { other: `pagination: ${shapeOf(pagination)}` };
			return { seen: pagination.nextCursor === ids?.[ids.length - 1] ? 'lastId' : 'opaque' };
		},
	},
	{
		service: 'SendKit',
		question: 'In which order does GET /v1/leads list?',
		switchName: 'listOrder',
		assumes: ['oldestFirst'],
		alsoHandles: ['newestFirst'],
		async observe(session) {
			if (session.write) await session.disposableLeads(2);
			const { answer, ids } = await listLeads(session, 2);
			if (!ids) return { other: answerShape(answer) };
			if (ids.length < 2) return { notObservable: session.write ? 'fewer than two leads listed' : 'fewer than two leads (--write adds two)' };
			const [first, second] = ids.map((id) => id.toLowerCase());
			// ObjectIds begin with their creation time, so their order is the creation order.
			return { seen: first < second ? 'oldestFirst' : 'newestFirst' };
		},
	},
	{
		service: 'SendKit',
		question: 'Does GET /v1/leads/{id} exist? (Get by Lead ID)',
		assumes: ['exists'],
		alsoHandles: [],
		async observe(session) {
			if (!session.write) return { notObservable: NEEDS_WRITE };
			const [lead] = await session.disposableLeads(1);
			const answer = await session.api.request('GET', `/v1/leads/${lead.id}`);
			const found = answer.status === 200 && isObject(answer.data) && isObject(answer.data.data) && answer.data.data._id === lead.id;
			return found ? { seen: 'exists' } : { other: answerShape(answer) };
		},
	},
	{
		service: 'SendKit',
		question: 'What does a 409 on create carry?',
		switchName: 'conflict',
		assumes: ['resource'],
		alsoHandles: ['generic', 'resourceWithoutLead', 'genericWithoutLead'],
		async observe(session) {
			if (!session.write) return { notObservable: NEEDS_WRITE };
			const [lead] = await session.disposableLeads(1);
			const answer = await session.api.request('POST', '/v1/leads', { body: { email: lead.email } });
			if (answer.status !== 409) return { other: answerShape(answer) };
			return conflictForm(answer.data);
		},
	},
	{
		service: 'SendKit',
		question: 'Does a new webhook keep the secret sent?',
		switchName: 'webhookSecret',
		assumes: ['sent'],
		alsoHandles: ['generated'],
		async observe(session) {
			if (!session.write || !session.webhookTarget) return { notObservable: 'needs --write and --webhook-url' };
			const { sentSecret, answer } = await session.registeredWebhook();
			const secret = isObject(answer.data) && isObject(answer.data.data) ? answer.data.data.secret : undefined;
			if (typeof secret !== 'string') return { other: `no secret in ${answerShape(answer)}` };
			return { seen: secret === sentSecret ? 'sent' : 'generated' };
		},
	},
	{
		service: 'SendKit',
		question: 'In which form is X-Webhook-Signature?',
		switchName: 'signature',
		assumes: ['hex', 'sha256=hex'],
		alsoHandles: ['base64', 'sha256=base64', 'base64url'],
		async observe(session) {
			const target = session.webhookTarget;
			if (!session.write || !target) {
				return { notObservable: 'needs --write and --webhook-url; the SendKit Trigger logs the form of the first real delivery' };
			}
			const { id, sentSecret, answer } = await session.registeredWebhook();
			const answerSecret = isObject(answer.data) && isObject(answer.data.data) ? answer.data.data.secret : undefined;
			const test = await session.api.request('POST', `/v1/webhooks/${id}/test`);
			if (test.status >= 300) throw failure(`POST /v1/webhooks/{id}/test`, test);
			const delivery = await target.receiver.nextDelivery(10_000);
			if (!delivery) return { notObservable: 'no test delivery reached --webhook-url within 10 s' };
			const signature = delivery.headers['x-webhook-signature'];
			if (typeof signature !== 'string') return { other: `no X-Webhook-Signature header (headers: ${Object.keys(delivery.headers).join(', ')})` };
			const secrets = typeof answerSecret === 'string' ? [answerSecret, sentSecret] : [sentSecret];
			const form = signatureForm(signature, delivery.rawBody, secrets);
			return form ? { seen: form } : { other: `a ${signature.length}-character signature in no known HMAC-SHA256 form of the raw body` };
		},
	},
	{
		service: 'SendKit',
		question: 'Does DELETE /v1/webhooks/{id} exist? (SendKit Trigger unpublish)',
		switchName: 'webhookDelete',
		assumes: ['supported'],
		alsoHandles: ['missing'],
		async observe(session) {
			if (!session.write || !session.webhookTarget) return { notObservable: 'needs --write and --webhook-url' };
			const { id } = await session.registeredWebhook();
			const { result, answer } = await session.deleteWebhook(id);
			if (result === 'supported' && answer.status >= 300) return { other: `gone after ${answerShape(answer)}` };
			return { seen: result };
		},
	},
];
