/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, not inside n8n */
import axios from 'axios';
import * as http from 'http';

import type { PlainRequest } from './targets';

/**
 * A plain axios client, as a developer would write one: `concurrency` requests in flight, no retries, any answer
 * accepted (409s included). Returns the seconds it took. With `newConnections`, every request gets a new HTTP agent
 * and so a new TCP connection, as n8n's HTTP helper sends (it builds agents per request): the baseline that shows
 * what n8n's connection handling costs, apart from the package.
 */
export async function runAxios(request: PlainRequest, emails: readonly string[], concurrency: number, newConnections = false): Promise<number> {
	const started = process.hrtime.bigint();
	let next = 0;
	const worker = async () => {
		while (next < emails.length) {
			const email = emails[next++];
			await axios.post(request.url, request.body(email), {
				headers: request.headers,
				params: request.params,
				validateStatus: () => true,
				...(newConnections ? { httpAgent: new http.Agent(), maxRedirects: 0 } : {}),
			});
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return Number(process.hrtime.bigint() - started) / 1e9;
}
