import type { NodeApiError } from 'n8n-workflow';

import { sendKit } from '../../../nodes/SendKit/transport/service';

import type { RetryTiming } from '../../../nodes/shared/http/client';
import { Service, normalizeBaseUrl } from '../../../nodes/shared/http/client';
import { failureOf } from '../../../nodes/shared/failureKind';
import { RETRY_POLICY } from '../../../nodes/shared/http/retry';
import type { ApiRequest } from '../../../nodes/shared/request';
import { standaloneRun } from '../../../nodes/shared/run';
import { toolErrorJson } from '../../../nodes/shared/toolErrors';
import { fakeContext } from './fakeContext';

/** A platform key is told by its prefix; the rest is made up. */
const PLATFORM_KEY = { apiKey: `sk_user_${'0'.repeat(8)}`, workspaceId: 'ws_42', baseUrl: 'http://127.0.0.1:9' };

describe('the credential of a run', () => {
	it('after a failed first read, a platform key\'s request read on the retry path still names its workspace', async () => {
		const { context, sent } = fakeContext([new Error('credential store busy'), PLATFORM_KEY], [{ statusCode: 200, body: { success: true } }]);

		const run = standaloneRun(context);
		const [first, second] = await Promise.allSettled([
			sendKit.send(run, { method: 'GET', path: '/v1/leads', itemIndex: 0 }),
			sendKit.send(run, { method: 'GET', path: '/v1/leads', itemIndex: 1 }),
		]);

		expect(first.status).toBe('rejected');
		expect(second.status).toBe('fulfilled');
		expect(sent).toHaveLength(1);
		expect(sent[0].headers).toMatchObject({ 'X-Workspace-Id': 'ws_42' });
	});
});

describe('a cancelled execution', () => {
	it('sends nothing more, and says so as a failure of kind unavailable: nothing was sent, it may simply run again', async () => {
		const { context, sent } = fakeContext([PLATFORM_KEY], [{ statusCode: 200, body: { success: true } }]);
		const cancelled = new AbortController();
		cancelled.abort();
		const cancellable = Object.assign(context, { getExecutionCancelSignal: () => cancelled.signal });

		const sending = sendKit.send(standaloneRun(cancellable), { method: 'GET', path: '/v1/leads', itemIndex: 3 });

		await expect(sending).rejects.toThrow('SendKit: the execution was cancelled before this item was sent');
		expect(failureOf((await sending.catch((error: Error) => error)) as Error)).toEqual({ kind: 'unavailable' });
		expect(sent).toHaveLength(0);
	});
});

describe('normalizeBaseUrl', () => {
	it('trims base URLs users paste', () => {
		expect(normalizeBaseUrl(' https://api.sendkit.ai// ')).toBe('https://api.sendkit.ai');
	});
});

/** A made-up API, so the messages show which words come from the service's definition. */
function acme(timing = instantTiming()) {
	return new Service<{ apiKey?: string; baseUrl?: string }>(
		{
			name: 'Acme',
			record: 'contact',
			credentialType: 'acmeApi',
			defaultBaseUrl: 'https://api.acme.test',
			credentialLabels: { apiKey: 'API Key', baseUrl: 'Server Address' },
			secretFields: ['apiKey'],
		},
		timing,
	);
}

/** No real waiting: each wait is recorded; the jitter draws halfway. */
function instantTiming(): RetryTiming & { waits: number[] } {
	const waits: number[] = [];
	return { waits, sleep: async (ms) => void waits.push(ms), random: () => 0.5 };
}

/** Made up; long enough to be searched for in answers. */
const ACME_KEY = { apiKey: `acme-${'k'.repeat(16)}` };
const lost = (code: string) => ({ throws: Object.assign(new Error('socket hang up'), { code }) });
/** The error a send ends with; a send that succeeds fails the test. */
async function thrownBy(promise: Promise<unknown>): Promise<NodeApiError> {
	return await promise.then(
		() => {
			throw new Error('the send succeeded');
		},
		(error: unknown) => error as NodeApiError,
	);
}
const CREATE: ApiRequest = { method: 'POST', path: '/contacts', body: { email: 'a@example.com' }, itemIndex: 0 };
const READ: ApiRequest = { method: 'GET', path: '/contacts', itemIndex: 0 };

