/** The service registry: every emulated API, once. A new service is its own folder plus one line here. */
import { kickoffLabsService } from './kickofflabs';
import { fakeModelService } from './openai';
import { sendKitService } from './sendkit';

export const SERVICES = [sendKitService, kickoffLabsService, fakeModelService] as const;

export type SandboxService = (typeof SERVICES)[number];
export type ServiceName = SandboxService['name'];

/** The running form of a descriptor, with its own store type and public values. */
export type RunningServiceOf<D extends SandboxService> = Awaited<ReturnType<D['start']>>;

/** `sandbox.sendKit`, `sandbox.kickoffLabs`, … one property per registered service. */
export type RunningServices = { [D in SandboxService as D['name']]: RunningServiceOf<D> };
