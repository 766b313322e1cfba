import type { ActivationOptions, ActiveWorkflow } from '../../dev/engine/triggers';
import { TriggerHost } from '../../dev/engine/triggers';
import type { WorkflowJson } from '../../dev/engine';
import type { World } from './world';

/**
 * The in-process n8n webhook server for a test file's trigger workflows (on a free 127.0.0.1 port). Workflows activated
 * through it are deactivated after each test, so no registration outlives its test.
 */
export function useTriggerHost(world: () => World): {
	host: () => TriggerHost;
	activate: (workflow: WorkflowJson, options: ActivationOptions) => Promise<ActiveWorkflow>;
	deactivate: (active: ActiveWorkflow) => Promise<void>;
} {
	let host: TriggerHost | undefined;
	const active: ActiveWorkflow[] = [];
	beforeAll(async () => {
		host = await TriggerHost.start();
	});
	afterEach(async () => {
		for (const workflow of active.splice(0)) {
			if (workflow.isActive) await host?.deactivate(workflow).catch(() => undefined);
		}
	});
	afterAll(async () => {
		await host?.close();
	});
	const requireHost = () => {
		if (!host) throw new Error('useTriggerHost(): only inside tests');
		return host;
	};
	return {
		host: requireHost,
		activate: async (workflow, options) => {
			const activated = await requireHost().activate(world().engine, workflow, options);
			active.push(activated);
			return activated;
		},
		deactivate: async (workflow) => {
			await requireHost().deactivate(workflow);
		},
	};
}
