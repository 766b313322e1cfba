import axios, { type AxiosInstance } from 'axios';

import type { KickoffLabsTarget, SendKitTarget } from './options';
import { isObject } from './shape';

export interface Answer {
	status: number;
	data: unknown;
	headers: Record<string, unknown>;
}

/** One API as the probe calls it: a 4xx is an answer to look at, a 5xx or 429 a failed step; no redirects followed. */
export interface ApiClient {
	request(method: 'GET' | 'POST' | 'DELETE', path: string, options?: { query?: Record<string, string>; body?: unknown }): Promise<Answer>;
}

function clientOf(instance: AxiosInstance, fixedQuery: Record<string, string> = {}): ApiClient {
	return {
		async request(method, path, options = {}) {
			const params = { ...options.query, ...fixedQuery };
			const response = await instance.request({ method, url: path, params, data: options.body });
			const answer = { status: response.status, data: response.data as unknown, headers: { ...response.headers } };
			// A server error or a rate limit says nothing about a silent point: the step failed, it did not contradict.
			if (answer.status >= 500 || answer.status === 429) throw failure(`${method} ${path}`, answer);
			return answer;
		},
	};
}

const COMMON = { timeout: 15_000, maxRedirects: 0, validateStatus: () => true } as const;

export function sendKitClient(target: SendKitTarget): ApiClient {
	const headers: Record<string, string> = { 'X-Api-Key': target.apiKey };
	if (target.workspaceId) headers['X-Workspace-Id'] = target.workspaceId;
	return clientOf(axios.create({ ...COMMON, baseURL: target.baseUrl, headers }));
}

/** The key as the `api_key` query parameter on every verb, as the package sends it. */
export function kickoffLabsClient(target: KickoffLabsTarget): ApiClient {
	return clientOf(axios.create({ ...COMMON, baseURL: target.baseUrl }), { api_key: target.apiKey });
}

/** A failed step, with the API's own message when it sent one (the output is scrubbed of keys before printing). */
export class StepFailed extends Error {}

export function failure(step: string, answer: Answer): StepFailed {
	const body = answer.data;
	const nested = isObject(body) && isObject(body.error) ? body.error.message : undefined;
	const message = isObject(body) ? (nested ?? body.message ?? body.error) : typeof body === 'string' ? body.slice(0, 200) : undefined;
	return new StepFailed(`${step} answered HTTP ${answer.status}${typeof message === 'string' && message ? `: ${message}` : ''}`);
}
