/* eslint-disable @n8n/community-nodes/require-node-api-error -- development tooling: runs in plain Node, not inside n8n */
/**
 * Local emulators of the SendKit and KickoffLabs lead APIs, for tests, the demo and a real n8n instance.
 * Behaviour follows the public API docs and the response examples field for field; what the docs leave open is marked
 * INFERRED where it is decided. The services are listed once, in ./services.ts.
 */
import type { KeyMode } from './core/keys';
import type { N8nCredential } from './core/service';
import { SERVICES, type RunningServiceOf, type RunningServices, type SandboxService, type ServiceName } from './services';

export type * from './core/types';
export type { KeyMode } from './core/keys';
export type { N8nCredential, RunningService, ServiceDescriptor } from './core/service';
export { SERVICES } from './services';
export type { RunningServices, SandboxService, ServiceName } from './services';

export interface SandboxOptions {
	/**
	 * Ports by service name. 'default': each service's fixed port (SendKit 5680, KickoffLabs 5681, as `npm run
	 * sandbox` and `npm start` use); an object: those ports, a missing or 0 one a random free port (the default).
	 */
	ports?: 'default' | Partial<Record<ServiceName, number>>;
	/** 'fixed': the same readable keys on every start; 'random' (default): fresh keys per start. */
	keys?: KeyMode;
}

export type AnyRunningService = RunningServiceOf<SandboxService>;

export type RunningSandbox = RunningServices & {
	/** Every service, in registry order. */
	services: AnyRunningService[];
	close(): Promise<void>;
};

export function servicePort(service: SandboxService, ports: SandboxOptions['ports']): number {
	if (ports === 'default') return service.defaultPort;
	return ports?.[service.name] ?? 0;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
	const started: AnyRunningService[] = [];
	try {
		for (const service of SERVICES) {
			started.push(await service.start({ port: servicePort(service, options.ports), keys: options.keys ?? 'random' }));
		}
	} catch (error) {
		await Promise.all(started.map((service) => service.close()));
		throw error;
	}
	const byName = Object.fromEntries(started.map((service) => [service.name, service])) as unknown as RunningServices;
	return {
		...byName,
		services: started,
		close: async () => {
			await Promise.all(started.map((service) => service.close()));
		},
	};
}

/** Every service's n8n credential (type, name, id, data), in registry order. */
export function sandboxCredentials(sandbox: Pick<RunningSandbox, 'services'>): N8nCredential[] {
	return sandbox.services.map((service) => service.credentials);
}
