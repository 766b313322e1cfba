/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { answerControlRequest, type ControlState } from './control';
import { applyFault, type FaultStatus } from './faults';
import { redactRequest } from './redact';
import { flattenHeaders, sendResponse } from './respond';
import type { AnyVariantSwitches } from './variants';
import type { ApiHandler, ControlHandler, QueryObject, RecordedRequest, SandboxResponse } from './types';

export interface ApiServerOptions {
	port: number;
	control: ControlState;
	handle: ApiHandler;
	/** The body each API answers with when a fault of that status is injected. */
	faultBody(status: FaultStatus): unknown;
	/** Values to mask wherever they appear in the request log. */
	secrets: readonly string[];
	serviceControl?: ControlHandler;
	/** The service's switches for what its docs leave open, if it has any. */
	variants?: AnyVariantSwitches;
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
			if (!res.headersSent) sendResponse(res, { status: 500, body: options.faultBody(500) });
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
		sendResponse(res, answerControlRequest(recorded, parsed.invalid, options.control, options.serviceControl, options.variants));
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
		sendResponse(res, { status: 429, body: options.faultBody(429), headers });
		return;
	}

	const processRequest = (): SandboxResponse | Promise<SandboxResponse> =>
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
	else sendResponse(res, await processRequest());
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

function queryObject(params: URLSearchParams): QueryObject {
	const query: QueryObject = {};
	for (const [name, value] of params) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

function clientIp(req: http.IncomingMessage): string {
	return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
