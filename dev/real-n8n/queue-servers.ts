/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * The two servers n8n's queue mode needs, from Debian's packages, each on a free 127.0.0.1 port with its data in a
 * folder of its own: Postgres 15 (workflows, credentials, executions, static data) and Redis (the queue).
 * Postgres refuses to run as root, so under root it runs as the `postgres` user Debian's package creates.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { freePort, killTree, log, portInUse, runOrThrow, sleep, waitForExit } from './util';

export interface RunningServer {
	port: number;
	logFile: string;
	stop(): Promise<void>;
}

const POSTGRES_BIN_DIRS = ['/usr/lib/postgresql/15/bin', '/usr/local/bin', '/usr/bin'];

function findBinary(name: string, dirs: string[], hint: string): string {
	for (const dir of dirs) {
		const file = path.join(dir, name);
		if (fs.existsSync(file)) return file;
	}
	throw new Error(`${name} not found in ${dirs.join(', ')}: ${hint}`);
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** The command line that runs `argv` as the `postgres` user when this process is root. */
function asPostgresUser(argv: string[]): string[] {
	return isRoot() ? ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups', ...argv] : argv;
}

function spawnServer(argv: string[], logFile: string, cwd?: string): ChildProcess {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(argv[0], argv.slice(1), { stdio: ['ignore', fd, fd], detached: true, cwd });
	fs.closeSync(fd);
	// Should this process die without stopping it, do not leave the server behind.
	process.once('exit', () => killTree(child, 'SIGKILL'));
	return child;
}

async function waitForPort(port: number, child: ChildProcess, what: string, logFile: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	while (!(await portInUse(port))) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited during start-up (see ${logFile})`);
		if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within 60 s (see ${logFile})`);
		await sleep(200);
	}
}

/** Starts a server and waits until it listens; `stopSignal` is the one that makes it shut down cleanly. */
async function startServer(
	what: string,
	argv: string[],
	port: number,
	logFile: string,
	stopSignal: NodeJS.Signals,
	cwd?: string,
): Promise<RunningServer> {
	const child = spawnServer(argv, logFile, cwd);
	let stopping: Promise<void> | undefined;
	const stop = (): Promise<void> => {
		stopping ??= (async () => {
			killTree(child, stopSignal);
			await waitForExit(child, 15_000);
		})();
		return stopping;
	};
	try {
		await waitForPort(port, child, what, logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, logFile, stop };
}

/**
 * Where Postgres keeps its cluster. Under root it runs as `postgres`, which cannot enter a folder below a private one
 * (a fresh `mktemp -d` clone, or /root itself), so the cluster then lives in a folder of the system's temp directory
 * named after `dir` (the same one on every start); otherwise in `dir`.
 */
function postgresHome(dir: string): string {
	if (!isRoot()) return dir;
	const name = `lead-capture-postgres-${createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16)}`;
	return path.join(os.tmpdir(), name);
}

/**
 * Postgres with its cluster in `<dir>/data` (created on the first start, or anew with `fresh`; the user `postgres`,
 * trusted locally).
 */
export async function startPostgres(requestedDir: string, { fresh }: { fresh: boolean }): Promise<RunningServer> {
	const hint = 'queue mode needs PostgreSQL (Debian: apt-get install -y postgresql)';
	const initdb = findBinary('initdb', POSTGRES_BIN_DIRS, hint);
	const postgres = findBinary('postgres', POSTGRES_BIN_DIRS, hint);
	const dir = postgresHome(requestedDir);
	if (fresh) fs.rmSync(dir, { recursive: true, force: true });
	const data = path.join(dir, 'data');
	fs.mkdirSync(dir, { recursive: true });
	if (isRoot()) await runOrThrow('chown', ['-R', 'postgres:postgres', dir]);
	const logFile = path.join(dir, 'postgres.log');
	if (!fs.existsSync(path.join(data, 'PG_VERSION'))) {
		log('[queue] creating the Postgres cluster (first start only) ...');
		const [command, ...args] = asPostgresUser([initdb, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '-D', data]);
		await runOrThrow(command, args, { cwd: dir });
	}
	const port = await freePort();
	// The socket in the data folder: the system one (/var/run/postgresql) may not exist or be writable. SIGINT is
	// Postgres's "fast" shutdown: it ends the sessions and stops at once.
	const argv = asPostgresUser([postgres, '-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${data}`]);
	return await startServer('Postgres', argv, port, logFile, 'SIGINT', dir);
}

/** Redis with nothing saved to disk: the queue only lives as long as the setup. */
export async function startRedis(dir: string): Promise<RunningServer> {
	const redis = findBinary('redis-server', ['/usr/bin', '/usr/local/bin'], 'queue mode needs Redis (Debian: apt-get install -y redis-server)');
	fs.mkdirSync(dir, { recursive: true });
	const logFile = path.join(dir, 'redis.log');
	const port = await freePort();
	const argv = [redis, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
	return await startServer('Redis', argv, port, logFile, 'SIGTERM');
}
