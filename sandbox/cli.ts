/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * Runs the sandbox with fixed keys until SIGINT/SIGTERM (or --ttl-seconds N), for a real n8n process or a person.
 * Ports: <PREFIX>_SANDBOX_PORT per service (SENDKIT_SANDBOX_PORT, default 5680; KICKOFFLABS_SANDBOX_PORT, default 5681).
 * --faults JSON applies the same faults (the body of POST /__sandbox/faults) to every service from the start.
 * --variants JSON sets switches for what the docs leave open, per service: {"sendKit":{"listOrder":"newestFirst"}}
 * (the body of POST /__sandbox/variants, under the service's name); unknown services, switches or values are refused.
 * Output is KEY=value lines, readable and easy to source or grep.
 */
import { faultsSchema } from './core/control';
import type { Faults } from './core/types';
import { startSandbox, type RunningSandbox } from './index';
import { SERVICES, type ServiceName } from './services';

export interface CliOptions {
	ports: Record<ServiceName, number>;
	ttlSeconds?: number;
	faults?: Faults;
	variants?: Record<string, unknown>;
}

export function parseCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions {
	const ports = {} as Record<ServiceName, number>;
	for (const service of SERVICES) {
		const name = `${service.envPrefix}_SANDBOX_PORT`;
		ports[service.name] = portFrom(env[name], service.defaultPort, name);
	}
	const ttl = flagValue(argv, '--ttl-seconds');
	const faults = flagValue(argv, '--faults');
	const variants = flagValue(argv, '--variants');
	return {
		ports,
		ttlSeconds: ttl === undefined ? undefined : ttlFrom(ttl),
		faults: faults === undefined ? undefined : faultsFrom(faults),
		variants: variants === undefined ? undefined : variantsFrom(variants),
	};
}

function portFrom(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value.trim() === '') return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number, got "${value}"`);
	return port;
}

/** `--flag value` or `--flag=value`; undefined when the flag is absent. */
function flagValue(argv: readonly string[], flag: string): string | undefined {
	const index = argv.findIndex((arg) => arg === flag || arg.startsWith(`${flag}=`));
	if (index === -1) return undefined;
	const arg = argv[index];
	return (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1]) ?? '';
}

function ttlFrom(value: string): number {
	const seconds = Number(value);
	if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw new Error(`--ttl-seconds needs a positive number, got "${value}"`);
	return seconds;
}

function faultsFrom(value: string): Faults {
	const json = parseJson(value);
	if (json === undefined) throw new Error(`--faults needs JSON, got "${value}"`);
	const faults = faultsSchema.safeParse(json);
	if (!faults.success) throw new Error(`--faults: ${faults.error.issues[0]?.message ?? 'invalid faults'}`);
	return faults.data;
}

function variantsFrom(value: string): Record<string, unknown> {
	const json = parseJson(value);
	if (!isRecord(json)) throw new Error(`--variants needs a JSON object keyed by service name, got "${value}"`);
	return json;
}

/** Applies `--variants` to the running services; a name that is no service with switches is an error, not ignored. */
export function applyVariants(sandbox: RunningSandbox, variants: Record<string, unknown>): void {
	for (const [name, values] of Object.entries(variants)) {
		const service = sandbox.services.find((candidate) => candidate.name === name);
		const switches = service && 'variants' in service.store ? service.store.variants : undefined;
		if (!switches) throw new Error(`--variants: "${name}" is not a service with variant switches`);
		const result = switches.parseAndSet(values);
		if (!result.ok) throw new Error(`--variants ${name}: ${result.error}`);
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

export function describeSandbox(sandbox: RunningSandbox): string {
	return sandbox.services.flatMap((service) => Object.entries(service.env).map(([name, value]) => `${name}=${value}`)).join('\n');
}

async function main(): Promise<void> {
	const options = parseCliOptions(process.argv.slice(2), process.env);
	const sandbox = await startSandbox({ keys: 'fixed', ports: options.ports });
	if (options.faults) for (const service of sandbox.services) service.control.setFaults(options.faults);
	if (options.variants) applyVariants(sandbox, options.variants);
	console.log(describeSandbox(sandbox));
	console.log('# control on every URL: GET /__sandbox/requests, GET /__sandbox/stats, POST /__sandbox/faults, POST /__sandbox/reset, GET|POST /__sandbox/variants');

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
