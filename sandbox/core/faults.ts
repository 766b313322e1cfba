/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
import type http from 'node:http';

import { flattenHeaders, sendResponse, sendText } from './respond';
import type { OneShotFault, SandboxResponse } from './types';

/** The statuses a fault can inject by number (queue, random mode, rate limit). */
export type FaultStatus = 429 | 500 | 502 | 503;

/** HTTP reason phrases of the statuses the emulated APIs answer with. */
export const STATUS_REASONS: Readonly<Record<number, string>> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	429: 'Too Many Requests',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Unavailable',
};

export const RATE_LIMIT_MESSAGE = 'Rate limit exceeded';

/** The human message both APIs put in a faulted answer: "Rate limit exceeded" for 429, else the reason phrase. */
export function faultMessage(status: FaultStatus): string {
	return status === 429 ? RATE_LIMIT_MESSAGE : STATUS_REASONS[status];
}

interface FaultContext {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	rawBody: string;
	faultBody(status: FaultStatus): unknown;
	/** Runs the request through the API (the store changes as it would without the fault). */
	processRequest(): SandboxResponse | Promise<SandboxResponse>;
}

/** Plays a queued or random fault on one request instead of (or around) the API's answer. */
export async function applyFault(fault: OneShotFault, context: FaultContext): Promise<void> {
	const { req, res } = context;
	if ('hang' in fault) return; // The socket is unref'd and closeAllConnections() ends it when the server closes.
	if ('drop' in fault) {
		req.socket.destroy();
		return;
	}
	if ('status' in fault) {
		const headers: Record<string, string> =
			fault.status === 429 && fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
		sendResponse(res, { status: fault.status, body: context.faultBody(fault.status), headers });
		return;
	}
	if ('respond' in fault) {
		const { status, body, headers } = fault.respond;
		if (typeof body === 'string') sendText(res, status, body, { 'content-type': 'text/plain; charset=utf-8', ...lowerCaseNames(headers) });
		else sendResponse(res, { status, body, headers: lowerCaseNames(headers) });
		return;
	}
	if ('echo' in fault) {
		sendEcho(context, fault.echo.status, fault.echo.format ?? 'json');
		return;
	}
	if ('redirect' in fault) {
		sendResponse(res, { status: fault.redirect.status, headers: { location: fault.redirect.location } });
		return;
	}
	const answer = await context.processRequest();
	if ('dropAfterProcessing' in fault) {
		req.socket.destroy();
		return;
	}
	sendTruncated(context, answer);
}

/** What careless frameworks do with an error: quote the full URL, every header and the raw body, unredacted. */
function sendEcho({ req, res, rawBody }: FaultContext, status: number, format: 'json' | 'html'): void {
	const url = req.url ?? '/';
	const headers = flattenHeaders(req.headers);
	const message = `${STATUS_REASONS[status] ?? 'Error'} at ${url}`;
	const echoHeaders: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) echoHeaders[`x-echo-${name.replace(/^x-/, '')}`] = value;
	echoHeaders['x-echo-url'] = url;
	if (format === 'json') {
		sendText(res, status, JSON.stringify({ message, url, headers, body: rawBody }), {
			'content-type': 'application/json; charset=utf-8',
			...echoHeaders,
		});
		return;
	}
	const headerLines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
	const page = [
		`<!DOCTYPE html><html><head><title>${status} ${escapeHtml(STATUS_REASONS[status] ?? 'Error')}</title></head><body>`,
		`<h1>${escapeHtml(message)}</h1>`,
		`<h2>Request headers</h2><pre>${escapeHtml(headerLines.join('\n'))}</pre>`,
		`<h2>Request body</h2><pre>${escapeHtml(rawBody)}</pre>`,
		'</body></html>',
	].join('\n');
	sendText(res, status, page, { 'content-type': 'text/html; charset=utf-8', ...echoHeaders });
}

/** Headers with the full Content-Length, then half the body, then the connection is cut. */
function sendTruncated({ req, res }: FaultContext, answer: SandboxResponse): void {
	const payload = Buffer.from(answer.body === undefined ? '' : JSON.stringify(answer.body));
	res.writeHead(answer.status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': String(payload.length),
		...answer.headers,
	});
	const part = payload.subarray(0, Math.floor(payload.length / 2));
	if (part.length === 0) {
		// Nothing to cut in half: send the headers and end the connection (end() flushes them first).
		res.flushHeaders();
		req.socket.end();
		return;
	}
	res.write(part, () => req.socket.destroy());
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lowerCaseNames(headers: Record<string, string> | undefined): Record<string, string> {
	const lowered: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) lowered[name.toLowerCase()] = value;
	return lowered;
}