describe('Service.send, the retry matrix', () => {
	it('sends a read again after a 5xx, waiting the back-off, and hands on the answer that follows', async () => {
		const timing = instantTiming();
		const { context, sent } = fakeContext([ACME_KEY], [{ statusCode: 500 }, { statusCode: 200, body: { ok: true } }]);

		const answer = await acme(timing).send(standaloneRun(context), READ);

		expect(answer).toMatchObject({ statusCode: 200, body: { ok: true } });
		expect(sent).toHaveLength(2);
		expect(timing.waits).toEqual([250]);
	});

	it('waits what Retry-After asks after a 429, then sends again', async () => {
		const timing = instantTiming();
		const { context, sent } = fakeContext([ACME_KEY], [{ statusCode: 429, headers: { 'retry-after': '2' } }, { statusCode: 201 }]);

		await acme(timing).send(standaloneRun(context), CREATE);

		expect(sent).toHaveLength(2);
		expect(timing.waits).toEqual([2000 + Math.floor(0.5 * 201)]);
	});

	it('reports a Retry-After beyond the item\'s budget instead of waiting for it', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [{ statusCode: 429, headers: { 'retry-after': '600' } }]);

		const error = await thrownBy(acme().send(standaloneRun(context), READ));

		expect(error.message).toBe('Acme: still rate limited (HTTP 429) after this item\'s retry budget: it asked to wait 600 s more');
		expect(sent).toHaveLength(1);
	});

	it('gives up on an unreachable server after a few tries, naming the credential\'s address field', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [lost('ECONNREFUSED')]);

		const error = await thrownBy(acme().send(standaloneRun(context), CREATE));

		expect(error.message).toBe('Acme: the service could not be reached (the connection was refused)');
		expect(error.description).toBe('Check the Server Address in the credential and that the service is up. Network error: ECONNREFUSED. Sent 3 times.');
		expect(sent).toHaveLength(RETRY_POLICY.maxUnreachableAttempts);
	});

	it('never sends again a create whose answer was lost and that cannot find out what became of it', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [lost('ECONNRESET'), { statusCode: 201 }]);

		const error = await thrownBy(acme().send(standaloneRun(context), CREATE));

		expect(error.message).toBe(
			'Acme: the connection closed before a complete answer came; the request may have been carried out (for a create: the contact may have been created)',
		);
		expect(toolErrorJson(error).nextStep).toBe('It is unknown whether the request took effect. Look the contact up before trying again.');
		expect(sent).toHaveLength(1);
	});

	it('hands on what recover found for a create whose answer was lost, without sending it again', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [lost('ECONNRESET')]);
		const recover = jest.fn(async () => ({ answer: { statusCode: 201, body: { id: 'c1' }, headers: {} } }));

		const answer = await acme().send(standaloneRun(context), { ...CREATE, recover });

		expect(answer).toEqual({ statusCode: 201, body: { id: 'c1' }, headers: {}, recovered: true });
		expect(recover).toHaveBeenCalledWith({ firstSentAt: expect.any(Number), reason: 'ECONNRESET' });
		expect(sent).toHaveLength(1);
	});

	it('sends a create again when recover found that it did not take effect', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [{ statusCode: 502 }, { statusCode: 201, body: { id: 'c2' } }]);

		const answer = await acme().send(standaloneRun(context), { ...CREATE, recover: async () => ({ resend: true }) });

		expect(answer).toMatchObject({ statusCode: 201, body: { id: 'c2' } });
		expect(sent).toHaveLength(2);
	});

	it('keeps a create uncertain when finding out what became of it fails too', async () => {
		const { context } = fakeContext([ACME_KEY], [{ statusCode: 500 }]);
		const recover = async () => await Promise.reject(new Error('Acme: the search failed'));

		const error = await thrownBy(acme().send(standaloneRun(context), { ...CREATE, recover }));

		expect(error.message).toBe('Acme: the service failed (HTTP 500); the request may have been carried out (for a create: the contact may have been created)');
		expect(error.description).toMatch(/looking up whether it took effect failed too \(Acme: the search failed\)/);
		expect(toolErrorJson(error).nextStep).toMatch(/^It is unknown whether the request took effect/);
	});

	it('does not follow a redirect', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [{ statusCode: 302, headers: { location: 'https://elsewhere.test/x' } }]);

		const error = await thrownBy(acme().send(standaloneRun(context), READ));

		expect(error.message).toBe('Acme: the server answered with a redirect (HTTP 302) to https://elsewhere.test, which is not followed');
		expect(sent).toHaveLength(1);
	});

	it('sends nothing to a path an id could walk, and calls that an input error', async () => {
		const { context, sent } = fakeContext([ACME_KEY], [{ statusCode: 200 }]);

		const error = await thrownBy(acme().send(standaloneRun(context), { method: 'GET', path: '/contacts/..', itemIndex: 0 }));

		expect(error.message).toBe('Acme: refused to send a request to an unsafe path');
		expect(toolErrorJson(error).nextStep).toMatch(/^Correct the value named in the error/);
		expect(sent).toHaveLength(0);
	});

	it('replaces the key wherever an answer quotes it', async () => {
		const { context } = fakeContext([ACME_KEY], [{ statusCode: 400, body: { message: `bad key ${ACME_KEY.apiKey}` } }]);

		const answer = await acme().send(standaloneRun(context), READ);

		expect(JSON.stringify(answer)).not.toContain(ACME_KEY.apiKey);
		expect(answer.body).toEqual({ message: 'bad key ***' });
	});
});
