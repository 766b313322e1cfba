/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/** Writing answers on the sandbox's HTTP edge. */
import type http from 'node:http';

import type { SandboxResponse } from './types';

/** Sends an emulated API's answer: `text` as it is when set (a streamed chat answer), else `body` as JSON. */
export function sendResponse(res: http.ServerResponse, response: SandboxResponse): void {
	if (response.text !== undefined) {
		sendText(res, response.status, response.text, { 'content-type': 'text/plain; charset=utf-8', ...response.headers });
		return;
	}
	const payload = response.body === undefined ? '' : JSON.stringify(response.body);
	sendText(res, response.status, payload, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
}

export function sendText(res: http.ServerResponse, status: number, payload: string, headers: Record<string, string>): void {
	if (res.destroyed || res.writableEnded) return;
	res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
	res.end(payload);
}

/** Header names as Node gives them (lower-cased); a repeated header joined with ', '. */
export function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}
