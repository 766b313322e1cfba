import type { WorkflowJson } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import type { SendKitLeadChanges, StoredSendKitLead } from '../../sandbox/sendkit/types';
import type { World } from '../helpers/world';
import { items, loadWorkflow, sendKitCredentials } from '../helpers/world';

/** A fixture beside the tests: test/sendkit/<resource>/<operation>.workflow.json. */
export function sendKitFixture(resource: string, operation: string): WorkflowJson {
	return loadWorkflow(`test/sendkit/${resource}/${operation}.workflow.json`);
}

/** Helpers bound to the test file's world. */
export function sendKitWorld(world: () => World) {
	const sendKit = () => world().sandbox.sendKit;
	return {
		sendKit,
		requests: (method?: string, path?: RegExp) =>
			sendKit().control.requests.filter((request) => (!method || request.method === method) && (!path || path.test(request.path))),
		run: async (workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>) =>
			await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox), input: items(...inputs) }),
		/** Leads put straight into the sandbox's workspace (no request), in creation order. */
		seedLeads: (count: number, fields: (index: number) => SendKitLeadChanges & { email?: string } = () => ({})): StoredSendKitLead[] => {
			const { store, workspaceId } = sendKit();
			return Array.from({ length: count }, (_, index) =>
				store.createLead({ email: `lead${index}@example.com`, ...fields(index), userId: store.workspaces[0].ownerId, workspaceId }),
			);
		},
	};
}
