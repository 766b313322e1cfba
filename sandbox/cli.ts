/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * Runs the sandbox with fixed keys until SIGINT/SIGTERM (or --ttl-seconds N), for a real n8n process or a person.
 * Ports: SENDKIT_SANDBOX_PORT (default 5680) and KICKOFFLABS_SANDBOX_PORT (default 5681).
 * Output is KEY=value lines, readable and easy to source or grep.
 */
import { startSandbox, type RunningSandbox } from './index';

export interface CliOptions {
	sendKitPort: number;
	kickoffLabsPort: number;
	ttlSeconds?: number;
}

export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
	return {
		sendKitPort: portFrom(env.SENDKIT_SANDBOX_PORT, 5680, 'SENDKIT_SANDBOX_PORT'),
		kickoffLabsPort: portFrom(env.KICKOFFLABS_SANDBOX_PORT, 5681, 'KICKOFFLABS_SANDBOX_PORT'),
		ttlSeconds: ttlFrom(argv),
	};
}

function portFrom(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value.trim() === '') return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
	return port;
}

function ttlFrom(argv: readonly string[]): number | undefined {
	const index = argv.findIndex((arg) => arg === '--ttl-seconds' || arg.startsWith('--ttl-seconds='));
	if (index === -1) return undefined;
	const arg = argv[index];
	const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`--ttl-seconds needs a positive number, got "${value ?? ''}"`);
	return seconds;
}

export function describeSandbox(sandbox: RunningSandbox): string {
	const { sendKit, kickoffLabs } = sandbox;
	return [
		`SENDKIT_URL=${sendKit.url}`,
		`SENDKIT_WORKSPACE_KEY=${sendKit.workspaceKey}`,
		`SENDKIT_PLATFORM_KEY=${sendKit.platformKey}`,
		`SENDKIT_WORKSPACE_ID=${sendKit.workspaceId}`,
		`SENDKIT_OTHER_WORKSPACE_ID=${sendKit.otherWorkspaceId}`,
		`KICKOFFLABS_URL=${kickoffLabs.url}`,
		`KICKOFFLABS_API_KEY=${kickoffLabs.apiKey}`,
		`KICKOFFLABS_CAMPAIGN_ID=${kickoffLabs.defaultCampaignId}`,
		`KICKOFFLABS_OTHER_CAMPAIGN_ID=${kickoffLabs.otherCampaignId}`,
	].join('\n');
}

async function main(): Promise<void> {
	const options = parseCliOptions(process.argv.slice(2), process.env);
	const sandbox = await startSandbox({ keys: 'fixed', sendKitPort: options.sendKitPort, kickoffLabsPort: options.kickoffLabsPort });
	console.log(describeSandbox(sandbox));
	console.log(`# control: GET /__sandbox/requests, POST /__sandbox/faults, POST /__sandbox/reset on both URLs`);

	// The servers are unref'd so tests can exit freely; this timer is what keeps the CLI running.
	const keepAlive = setInterval(() => undefined, 60_000);
	let stopping = false;
	const stop = async (reason: string): Promise<void> => {
		if (stopping) return;
		stopping = true;
		console.log(`# stopping (${reason})`);
		clearInterval(keepAlive);
		await sandbox.close();
	};
	process.once('SIGINT', () => void stop('SIGINT'));
	process.once('SIGTERM', () => void stop('SIGTERM'));
	if (options.ttlSeconds !== undefined) setTimeout(() => void stop(`ttl ${options.ttlSeconds}s`), options.ttlSeconds * 1000).unref();
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
}
