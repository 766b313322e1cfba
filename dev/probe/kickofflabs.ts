import { disposableEmail } from './disposable';
import { failure, type Answer, type ApiClient } from './http';
import type { KickoffLabsPointOf, Observation } from './points';
import { answerShape, isObject } from './shape';

/**
 * What the KickoffLabs points share in one run: the campaign, the disposable leads and the webhook, deleted by
 * `cleanUp` whatever happened in between.
 */
export class KickoffLabsSession {
	/** Disposable leads not yet known to be deleted. */
	private readonly leads = new Set<string>();
	private webhookUrl: string | undefined;

	constructor(
		readonly api: ApiClient,
		readonly campaignId: string,
		readonly write: boolean,
		readonly webhookTarget: string | undefined,
	) {}

	get campaignPath(): string {
		return `/v2/${this.campaignId}`;
	}

	async createLeads(count: number): Promise<string[]> {
		const emails: string[] = [];
		for (let index = 0; index < count; index++) {
			const email = disposableEmail();
			const answer = await this.api.request('POST', this.campaignPath, { body: { email } });
			if (answer.status >= 300) throw failure(`POST /v2/{campaign_id}`, answer);
			this.leads.add(email);
			emails.push(email);
		}
		return emails;
	}

	/** Deletes one lead with its email in the JSON body (as the package sends it) or in the query string. */
	async deleteLead(email: string, where: 'body' | 'query'): Promise<{ answer: Answer; deleted: boolean | undefined }> {
		const answer = await this.api.request('DELETE', this.campaignPath, where === 'body' ? { body: { email: [email] } } : { query: { email } });
		const count = isObject(answer.data) ? answer.data.deleted : undefined;
		const deleted = answer.status >= 300 ? false : typeof count === 'number' ? count > 0 : undefined;
		if (deleted) this.leads.delete(email);
		return { answer, deleted };
	}

	async registerWebhook(url: string): Promise<void> {
		const answer = await this.api.request('POST', `${this.campaignPath}/outbound-webhook`, { body: { url, events: ['reward_level'] } });
		if (answer.status >= 300) throw failure('POST /v2/{campaign_id}/outbound-webhook', answer);
		this.webhookUrl = url;
	}

	async removeWebhook(): Promise<Answer | undefined> {
		if (this.webhookUrl === undefined) return undefined;
		const answer = await this.api.request('DELETE', `${this.campaignPath}/outbound-webhook`, { query: { url: this.webhookUrl } });
		if (answer.status < 300) this.webhookUrl = undefined;
		return answer;
	}

	/** Deletes what the run created; returns what is still there (or may be). */
	async cleanUp(): Promise<string[]> {
		const left: string[] = [];
		await this.removeWebhook().catch(() => undefined);
		if (this.webhookUrl !== undefined) left.push(`KickoffLabs webhook for ${this.webhookUrl} in campaign ${this.campaignId}`);
		for (const email of [...this.leads]) {
			for (const where of ['body', 'query'] as const) {
				if (this.leads.has(email)) await this.deleteLead(email, where).catch(() => undefined);
			}
			if (this.leads.has(email)) left.push(`KickoffLabs lead ${email} in campaign ${this.campaignId}`);
		}
		return left;
	}
}

function lookupNotFoundForm(answer: Answer): Observation {
	const body = answer.data;
	if (answer.status === 404 && isObject(body) && typeof body.message === 'string') return { seen: 'status404' };
	if (answer.status === 200 && Array.isArray(body) && body.length === 0) return { seen: 'emptyArray' };
	if (answer.status === 200 && isObject(body)) {
		const keys = Object.keys(body);
		if (keys.length === 0) return { seen: 'emptyObject' };
		if (keys.length === 1 && typeof body.message === 'string') return { seen: 'messageOnly' };
	}
	return { other: answerShape(answer) };
}

export const KICKOFFLABS_POINTS: KickoffLabsPointOf<KickoffLabsSession>[] = [
	{
		service: 'KickoffLabs',
		question: 'What does a lookup of an unknown email answer?',
		switchName: 'lookupNotFound',
		assumes: ['status404'],
		alsoHandles: ['emptyObject', 'emptyArray', 'messageOnly'],
		async observe(session) {
			// An address nobody signed up with: read-only, nothing is created.
			return lookupNotFoundForm(await session.api.request('GET', session.campaignPath, { query: { email: disposableEmail() } }));
		},
	},
	{
		service: 'KickoffLabs',
		question: 'Where does DELETE /v2/{campaign_id} read the emails?',
		switchName: 'deleteIds',
		assumes: ['either', 'body'],
		alsoHandles: ['query'],
		async observe(session) {
			if (!session.write) return { notObservable: 'needs --write (creates and deletes two disposable leads)' };
			const [first, second] = await session.createLeads(2);
			const body = await session.deleteLead(first, 'body');
			const query = await session.deleteLead(second, 'query');
			if (body.deleted === undefined || query.deleted === undefined) {
				return { other: `no deleted count: body ${answerShape(body.answer)}, query ${answerShape(query.answer)}` };
			}
			if (body.deleted && query.deleted) return { seen: 'either' };
			if (body.deleted || query.deleted) return { seen: body.deleted ? 'body' : 'query' };
			return { other: `neither deleted: body ${answerShape(body.answer)}, query ${answerShape(query.answer)}` };
		},
	},
	{
		service: 'KickoffLabs',
		question: 'What does DELETE …/outbound-webhook answer?',
		switchName: 'webhookDeleteAnswer',
		assumes: ['message'],
		alsoHandles: ['noContent'],
		async observe(session) {
			if (!session.write || !session.webhookTarget) return { notObservable: 'needs --write and --webhook-url' };
			await session.registerWebhook(session.webhookTarget);
			const answer = await session.removeWebhook();
			if (answer?.status === 204) return { seen: 'noContent' };
			if (answer && answer.status < 300 && isObject(answer.data) && typeof answer.data.message === 'string') return { seen: 'message' };
			return { other: answer ? answerShape(answer) : 'no answer' };
		},
	},
];
