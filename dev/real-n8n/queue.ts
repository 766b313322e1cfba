/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * n8n in queue mode on this machine, for `npm run start:queue` and `npm run test:e2e:queue`: Postgres and Redis
 * (./queue-servers), the sandbox APIs, and four n8n processes of the cached runtime sharing one database and one
 * queue: a main (editor, activation, polling triggers), a webhook processor (receives production webhook calls and
 * queues their executions) and workers (run every execution). Each process has its own user folder with this package
 * installed from its npm pack tarball, as a custom image or a shared nodes folder gives every process in production.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { startSandbox, type RunningSandbox } from '../../sandbox';
import {
	importCredentials,
	importWorkflows,
	installThisPackage,
	loadWorkflows,
	makeContext,
	sandboxCredentials,
	type InstalledPackage,
	type N8nContext,
	type WorkflowFile,
} from './n8n';
import { ownerEnv } from './owner';
import { startPostgres, startRedis, type RunningServer } from './queue-servers';
import { N8nRest } from './rest';
import { ensureRuntime, type Runtime } from './runtime';
import { activateTriggerWorkflows } from './triggers';
import { elapsedSince, freePort, killTree, log, repoRoot, sleep, waitForExit } from './util';

export interface QueueOptions {
	/** The setup's folder: Postgres's data, Redis's, each process's user folder and log. */
	dir: string;
	/** Delete `dir` first (a new database). */
	fresh: boolean;
	/** The main process's port (the editor); 0: a free one. */
	mainPort: number;
	/** 'default': the sandbox services on their fixed ports, as `npm start`; 'free': random free ports. */
	sandboxPorts: 'default' | 'free';
	workers: number;
	/** Executions each worker runs at the same time (`n8n worker --concurrency`). */
	workerConcurrency: number;
	/** Workflows to import besides the examples. */
	extraWorkflows?: WorkflowFile[];
}

export type ProcessKind = 'main' | 'webhook' | 'worker';

export interface N8nProcess {
	/** main, webhook, worker-1, worker-2, … */
	name: string;
	kind: ProcessKind;
	/** Where its HTTP server answers (for a worker: its health check). */
	url: string;
	logFile: string;
	child: ChildProcess;
	stop(): Promise<void>;
}

