/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * Small process, file and network helpers shared by the real-n8n scripts (start, e2e, screenshots).
 * Everything listens on and talks to 127.0.0.1 only.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

/** The repository root: the nearest folder upwards whose package.json is this package. */
export function repoRoot(): string {
	let dir = __dirname;
	for (;;) {
		const pkgFile = path.join(dir, 'package.json');
		if (fs.existsSync(pkgFile)) {
			const pkg = readJson(pkgFile);
			if (isRecord(pkg) && pkg.name === 'n8n-nodes-lead-capture') return dir;
		}
		const parent = path.dirname(dir);
		if (parent === dir) throw new Error(`Cannot find the n8n-nodes-lead-capture repository above ${__dirname}`);
		dir = parent;
	}
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readJson(file: string): unknown {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

export function writeJson(file: string, value: unknown): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, JSON.stringify(value, null, '\t') + '\n');
}

export function log(message: string): void {
	process.stdout.write(`${message}\n`);
}

export function elapsedSince(startMs: number): string {
	return `${((Date.now() - startMs) / 1000).toFixed(1)} s`;
}

export interface RunResult {
	code: number;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Append stdout and stderr to this file instead of only keeping them in memory. */
	logFile?: string;
	/** Kill the process after this many milliseconds. */
	timeoutMs?: number;
}

/** Runs a command to completion, capturing its output. Never rejects on a non-zero exit: check `code`. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const spawnOptions: SpawnOptions = {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		};
		const child = spawn(command, args, spawnOptions);
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		const logStream = options.logFile ? fs.createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		child.stdout?.on('data', (chunk: Buffer) => {
			out.push(chunk);
			logStream?.write(chunk);
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			err.push(chunk);
			logStream?.write(chunk);
		});
		let timer: NodeJS.Timeout | undefined;
		if (options.timeoutMs !== undefined) {
			timer = setTimeout(() => killTree(child, 'SIGKILL'), options.timeoutMs);
		}
		child.on('error', (error) => {
			if (timer) clearTimeout(timer);
			logStream?.end();
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			logStream?.end();
			resolve({
				code: code ?? (signal ? 128 : 1),
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			});
		});
	});
}

/** Like `run`, but throws with the tail of the output when the command fails. */
export async function runOrThrow(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const result = await run(command, args, options);
	if (result.code !== 0) {
		const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-40).join('\n');
		throw new Error(`\`${command} ${args.join(' ')}\` failed with exit code ${result.code}:\n${tail}`);
	}
	return result;
}

/**
 * Runs a slow step, printing what it is and the elapsed seconds every `everyMs`, with the
 * command's own output sent to `logFile` (shown in part only on failure).
 */
export async function runWithProgress(
	label: string,
	command: string,
	args: string[],
	options: RunOptions & { logFile: string; everyMs?: number },
): Promise<RunResult> {
	const start = Date.now();
	log(`  ${label} ...`);
	const timer = setInterval(() => {
		log(`    ... ${label}: ${Math.round((Date.now() - start) / 1000)} s`);
	}, options.everyMs ?? 15000);
	try {
		const result = await run(command, args, options);
		if (result.code !== 0) {
			const tail = (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-40).join('\n');
			throw new Error(
				`${label} failed (exit code ${result.code}); full log: ${options.logFile}\n${tail}`,
			);
		}
		log(`  ${label}: done in ${elapsedSince(start)}`);
		return result;
	} finally {
		clearInterval(timer);
	}
}

/** Kills a child started with `detached: true` together with its own children (its process group). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** Waits for a child to exit, killing it (SIGKILL) when it has not after `graceMs`. */
export function waitForExit(child: ChildProcess, graceMs: number): Promise<void> {
	return new Promise((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) {
			resolve();
			return;
		}
		const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			if (address === null || typeof address === 'string') {
				server.close();
				reject(new Error('no port'));
				return;
			}
			const { port } = address;
			server.close(() => resolve(port));
		});
	});
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.setTimeout(1000);
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
		socket.once('error', () => resolve(false));
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
