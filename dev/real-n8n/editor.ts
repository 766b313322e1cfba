/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * Starts the real n8n editor with this package installed, the sandbox APIs and their credentials,
 * and the example workflows imported. Used by `npm start` and by the screenshot script.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SERVICES, startSandbox, type RunningSandbox } from '../../sandbox';
import {
	importCredentials,
	importWorkflows,
	installThisPackage,
	loadWorkflows,
	makeContext,
	registerCommunityPackage,
	sandboxCredentials,
	type InstalledPackage,
	type WorkflowFile,
} from './n8n';
import { ownerEnv } from './owner';
import { N8nRest } from './rest';
import { activateTriggerWorkflows } from './triggers';
import { ensureRuntime, type Runtime } from './runtime';
import { elapsedSince, freePort, killTree, log, portInUse, repoRoot, sleep, waitForExit } from './util';

export interface EditorOptions {
	/** n8n's HTTP port (the editor URL is http://localhost:<port>). */
	port: number;
	/** 'default': every sandbox service on its fixed port (5680, 5681, …); 'free': random free ports. */
	sandboxPorts: 'default' | 'free';
	userFolder: string;
	/** Delete the user folder first (new database, no leftovers from earlier runs). */
	fresh: boolean;
	/** 'inherit': n8n's log goes to this terminal; a path: appended to that file. */
	n8nOutput: 'inherit' | string;
}

export interface RunningEditor {
	url: string;
	runtime: Runtime;
	sandbox: RunningSandbox;
	installed: InstalledPackage;
	workflows: WorkflowFile[];
	n8n: ChildProcess;
	/** Resolves with n8n's exit code (or 1 when killed by a signal). */
	exited: Promise<number>;
	/** Stops n8n (SIGTERM to its process group, SIGKILL after a grace period) and the sandbox. */
	stop(): Promise<void>;
}

async function assertPortsFree(ports: Record<string, number>): Promise<void> {
	const busy: string[] = [];
	for (const [what, port] of Object.entries(ports)) {
		if (await portInUse(port)) busy.push(`${port} (${what})`);
	}
	if (busy.length > 0) {
		throw new Error(
			`port(s) already in use: ${busy.join(', ')}. Is another \`npm start\` (or n8n) running? Stop it first.`,
		);
	}
}

async function waitForEditor(url: string, n8n: ChildProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (n8n.exitCode !== null || n8n.signalCode !== null) {
			throw new Error(`n8n exited during start-up (exit code ${String(n8n.exitCode ?? n8n.signalCode)})`);
		}
		try {
			const response = await fetch(`${url}/rest/settings`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
	throw new Error(`n8n did not answer at ${url} within ${timeoutMs / 1000} s`);
}

export async function startEditor(options: EditorOptions): Promise<RunningEditor> {
	const root = repoRoot();
	const url = `http://localhost:${options.port}`;
	const sandboxPorts = options.sandboxPorts === 'default' ? SERVICES.map((service) => [`${service.title} sandbox`, service.defaultPort]) : [];
	await assertPortsFree({ n8n: options.port, ...Object.fromEntries(sandboxPorts) });

	const runtime = await ensureRuntime();

	let step = Date.now();
	if (options.fresh) fs.rmSync(options.userFolder, { recursive: true, force: true });
	fs.mkdirSync(options.userFolder, { recursive: true });
	const installed = await installThisPackage(runtime, options.userFolder);
	log(`[start] installed ${installed.name}@${installed.version} from its npm pack tarball into ` +
		`${path.relative(root, installed.folder)} (${elapsedSince(step)})`);

	const sandbox = await startSandbox({ ports: options.sandboxPorts === 'default' ? 'default' : {}, keys: 'fixed' });
	let n8n: ChildProcess | undefined;
	try {
		const env = {
			N8N_PORT: String(options.port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `${url}/`,
			// The URL trigger nodes register with the sandbox: an address the sandbox reaches whatever localhost means.
			WEBHOOK_URL: `http://127.0.0.1:${options.port}/`,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			// Its start-up refresh fetches api.n8n.io, which is unreachable here, and logs a stack trace.
			N8N_DISABLED_MODULES: 'mcp-registry',
			...ownerEnv(runtime),
		};
		const ctx = makeContext(runtime, options.userFolder, env);

		step = Date.now();
		const credentials = sandboxCredentials(sandbox);
		await importCredentials(ctx, credentials);
		const workflows = loadWorkflows(path.join(root, 'examples'));
		await importWorkflows(ctx, workflows);
		log(`[start] imported ${credentials.length} sandbox credentials and ${workflows.length} example workflow(s) (${elapsedSince(step)})`);
		// So Settings > Community Nodes lists it, with its version and Update / Uninstall, as after an install there.
		const registered = await registerCommunityPackage(ctx, installed);
		log(`[start] registered ${installed.name}@${installed.version} (${registered.map((node) => node.name).join(', ')}) ` +
			'in n8n\'s database as an installed community package');

		step = Date.now();
		log('[start] starting n8n ...');
		let stdio: ['ignore', 'inherit' | number, 'inherit' | number] = ['ignore', 'inherit', 'inherit'];
		if (options.n8nOutput !== 'inherit') {
			const fd = fs.openSync(options.n8nOutput, 'a');
			stdio = ['ignore', fd, fd];
		}
		// Its own process group, so a stop reaches n8n's task runners too.
		const child = spawn(runtime.nodeBin, [runtime.n8nBin, 'start'], {
			cwd: options.userFolder,
			env: ctx.env,
			stdio,
			detached: true,
		});
		n8n = child;
		const exited = new Promise<number>((resolve) => {
			child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		});
		// Should this process die without stopping it, do not leave n8n behind.
		const killOnExit = () => killTree(child, 'SIGKILL');
		process.once('exit', killOnExit);

		await waitForEditor(`http://127.0.0.1:${options.port}`, child, 180000);
		// Logs in with the printed credentials, so a wrong owner set-up fails here and not in the browser. On a cold first
		// start n8n answers /rest/settings before its login route is mounted (seen: 404 "Cannot POST /rest/login"), so
		// the login is tried again for a while.
		const rest = await N8nRest.login(`http://127.0.0.1:${options.port}`, 180_000);
		log(`[start] n8n is up (${elapsedSince(step)})`);
		// Trigger examples work only when active: n8n then registers their webhooks with the sandbox.
		const activated = await activateTriggerWorkflows(rest, workflows);
		if (activated.length > 0) log(`[start] activated ${activated.map((workflow) => workflow.name).join(', ')}`);

		let stopping: Promise<void> | undefined;
		const stop = (): Promise<void> => {
			stopping ??= (async () => {
				killTree(child, 'SIGTERM');
				await waitForExit(child, 15000);
				process.removeListener('exit', killOnExit);
				await sandbox.close();
			})();
			return stopping;
		};
		return { url, runtime, sandbox, installed, workflows, n8n: child, exited, stop };
	} catch (error) {
		if (n8n) {
			killTree(n8n, 'SIGTERM');
			await waitForExit(n8n, 15000);
		}
		await sandbox.close();
		throw error;
	}
}
