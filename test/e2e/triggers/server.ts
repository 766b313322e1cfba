/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * A running `n8n start` for the trigger tests: the user folder the e2e run prepared (package installed, credentials and
 * workflows imported), n8n's HTTP server on a free 127.0.0.1 port, and WEBHOOK_URL pointing there, so the webhook URLs
 * n8n registers are ones the sandbox can call.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import type { N8nContext } from '../../../dev/real-n8n/n8n';
import { ownerEnv } from '../../../dev/real-n8n/owner';
import { N8nRest } from '../../../dev/real-n8n/rest';
import { freePort, killTree, sleep, waitForExit } from '../../../dev/real-n8n/util';

export interface RunningN8n {
	url: string;
	rest: N8nRest;
	/** Where n8n's output goes. */
	logFile: string;
	stop(): Promise<void>;
}

export async function startN8nServer(ctx: N8nContext): Promise<RunningN8n> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const logFile = path.join(ctx.userFolder, 'n8n-start.log');
	const fd = fs.openSync(logFile, 'w');
	const child = spawn(ctx.runtime.nodeBin, [ctx.runtime.n8nBin, 'start'], {
		cwd: ctx.userFolder,
		env: {
			...ctx.env,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			WEBHOOK_URL: `${url}/`,
			N8N_EDITOR_BASE_URL: `${url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			...ctx.runtime.release.startEnv,
			...ownerEnv(ctx.runtime),
		},
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	const killOnExit = () => killTree(child, 'SIGKILL');
	process.once('exit', killOnExit);
	const stop = async () => {
		killTree(child, 'SIGTERM');
		await waitForExit(child, 15000);
		process.removeListener('exit', killOnExit);
	};
	try {
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n start exited (see ${logFile})`);
			if (Date.now() > deadline) throw new Error(`n8n start did not answer within 180 s (see ${logFile})`);
			try {
				if ((await fetch(`${url}/rest/settings`)).ok) break;
			} catch {
				// not listening yet
			}
			await sleep(500);
		}
		const rest = ctx.runtime.release.ownerFromEnv ? await N8nRest.login(url) : await N8nRest.setUpOwner(url);
		return { url, rest, logFile, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