export interface RunningQueue {
	dir: string;
	runtime: Runtime;
	sandbox: RunningSandbox;
	installed: InstalledPackage;
	postgres: RunningServer;
	redis: RunningServer;
	/** The editor and REST API. */
	mainUrl: string;
	/** The base URL trigger nodes register: the webhook processor's. */
	webhookUrl: string;
	workflows: WorkflowFile[];
	processes: N8nProcess[];
	rest: N8nRest;
	/** Stops the main process and starts it again on the same port (as a redeploy does). */
	restartMain(): Promise<void>;
	/** Resolves with the name of the first n8n process that exited. */
	exited: Promise<string>;
	/** Stops every n8n process, the sandbox, Redis and Postgres. */
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 240_000;

async function waitUntilAnswers(url: string, child: ChildProcess, name: string, logFile: string): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n ${name} exited during start-up (see ${logFile})`);
		if (Date.now() > deadline) throw new Error(`n8n ${name} did not answer at ${url} within ${START_TIMEOUT_MS / 1000} s (see ${logFile})`);
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
}

interface ProcessSpec {
	name: string;
	kind: ProcessKind;
	ctx: N8nContext;
	port: number;
	env: NodeJS.ProcessEnv;
	args: string[];
	/** The route that answers once the process is ready. */
	readyRoute: string;
}

async function spawnN8n(spec: ProcessSpec): Promise<N8nProcess> {
	const logFile = path.join(spec.ctx.userFolder, `${spec.name}.log`);
	const fd = fs.openSync(logFile, 'a');
	// Its own process group, so a stop reaches its task runners too.
	const child = spawn(spec.ctx.runtime.nodeBin, [spec.ctx.runtime.n8nBin, ...spec.args], {
		cwd: spec.ctx.userFolder,
		env: { ...spec.ctx.env, ...spec.env },
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	const killOnExit = () => killTree(child, 'SIGKILL');
	process.once('exit', killOnExit);
	let stopping: Promise<void> | undefined;
	const stop = (): Promise<void> => {
		stopping ??= (async () => {
			killTree(child, 'SIGTERM');
			await waitForExit(child, 20_000);
			process.removeListener('exit', killOnExit);
		})();
		return stopping;
	};
	const url = `http://127.0.0.1:${spec.port}`;
	try {
		await waitUntilAnswers(`${url}${spec.readyRoute}`, child, spec.name, logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	return { name: spec.name, kind: spec.kind, url, logFile, child, stop };
}

/** What every process of the setup shares: queue mode, the database, the queue. */
function sharedEnv(postgres: RunningServer, redis: RunningServer, webhookUrl: string): NodeJS.ProcessEnv {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// The URL trigger nodes register: the webhook processor, which the sandbox reaches on 127.0.0.1.
		WEBHOOK_URL: `${webhookUrl}/`,
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		// Its start-up refresh fetches api.n8n.io, which is unreachable here, and logs a stack trace.
		N8N_DISABLED_MODULES: 'mcp-registry',
	};
}

export async function startQueue(options: QueueOptions): Promise<RunningQueue> {
	const root = repoRoot();
	const runtime = await ensureRuntime();
	if (options.fresh) fs.rmSync(options.dir, { recursive: true, force: true });
	fs.mkdirSync(options.dir, { recursive: true });
	const cleanups: Array<() => Promise<void>> = [];
	const stopAll = async (): Promise<void> => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
	};
	try {
		let step = Date.now();
		const postgres = await startPostgres(path.join(options.dir, 'postgres'), { fresh: options.fresh });
		cleanups.push(postgres.stop);
		const redis = await startRedis(path.join(options.dir, 'redis'));
		cleanups.push(redis.stop);
		log(`[queue] Postgres on 127.0.0.1:${postgres.port}, Redis on 127.0.0.1:${redis.port} (${elapsedSince(step)})`);

		const sandbox = await startSandbox({ ports: options.sandboxPorts === 'default' ? 'default' : {}, keys: 'fixed' });
		cleanups.push(() => sandbox.close());

		const mainPort = options.mainPort || (await freePort());
		const webhookPort = await freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const shared = sharedEnv(postgres, redis, webhookUrl);
		const names = ['main', 'webhook', ...Array.from({ length: options.workers }, (_, index) => `worker-${index + 1}`)];
		const contexts = new Map<string, N8nContext>();
		let installed: InstalledPackage | undefined;
		step = Date.now();
		for (const name of names) {
			const userFolder = path.join(options.dir, name);
			fs.mkdirSync(userFolder, { recursive: true });
			installed = await installThisPackage(runtime, userFolder);
			contexts.set(name, makeContext(runtime, userFolder, shared));
		}
		if (!installed) throw new Error('no n8n process to install the package for');
		log(`[queue] installed ${installed.name}@${installed.version} into the user folder of each of ${names.join(', ')} (${elapsedSince(step)})`);

		const mainCtx = contexts.get('main') as N8nContext;
		step = Date.now();
		const credentials = sandboxCredentials(sandbox);
		await importCredentials(mainCtx, credentials);
		const workflows = [...loadWorkflows(path.join(root, 'examples')), ...(options.extraWorkflows ?? [])];
		await importWorkflows(mainCtx, workflows);
		log(`[queue] imported ${credentials.length} sandbox credentials and ${workflows.length} workflow(s) into Postgres (${elapsedSince(step)})`);

		const mainSpec: ProcessSpec = {
			name: 'main',
			kind: 'main',
			ctx: mainCtx,
			port: mainPort,
			args: ['start'],
			readyRoute: '/rest/settings',
			env: {
				N8N_PORT: String(mainPort),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				N8N_EDITOR_BASE_URL: `${mainUrl}/`,
				N8N_SECURE_COOKIE: 'false',
				// Production webhook calls go to the webhook processor only, so the tests see that they do.
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				...ownerEnv(runtime),
			},
		};
		step = Date.now();
		log('[queue] starting n8n: main ...');
		const processes: N8nProcess[] = [await spawnN8n(mainSpec)];
		cleanups.push(() => Promise.all(processes.map((child) => child.stop())).then(() => undefined));
		log(`[queue] main is up (${elapsedSince(step)}); starting the webhook processor and ${options.workers} worker(s) ...`);
		step = Date.now();
		const others: ProcessSpec[] = [];
		others.push({
			name: 'webhook',
			kind: 'webhook',
			ctx: contexts.get('webhook') as N8nContext,
			port: webhookPort,
			args: ['webhook'],
			readyRoute: '/healthz',
			env: { N8N_PORT: String(webhookPort), N8N_RUNNERS_BROKER_PORT: String(await freePort()) },
		});
		for (const name of names.filter((candidate) => candidate.startsWith('worker-'))) {
			const healthPort = await freePort();
			others.push({
				name,
				kind: 'worker',
				ctx: contexts.get(name) as N8nContext,
				port: healthPort,
				args: ['worker', `--concurrency=${options.workerConcurrency}`],
				readyRoute: '/healthz',
				env: {
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				},
			});
		}
		const started = await Promise.allSettled(others.map((spec) => spawnN8n(spec)));
		for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
		const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
		log(`[queue] webhook processor and workers are up (${elapsedSince(step)})`);

		const queue: RunningQueue = {
			dir: options.dir,
			runtime,
			sandbox,
			installed,
			postgres,
			redis,
			mainUrl,
			webhookUrl,
			workflows,
			processes,
			rest: await N8nRest.login(mainUrl, START_TIMEOUT_MS),
			exited: Promise.race(
				processes.map((child) => new Promise<string>((resolve) => child.child.once('exit', () => resolve(child.name)))),
			),
			async restartMain() {
				const index = processes.findIndex((candidate) => candidate.kind === 'main');
				await processes[index].stop();
				processes[index] = await spawnN8n(mainSpec);
				queue.rest = await N8nRest.login(mainUrl, START_TIMEOUT_MS);
			},
			stop: stopAll,
		};
		// Trigger examples work only when active: main then registers their webhooks with the sandbox.
		const activated = await activateTriggerWorkflows(queue.rest, loadWorkflows(path.join(root, 'examples')));
		if (activated.length > 0) log(`[queue] activated ${activated.map((workflow) => workflow.name).join(', ')}`);
		return queue;
	} catch (error) {
		await stopAll();
		throw error;
	}
}
