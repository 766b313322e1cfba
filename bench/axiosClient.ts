/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark: runs in plain Node, not inside n8n */
import axios from 'axios';

import type { PlainRequest } from './targets';

/**
 * A plain axios client, as a developer would write one: `concurrency` requests in flight, no retries, any answer
 * accepted (409s included). Returns the seconds it took.
 */
export async function runAxios(request: PlainRequest, emails: readonly string[], concurrency: number): Promise<number> {
	const started = process.hrtime.bigint();
	let next = 0;
	const worker = async () => {
		while (next < emails.length) {
			const email = emails[next++];
			await axios.post(request.url, request.body(email), { headers: request.headers, params: request.params, validateStatus: () => true });
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return Number(process.hrtime.bigint() - started) / 1e9;
}
