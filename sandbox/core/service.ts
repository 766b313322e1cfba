/**
 * What one emulated API is to the rest of the project: a descriptor in `sandbox/<service>/index.ts`, listed once in
 * `sandbox/services.ts`. The sandbox, its CLI, `npm start`, the engine helpers and the test world loop over that list.
 */
import { ControlState } from './control';
import type { FaultStatus } from './faults';
import type { KeyMode } from './keys';
import { startApiServer } from './server';
import type { ApiHandler, ControlHandler, SandboxControl } from './types';
import type { AnyVariantSwitches } from './variants';

/** What every store offers the core: a way back to its seeded state, and its switches if it has any. */
type ServiceStore = { reset(): void; readonly variants?: AnyVariantSwitches };

/** A credential as n8n stores it: the credential type's name and its field values. */
export interface N8nCredential {
	/** Stable id: the example workflows reference their credentials by it. */
	id: string;
	/** Name shown in the n8n editor. */
	name: string;
	/** The credential type, e.g. `sendKitApi`. */
	type: string;
	data: Record<string, string>;
}

/** What a service declares; `defineService` adds `start`. */
export interface ServiceSpec<Name extends string, Keys, Store extends ServiceStore, Info extends Record<string, string>> {
	/** Property name on the running sandbox, e.g. `sendKit`. */
	name: Name;
	/** Display name, e.g. `SendKit`. */
	title: string;
	/** Prefix of its environment variables: `<PREFIX>_SANDBOX_PORT` is read, `<PREFIX>_URL` etc. are printed. */
	envPrefix: string;
	/** Port for `npm run sandbox` and `npm start`. */
	defaultPort: number;
	/** Keys and seeded ids: the same readable ones in 'fixed' mode, fresh keys in 'random' mode. */
	keys(mode: KeyMode): Keys;
	createStore(keys: Keys): Store;
	handler(store: Store, keys: Keys): ApiHandler;
	/** Control routes of this service only, under /__sandbox/ next to the shared ones (requests, faults, reset). */
	control?(store: Store): ControlHandler;
	/** The body the API answers with when a fault of that status is injected (or a request is rate-limited). */
	faultBody(status: FaultStatus): unknown;
	/** Values masked wherever they appear in the request log. */
	secrets(keys: Keys): string[];
	/** The public values tests and people use (keys, ids), as text. */
	info(keys: Keys): Info;
	/** The n8n credential that points at a running instance. */
	credentials(service: { url: string } & Info): N8nCredential;
}

export type RunningService<Name extends string = string, Store = unknown, Info extends Record<string, string> = Record<string, string>> = {
	name: Name;
	title: string;
	/** e.g. http://127.0.0.1:PORT, no trailing slash. */
	url: string;
	control: SandboxControl;
	store: Store;
	credentials: N8nCredential;
	/** `<PREFIX>_URL`, `<PREFIX>_<INFO_KEY>` lines for the CLI. */
	env: Record<string, string>;
	close(): Promise<void>;
} & Info;

export interface ServiceDescriptor<
	Name extends string = string,
	Keys = unknown,
	Store extends ServiceStore = ServiceStore,
	Info extends Record<string, string> = Record<string, string>,
> extends ServiceSpec<Name, Keys, Store, Info> {
	/** Starts the API on 127.0.0.1 (`port` 0: a free one) with fresh or fixed keys and a seeded store. */
	start(options: { port: number; keys: KeyMode }): Promise<RunningService<Name, Store, Info>>;
}

export function defineService<Name extends string, Keys, Store extends ServiceStore, Info extends Record<string, string>>(
	spec: ServiceSpec<Name, Keys, Store, Info>,
): ServiceDescriptor<Name, Keys, Store, Info> {
	return {
		...spec,
		start: async ({ port, keys: mode }) => {
			const keys = spec.keys(mode);
			const store = spec.createStore(keys);
			const control = new ControlState(() => store.reset());
			const server = await startApiServer({
				port,
				control,
				handle: spec.handler(store, keys),
				faultBody: spec.faultBody,
				secrets: spec.secrets(keys),
				serviceControl: spec.control?.(store),
				variants: store.variants,
			});
			const info = spec.info(keys);
			const env: Record<string, string> = { [`${spec.envPrefix}_URL`]: server.url };
			for (const [key, value] of Object.entries(info)) env[`${spec.envPrefix}_${snakeCase(key)}`] = value;
			return {
				...info,
				name: spec.name,
				title: spec.title,
				url: server.url,
				control,
				store,
				credentials: spec.credentials({ ...info, url: server.url }),
				env,
				close: server.close,
			};
		},
	};
}

function snakeCase(name: string): string {
	return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}
