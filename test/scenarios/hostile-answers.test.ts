/**
 * Servers that echo the request (its URL with the KickoffLabs key in the query, its headers with SendKit's X-Api-Key,
 * its body) in successful and failed answers, JSON or HTML: the key must appear in no output item, no error, whatever
 * the operation and the error handling.
 */
import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import type { OneShotFault } from '../../sandbox';
import { leaksOf } from '../helpers/secrets';
import { items, kickoffLabsCredentials, sendKitCredentials, useWorld, withNodeSettings } from '../helpers/world';
import { fixture } from '../helpers/fixtures';

const world = useWorld();

type ServiceName = 'sendKit' | 'kickoffLabs';

interface OperationCase {
	name: string;
	service: ServiceName;
	node: string;
	workflow: WorkflowJson;
	input: Array<Record<string, unknown>>;
}

const OPERATIONS: OperationCase[] = [
	{ name: 'SendKit Create', service: 'sendKit', node: 'SendKit', workflow: fixture('sendkit/lead/create'), input: [{ email: 'echo@example.com' }] },
	{ name: 'SendKit Get by email', service: 'sendKit', node: 'SendKit', workflow: fixture('sendkit/lead/get-by-email'), input: [{ email: 'echo@example.com' }] },
	{ name: 'SendKit Get by ID', service: 'sendKit', node: 'SendKit', workflow: fixture('sendkit/lead/get-by-id'), input: [{ leadId: '665d4e5f6a7b8c9d0e1f2a3b' }] },
	{ name: 'KickoffLabs Create', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/create'), input: [{ email: 'echo@example.com' }] },
	{ name: 'KickoffLabs Update', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/update'), input: [{ email: 'echo@example.com' }] },
	{ name: 'KickoffLabs Get', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/get'), input: [{ email: 'echo@example.com' }] },
	{ name: 'KickoffLabs Delete', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/delete'), input: [{ email: 'echo@example.com' }] },
	{ name: 'KickoffLabs Add Points', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/addPoints'), input: [{ email: 'echo@example.com', points: 5 }] },
	{ name: 'KickoffLabs Complete Action', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/completeAction'), input: [{ social_id: '36N38P' }] },
	{ name: 'KickoffLabs Get Many Campaigns', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/campaign/getMany'), input: [{}] },
	{ name: 'KickoffLabs Get Stats', service: 'kickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/campaign/getStats'), input: [{}] },
];

/** Keys as the sandbox issues them, and one with characters that URL encoding changes. */
const AWKWARD_KEY = 'key with spaces+/=&?:$,[x]';

function credentialsFor(service: ServiceName, apiKey?: string) {
	const overrides = apiKey ? { apiKey } : {};
	return service === 'sendKit' ? sendKitCredentials(world().sandbox, overrides) : kickoffLabsCredentials(world().sandbox, overrides);
}

function keyOf(service: ServiceName): string {
	return service === 'sendKit' ? world().sandbox.sendKit.workspaceKey : world().sandbox.kickoffLabs.apiKey;
}

async function runWith(operation: OperationCase, faults: OneShotFault[], options: { errorOutput: boolean; apiKey?: string }): Promise<WorkflowRun> {
	world().sandbox[operation.service].control.setFaults({ queue: faults });
	const workflow = options.errorOutput ? withNodeSettings(operation.workflow, operation.node, { onError: 'continueErrorOutput' }) : operation.workflow;
	return await runWorkflow(world().engine, workflow, {
		credentials: credentialsFor(operation.service, options.apiKey),
		input: items(...operation.input),
	});
}

/** Enough of the same fault for every attempt of every request the run may make. */
const repeated = (fault: OneShotFault): OneShotFault[] => Array.from({ length: 6 }, () => fault);

describe('secrets in answers that echo the request', () => {
	for (const operation of OPERATIONS) {
		describe(operation.name, () => {
			for (const status of [200, 400, 404]) {
				for (const format of ['json', 'html'] as const) {
					it(`answer ${status} (${format}) quoting URL, headers and body: the key is in no item or error, in both error modes`, async () => {
						for (const errorOutput of [true, false]) {
							for (const apiKey of [undefined, AWKWARD_KEY]) {
								const result = await runWith(operation, repeated({ echo: { status, format } }), { errorOutput, apiKey });
								expect(leaksOf(result.run, apiKey ?? keyOf(operation.service))).toEqual([]);
							}
						}
						// The echo did carry the key: without the scrubbing it would have reached the items.
						const received = world().sandbox[operation.service].control.requests;
						expect(received.length).toBeGreaterThan(0);
					});
				}
			}

			it('rate limit and server error pages that quote the key: in no item or error', async () => {
				const key = keyOf(operation.service);
				const quoting = (status: number): OneShotFault => ({
					respond: {
						status,
						body: `<html>Error ${status} at /v2/1?api_key=${encodeURIComponent(key)} (x-api-key: ${key})</html>`,
						headers: { 'content-type': 'text/html', 'retry-after': '0', 'x-debug-key': key },
					},
				});
				for (const status of [429, 503]) {
					const result = await runWith(operation, repeated(quoting(status)), { errorOutput: true });
					expect(leaksOf(result.run, key)).toEqual([]);
					// The pages were answered (and retried past): the item still comes out exactly once.
					expect(world().sandbox[operation.service].control.faultStats.respond).toBeGreaterThan(0);
					const outputs = Array.from({ length: result.outputCount(operation.node) }, (_, index) => result.output(operation.node, index).length);
					expect(outputs.reduce((sum, count) => sum + count, 0)).toBe(operation.name.startsWith('KickoffLabs Get Many') ? 2 : 1);
				}
			});
		});
	}
});
