/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm start`: the real n8n editor at http://localhost:5678 with this package installed from its
 * npm pack tarball (as Settings > Community Nodes installs it), the SendKit and KickoffLabs
 * sandboxes on ports 5680/5681 (and the fake chat model on 5682) with fixed keys, their credentials and the example workflows.
 *
 *   node .build/dev/real-n8n/start.js [--fresh]
 *
 * --fresh   start from an empty n8n user folder (new database); otherwise .cache/n8n-user (statePath) is reused
 *           and only the package, the two credentials and the example workflows are re-imported.
 * Ctrl-C stops n8n and the sandbox.
 */
import { startEditor, type RunningEditor } from './editor';
import { OWNER_EMAIL, OWNER_PASSWORD } from './owner';
import { N8N_VERSION, statePath } from './runtime';
import { elapsedSince, log, repoRoot } from './util';

const N8N_PORT = 5678;

function banner(editor: RunningEditor, startedAt: number): void {
	const { sandbox } = editor;
	const lines = [
		'',
		'='.repeat(72),
		`  n8n ${N8N_VERSION} is running with ${editor.installed.name}@${editor.installed.version}   (ready in ${elapsedSince(startedAt)})`,
		'',
		`  Editor:    ${editor.url}`,
		`  Login:     ${OWNER_EMAIL}`,
		`  Password:  ${OWNER_PASSWORD}`,
		'',
		'  Sandbox APIs (fixed local keys, not real ones), each with an n8n credential that points at it:',
		...sandbox.services.map((service) => `    ${service.title.padEnd(12)} ${service.url}   credential "${service.credentials.name}"`),
		...sandbox.services.flatMap((service) => Object.entries(service.env).map(([name, value]) => `      ${name}=${value}`)),
		`    Inspect requests: curl ${sandbox.services[0].url}/__sandbox/requests`,
		'',
		'  Running an example again sends its signups to Existing Lead (they exist now).',
		'  To start over, reset the sandboxes to their seed data (no n8n restart needed):',
		`    ${sandbox.services.map((service) => `curl -X POST ${service.url}/__sandbox/reset`).join('; ')}`,
		'',
		editor.workflows.length > 0
			? `  Example workflows (${editor.workflows.length}):`
			: '  No example workflows yet (examples/*.json).',
		...editor.workflows.map((workflow) => `    ${editor.url}/workflow/${workflow.id}   ${workflow.name}`),
		'',
		'  Press Ctrl-C to stop n8n and the sandbox.',
		'='.repeat(72),
		'',
	];
	log(lines.join('\n'));
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const fresh = process.argv.includes('--fresh');
	// `npm start` runs this file with `exec` (package.json), so npm forwards SIGINT and SIGTERM sent to
	// the npm process straight here. Ctrl-C in a terminal reaches both npm and this process, so the same
	// signal usually arrives twice at once: only a repeat a few seconds later means "stop faster".
	// Installed before anything starts: a signal during start-up exits, and n8n, if already spawned, is
	// killed by startEditor's exit hook (the sandbox runs in this process).
	const started: { editor?: RunningEditor } = {};
	let firstSignalAt = 0;
	const stopAll = (why: string): void => {
		log(`\n[start] ${why}: stopping n8n and the sandbox ...`);
		if (!started.editor) process.exit(130);
		started.editor
			.stop()
			.then(() => {
				log('[start] stopped.');
				process.exit(0);
			})
			.catch((error: unknown) => {
				console.error(error);
				process.exit(1);
			});
	};
	const onSignal = (signal: NodeJS.Signals): void => {
		if (firstSignalAt === 0) {
			firstSignalAt = Date.now();
			stopAll(signal);
			return;
		}
		if (Date.now() - firstSignalAt < 2000) return;
		log(`[start] ${signal} again: killing n8n now`);
		started.editor?.n8n.kill('SIGKILL');
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);
	// Should npm (or whatever started this) die without passing a signal on, do not outlive it.
	const parent = process.ppid;
	const watchParent = setInterval(() => {
		if (process.ppid !== parent && firstSignalAt === 0) {
			firstSignalAt = Date.now();
			stopAll(`parent process ${parent} is gone`);
		}
	}, 1000);
	watchParent.unref();

	const editor = await startEditor({
		port: N8N_PORT,
		sandboxPorts: 'default',
		userFolder: statePath('n8n-user'),
		fresh,
		n8nOutput: 'inherit',
	});
	started.editor = editor;
	banner(editor, startedAt);

	const code = await editor.exited;
	if (firstSignalAt === 0) {
		log(`[start] n8n exited by itself (code ${code}); stopping the sandbox.`);
		await editor.stop();
		process.exit(code);
	}
}

main().catch((error: unknown) => {
	console.error(`\n[start] failed: ${error instanceof Error ? error.message : String(error)}`);
	if (error instanceof Error && process.env.DEBUG) console.error(error.stack);
	console.error(`[start] repository: ${repoRoot()}`);
	process.exit(1);
});
