import type { RunningService } from '../../sandbox';

/** Credential values by type name, as `runWorkflow` and `invokeAsTool` take them. */
export type EngineCredentials = Record<string, Record<string, string>>;

/** One service's credential for the in-process engine, with fields overridden (e.g. a wrong key). */
export function serviceCredentials(service: Pick<RunningService, 'credentials'>, overrides: Record<string, string> = {}): EngineCredentials {
	return { [service.credentials.type]: { ...service.credentials.data, ...overrides } };
}

/** Every sandbox service's credential, for workflows that use several services. */
export function sandboxEngineCredentials(sandbox: { services: ReadonlyArray<Pick<RunningService, 'credentials'>> }): EngineCredentials {
	return Object.assign({}, ...sandbox.services.map((service) => serviceCredentials(service))) as EngineCredentials;
}
