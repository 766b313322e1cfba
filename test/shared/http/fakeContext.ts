import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { fakeNode } from '../fakeNode';

/** What the fake n8n HTTP helper answers one request with: a full response, or an error it throws. */
export type FakeAnswer = { statusCode: number; body?: unknown; headers?: Record<string, string> } | { throws: Error };

export interface FakeContext {
	context: IExecuteFunctions;
	/** Every request handed to n8n's helper, in order. */
	sent: IHttpRequestOptions[];
}

const NODE = fakeNode({ credentials: { sendKitApi: { id: 'c1', name: 'SendKit account' } } });

/**
 * Just what the HTTP client reads from an execution context: the node, the credential (each read takes the next of
 * `credentials`, the last one repeating; an Error is thrown) and n8n's authenticated HTTP helper, which answers with
 * `answers` in order (the last one repeating).
 */
export function fakeContext(credentials: Array<Record<string, unknown> | Error>, answers: FakeAnswer[]): FakeContext {
	const sent: IHttpRequestOptions[] = [];
	let reads = 0;
	let answered = 0;
	const context: Partial<IExecuteFunctions> = {
		getNode: () => NODE,
		getCredentials: (async () => {
			const next = credentials[Math.min(reads++, credentials.length - 1)];
			if (next instanceof Error) throw next;
			return next;
		}) as IExecuteFunctions['getCredentials'],
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				sent.push(options);
				const answer = answers[Math.min(answered++, answers.length - 1)];
				if ('throws' in answer) throw answer.throws;
				const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
				return { statusCode: answer.statusCode, body, headers: answer.headers ?? {} };
			},
		} as unknown as IExecuteFunctions['helpers'],
	};
	return { context: context as IExecuteFunctions, sent };
}
