/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { ControlState, faultsSchema } from './control';
import { STATUS_REASONS, type FaultStatus } from './faults';
import { redactRequest } from './redact';
import type { OneShotFault, QueryObject, RecordedRequest } from './types';

export type { FaultStatus } from './faults';

/** A request as the emulated APIs see it. */
export interface ApiRequest {
	method: string;
	/** Path with trailing slashes removed ("/v2/135544/" and "/v2/135544" are the same resource). */
	path: string;
	query: QueryObject;
	headers: Record<string, string>;
	body: unknown;
	/** True when a body was sent but was neither JSON nor a form. */
	bodyIsInvalid: boolean;
	clientIp: string;
}

export interface ApiResponse {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as it is instead of `body` as JSON (a streamed chat answer); set its content-type in `headers`. */
	text?: string;
}

/** An API's answer; a promise where answering waits for something (e.g. a webhook test delivery). */
export type ApiHandler = (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;

/** A service's own control routes under /__sandbox/ (e.g. the fake model's script); undefined for an unknown route. */
export type ControlHandler = (request: { method: string; path: string; body: unknown }) => ApiResponse | undefined;

export interface ApiServerOptions {
	port: number;
	control: ControlState;
	handle: ApiHandler;
	/** The body each API answers with when a fault of that status is injected. */
	faultBody(status: FaultStatus): unknown;
	/** Values to mask wherever they appear in the request log. */
	secrets: readonly string[];
	serviceControl?: ControlHandler;
}

export interface RunningApiServer {
	url: string;
	close(): Promise<void>;
}

const CONTROL_PREFIX = '/__sandbox/';

export async function startApiServer(options: ApiServerOptions): Promise<RunningApiServer> {
	const server = http.createServer((req, res) => {
		serveRequest(req, res, options).catch((error: unknown) => {
			console.error('[sandbox] unexpected error', error);
			if (!res.headersSent) sendJson(res, { status: 500, body: options.faultBody(500) });
		});
	});
	// Neither the listening socket nor idle keep-alive connections may keep a test process alive.
	server.on('connection', (socket) => socket.unref());
	await listen(server, options.port);
	server.unref();
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

function listen(server: http.Server, port: number): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function closeServer(server: http.Server): Promise<void> {
	return new Promise((resolve) => {
		// The callback also fires (with an error) when the server was already closed: closing twice is fine.
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

async function serveRequest(req: http.IncomingMessage, res: http.ServerResponse, options: ApiServerOptions): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	const text = await readBodyText(req);
	const parsed = parseBody(text, req.headers['content-type']);
	const recorded: RecordedRequest = {
		method: req.method ?? 'GET',
		path: url.pathname,
		query: queryObject(url.searchParams),
		headers: flattenHeaders(req.headers),
		body: parsed.body,
	};

	if (url.pathname.startsWith(CONTROL_PREFIX)) {
		sendJson(res, handleControlRequest(recorded, parsed.invalid, options.control, options.serviceControl));
		return;
	}

	options.control.record(redactRequest(recorded, options.secrets));
	const admission = options.control.admit();
	if (admission.accepted) {
		res.once('close', admission.finished);
		if (req.socket.destroyed) admission.finished();
	}
	if (options.control.latencyMs > 0) await delay(options.control.latencyMs);
	if (res.destroyed) return;
	if (!admission.accepted) {
		const headers = { 'retry-after': String(admission.retryAfterSeconds) };
		sendJson(res, { status: 429, body: options.faultBody(429), headers });
		return;
	}

	const processRequest = (): ApiResponse | Promise<ApiResponse> =>
		options.handle({
			method: recorded.method,
			path: url.pathname.replace(/\/+$/, '') || '/',
			query: recorded.query,
			headers: recorded.headers,
			body: parsed.body,
			bodyIsInvalid: parsed.invalid,
			clientIp: clientIp(req),
		});
	const fault = options.control.takeFault({ method: recorded.method, path: url.pathname });
	if (fault) await applyFault(fault, { req, res, rawBody: text, faultBody: options.faultBody, processRequest });
	else sendJson(res, await processRequest());
}

interface FaultContext {
	req: http.IncomingMessage;
	res: http.ServerResponse;
	rawBody: string;
	faultBody(status: FaultStatus): unknown;
	/** Runs the request through the API (the store changes as it would without the fault). */
	processRequest(): ApiResponse | Promise<ApiResponse>;
}

async function applyFault(fault: OneShotFault, context: FaultContext): Promise<void> {
	const { req, res } = context;
	if ('hang' in fault) return; // The socket is unref'd and closeAllConnections() ends it when the server closes.
	if ('drop' in fault) {
		req.socket.destroy();
		return;
	}
	if ('status' in fault) {
		const headers: Record<string, string> =
			fault.status === 429 && fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
		sendJson(res, { status: fault.status, body: context.faultBody(fault.status), headers });
		return;
	}
	if ('respond' in fault) {
		const { status, body, headers } = fault.respond;
		if (typeof body === 'string') sendText(res, status, body, { 'content-type': 'text/plain; charset=utf-8', ...lowerCaseNames(headers) });
		else sendJson(res, { status, body, headers: lowerCaseNames(headers) });
		return;
	}
	if ('echo' in fault) {
		sendEcho(context, fault.echo.status, fault.echo.format ?? 'json');
		return;
	}
	if ('redirect' in fault) {
		sendJson(res, { status: fault.redirect.status, headers: { location: fault.redirect.location } });
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
function sendTruncated({ req, res }: FaultContext, answer: ApiResponse): void {
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

function handleControlRequest(
	request: RecordedRequest,
	bodyIsInvalid: boolean,
	control: ControlState,
	serviceControl: ControlHandler | undefined,
): ApiResponse {
	const route = `${request.method} ${request.path.replace(/\/+$/, '')}`;
	switch (route) {
		case 'GET /__sandbox/requests':
			return { status: 200, body: control.requests };
		case 'GET /__sandbox/stats':
			return { status: 200, body: { ...control.stats, faults: control.faultStats } };
		case 'POST /__sandbox/reset':
			control.reset();
			return { status: 200, body: { ok: true } };
		case 'POST /__sandbox/faults': {
			const faults = faultsSchema.safeParse(bodyIsInvalid ? undefined : request.body);
			if (!faults.success) return { status: 400, body: { ok: false, error: faults.error.issues[0]?.message ?? 'Invalid faults' } };
			control.setFaults(faults.data);
			return { status: 200, body: { ok: true } };
		}
		default:
			return (
				serviceControl?.({ method: request.method, path: request.path, body: bodyIsInvalid ? undefined : request.body }) ?? {
					status: 404,
					body: { ok: false, error: `Unknown sandbox control endpoint: ${route}` },
				}
			);
	}
}

function readBodyText(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseBody(text: string, contentType: string | undefined): { body: unknown; invalid: boolean } {
	if (text.trim() === '') return { body: undefined, invalid: false };
	if (contentType?.includes('application/x-www-form-urlencoded')) {
		return { body: queryObject(new URLSearchParams(text)), invalid: false };
	}
	try {
		return { body: JSON.parse(text) as unknown, invalid: false };
	} catch {
		return { body: text, invalid: true };
	}
}

export function queryObject(params: URLSearchParams): QueryObject {
	const query: QueryObject = {};
	for (const [name, value] of params) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
	const flat: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return flat;
}

function clientIp(req: http.IncomingMessage): string {
	return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function sendJson(res: http.ServerResponse, response: ApiResponse): void {
	if (response.text !== undefined) {
		sendText(res, response.status, response.text, { 'content-type': 'text/plain; charset=utf-8', ...response.headers });
		return;
	}
	const payload = response.body === undefined ? '' : JSON.stringify(response.body);
	sendText(res, response.status, payload, { 'content-type': 'application/json; charset=utf-8', ...response.headers });
}

function sendText(res: http.ServerResponse, status: number, payload: string, headers: Record<string, string>): void {
	if (res.destroyed || res.writableEnded) return;
	res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(payload)) });
	res.end(payload);
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
