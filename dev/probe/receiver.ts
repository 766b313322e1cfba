/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
import http from 'node:http';

export interface Delivery {
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
}

export interface Receiver {
	/** The next delivery, or undefined when none arrives in time. */
	nextDelivery(timeoutMs: number): Promise<Delivery | undefined>;
	close(): Promise<void>;
}

/** Takes webhook deliveries on 127.0.0.1 (the port of --webhook-url) and answers 200 to each. */
export async function startReceiver(port: number): Promise<Receiver> {
	const deliveries: Delivery[] = [];
	const waiting: ((delivery: Delivery) => void)[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
			const delivery = { headers: req.headers, rawBody: Buffer.concat(chunks) };
			const waiter = waiting.shift();
			if (waiter) waiter(delivery);
			else deliveries.push(delivery);
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});
	return {
		nextDelivery: async (timeoutMs) => {
			const queued = deliveries.shift();
			if (queued) return queued;
			return await new Promise<Delivery | undefined>((resolve) => {
				const timer = setTimeout(() => {
					waiting.splice(waiting.indexOf(done), 1);
					resolve(undefined);
				}, timeoutMs);
				const done = (delivery: Delivery): void => {
					clearTimeout(timer);
					resolve(delivery);
				};
				waiting.push(done);
			});
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** The port the receiver listens on: the URL's own, or the scheme's default. */
export function portOf(url: URL): number {
	return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}
