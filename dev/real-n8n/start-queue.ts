/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run start:queue`: what `npm start` gives (the same runtime, sandbox, credentials and examples), with n8n in
 * queue mode (./queue): Postgres and Redis on free local ports, one main (the editor at http://localhost:5678), one
 * webhook processor and two workers. Data lives in .cache/queue (statePath), which git ignores.
 *
 *   node .build/dev/real-n8n/start-queue.js [--fresh]
 *
 * Ctrl-C stops every process and server it started.
 */
import { OWNER_EMAIL, OWNER_PASSWORD } from './owner';
import { startQueue, type RunningQueue } from './queue';
import { N8N_VERSION, statePath } from './runtime';
import { elapsedSince, log } from './util';

const MAIN_PORT = 5678;
const WORKERS = 2;
const WORKER_CONCURRENCY = 5;

function banner(queue: RunningQueue, startedAt: number): void {
	const lines = [
		'',
		'='.repeat(72),
		`  n8n ${N8N_VERSION} in queue mode with ${queue.installed.name}@${queue.installed.version}   (ready in ${elapsedSince(startedAt)})`,
		'',
		`  Editor:    http://localhost:${new URL(queue.mainUrl).port}`,
		`  Login:     ${OWNER_EMAIL}`,
		`  Password:  ${OWNER_PASSWORD}`,
		'',
		'  Processes (logs in each one\'s folder):',
		...queue.processes.map((child) => `    ${child.name.padEnd(9)} ${child.url.padEnd(24)} ${child.logFile}`),
		`    Postgres  127.0.0.1:${queue.postgres.port}   Redis 127.0.0.1:${queue.redis.port}   data: ${queue.dir}`,
		'',
		'  Sandbox APIs (fixed local keys, not real ones):',
		...queue.sandbox.services.map((service) => `    ${service.title.padEnd(12)} ${service.url}   credential "${service.credentials.name}"`),
		'',
		`  Example workflows (${queue.workflows.length}); executions run on the workers.`,
		'  Press Ctrl-C to stop every process and server.',
		'='.repeat(72),
		'',
	];
	log(lines.join('\n'));
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const started: { queue?: RunningQueue } = {};
	let stopping = false;
	const stopAll = (why: string): void => {
		// Ctrl-C reaches npm and this process at once: one stop is enough.
		if (stopping) return;
		stopping = true;
		log(`\n[start:queue] ${why}: stopping n8n, the sandbox, Redis and Postgres ...`);
		if (!started.queue) process.exit(130);
		started.queue
			.stop()
			.then(() => {
				log('[start:queue] stopped.');
				process.exit(0);
			})
			.catch((error: unknown) => {
				console.error(error);
				process.exit(1);
			});
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stopAll(signal));

	const queue = await startQueue({
		dir: statePath('queue'),
		fresh: process.argv.includes('--fresh'),
		mainPort: MAIN_PORT,
		sandboxPorts: 'default',
		workers: WORKERS,
		workerConcurrency: WORKER_CONCURRENCY,
	});
	started.queue = queue;
	if (stopping) return;
	banner(queue, startedAt);
	const gone = await queue.exited;
	stopAll(`n8n ${gone} exited by itself`);
}

main().catch((error: unknown) => {
	console.error(`\n[start:queue] failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
