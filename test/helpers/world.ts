/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import type { Engine, WorkflowJson } from '../../dev/engine';
import { createEngine } from '../../dev/engine';
import { sandboxEngineCredentials, serviceCredentials } from '../../dev/engine/credentials';
import type { PaceRegistry } from '../../nodes/shared/paces';
import type { RunningSandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** A sandbox of every registered API on random local ports and the n8n engine with this package, built in dist/. */
export interface World {
	sandbox: RunningSandbox;
	engine: Engine;
}

/**
 * Starts one world for a test file (before its first test), resets every sandbox service before each test, and stops the
 * sandbox after the last. Returns the world for use inside tests.
 */
export function useWorld(): () => World {
	let world: World | undefined;
	beforeAll(async () => {
		world = await startWorld();
	});
	afterAll(async () => {
		await world?.sandbox.close();
	});
	beforeEach(() => {
		for (const service of world?.sandbox.services ?? []) service.control.reset();
		// The package's paces outlive an execution by design (one per API account): each test starts without any.
		processPaces().clear();
	});
	return () => {
		if (!world) throw new Error('useWorld(): the world is only there inside tests');
		return world;
	};
}

/** The pace registry of the package the engine loaded from dist/ (the same module instance the nodes use). */
export function processPaces(): PaceRegistry {
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built module, as the engine loads it
	return (require(path.join(repoRoot, 'dist', 'nodes', 'shared', 'paces.js')) as typeof import('../../nodes/shared/paces')).processPaces;
}

async function startWorld(): Promise<World> {
	const sandbox = await startSandbox({ keys: 'random' });
	const engine = await createEngine(repoRoot);
	return { sandbox, engine };
}

export function sendKitCredentials(
	sandbox: RunningSandbox,
	overrides: Partial<{ apiKey: string; workspaceId: string; baseUrl: string }> = {},
) {
	return serviceCredentials(sandbox.sendKit, definedOnly(overrides));
}

export function kickoffLabsCredentials(
	sandbox: RunningSandbox,
	overrides: Partial<{ apiKey: string; campaignId: string; baseUrl: string }> = {},
) {
	return serviceCredentials(sandbox.kickoffLabs, definedOnly(overrides));
}

/** The credentials of every sandbox service, for workflows that use several. */
export function allCredentials(sandbox: RunningSandbox) {
	return sandboxEngineCredentials(sandbox);
}

function definedOnly(values: Record<string, string | undefined>): Record<string, string> {
	return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A workflow JSON from test/<service>/<resource>/*.workflow.json or examples/, as exported from the n8n editor. */
export function loadWorkflow(relativePath: string): WorkflowJson {
	return JSON.parse(fs.readFileSync(path.join(repoRoot, relativePath), 'utf8')) as WorkflowJson;
}

/** The same workflow with one node's parameters changed, for variations of a fixture. */
export function withParameters(workflow: WorkflowJson, nodeName: string, parameters: Record<string, unknown>): WorkflowJson {
	return {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.name === nodeName ? { ...node, parameters: { ...node.parameters, ...parameters } as typeof node.parameters } : node,
		),
	};
}

/** The same workflow with a node setting (e.g. onError) changed. */
export function withNodeSettings(workflow: WorkflowJson, nodeName: string, settings: Record<string, unknown>): WorkflowJson {
	return { ...workflow, nodes: workflow.nodes.map((node) => (node.name === nodeName ? { ...node, ...settings } : node)) };
}

/** The same workflow with the node's errors routed to its Error output, whatever the fixture says. */
export function withErrorOutput(workflow: WorkflowJson, nodeName: string): WorkflowJson {
	return withNodeSettings(workflow, nodeName, { onError: 'continueErrorOutput' });
}

/** Items for the Manual Trigger to hand on. */
export function items(...jsons: Array<Record<string, unknown>>) {
	return jsons.map((json) => ({ json: json as Record<string, string> }));
}
