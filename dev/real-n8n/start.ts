/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm start`: the real n8n editor at http://localhost:5678 with this package installed from its
 * npm pack tarball (as Settings > Community Nodes installs it), the SendKit and KickoffLabs
 * sandboxes on ports 5680/5681 with fixed keys, their credentials and the example workflows.
 *
 *   node .build/dev/real-n8n/start.js [--fresh]
 *
 * --fresh   start from an empty n8n user folder (new database); otherwise .cache/n8n-user is reused
 *           and only the package, the two credentials and the example workflows are re-imported.
 * Ctrl-C stops n8n and the sandbox.
 */
import * as path from 'path';
import { startEditor, type RunningEditor } from './editor';
import { OWNER_EMAIL, OWNER_PASSWORD } from './owner';
import { N8N_VERSION, cacheRoot } from './runtime';
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
		`    Inspect requests: curl ${sandbox.services[0].url}/__sandbox/requests   reset: curl -X POST ${sandbox.services[0].url}/__sandbox/reset`,
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
	const editor = await startEditor({
		port: N8N_PORT,
		sandboxPorts: 'default',
		userFolder: path.join(cacheRoot(), 'n8n-user'),
		fresh,
		n8nOutput: 'inherit',
	});
	banner(editor, startedAt);

	let signals = 0;
	const onSignal = (signal: NodeJS.Signals): void => {
		signals++;
		if (signals > 1) {
			log(`[start] ${signal} again: killing n8n now`);
			editor.n8n.kill('SIGKILL');
			process.exit(130);
		}
		log(`\n[start] ${signal}: stopping n8n and the sandbox ...`);
		editor
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
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	process.on('SIGHUP', onSignal);

	const code = await editor.exited;
	if (signals === 0) {
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
