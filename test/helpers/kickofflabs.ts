import type { INode } from 'n8n-workflow';

import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { runWorkflow } from '../../dev/engine';
import { create } from '../../nodes/KickoffLabs/actions/lead/create.operation';
import { get } from '../../nodes/KickoffLabs/actions/lead/get.operation';
import { update } from '../../nodes/KickoffLabs/actions/lead/update.operation';
import { fixture, outputIndex } from './fixtures';
import { leaksOf } from './secrets';
import { items, kickoffLabsCredentials, useWorld } from './world';

/** The node's name in every KickoffLabs fixture. */
export const NODE = 'KickoffLabs';

export const NEW_LEAD = outputIndex(create.outputs, 'newLead');
export const EXISTING_LEAD = outputIndex(create.outputs, 'existingLead');
export const FOUND = outputIndex(get.outputs, 'found');
export const UPDATED = outputIndex(update.outputs, 'updated');
export const NOT_FOUND = outputIndex(get.outputs, 'notFound');

export const createWorkflow = fixture('kickofflabs/lead/create');
export const getWorkflow = fixture('kickofflabs/lead/get');
export const updateWorkflow = fixture('kickofflabs/lead/update');
export const deleteWorkflow = fixture('kickofflabs/lead/delete');
export const addPointsWorkflow = fixture('kickofflabs/lead/addPoints');
export const completeActionWorkflow = fixture('kickofflabs/lead/completeAction');
export const getCampaignsWorkflow = fixture('kickofflabs/campaign/getAll');
export const getStatsWorkflow = fixture('kickofflabs/campaign/getStats');

type CredentialOverrides = Partial<{ apiKey: string; campaignId: string; baseUrl: string }>;

export const errorOutput = (result: WorkflowRun) => result.output(NODE, result.outputCount(NODE) - 1);
export const campaignById = (id: string) => ({ __rl: true, mode: 'id', value: id });

/**
 * The world of a KickoffLabs test file and the helpers its tests share. After every test, the sandbox's API key must
 * appear in no run of that test (output items, errors) and in no logged request, so each file proves it for its own runs.
 */
export function useKickoffLabs() {
	const world = useWorld();
	/** The runs of the current test, looked through for the API key after it. */
	const runs: WorkflowRun[] = [];

	const kickoffLabs = () => world().sandbox.kickoffLabs;
	const requests = () => kickoffLabs().control.requests;
	const credentials = (overrides: CredentialOverrides = {}) => kickoffLabsCredentials(world().sandbox, overrides);
	const defaultCampaign = () => Number(kickoffLabs().defaultCampaignId);

	afterEach(() => {
		const { apiKey } = kickoffLabs();
		const seen = runs.splice(0);
		expect(seen.flatMap((result) => leaksOf(result.run, apiKey))).toEqual([]);
		expect(leaksOf(requests(), apiKey)).toEqual([]);
	});

	async function run(workflow: WorkflowJson, inputs: Array<Record<string, unknown>>, credentialOverrides: CredentialOverrides = {}): Promise<WorkflowRun> {
		const result = await runWorkflow(world().engine, workflow, {
			credentials: credentials(credentialOverrides),
			input: items(...inputs),
		});
		runs.push(result);
		return result;
	}

	const create = async (...inputs: Array<Record<string, unknown>>) => await run(createWorkflow, inputs);

	/** Creates leads and forgets the requests that did it. */
	async function seed(...inputs: Array<Record<string, unknown>>) {
		const result = await create(...inputs);
		expect(result.error).toBeUndefined();
		requests().length = 0;
		return [...result.output(NODE, NEW_LEAD), ...result.output(NODE, EXISTING_LEAD)].map((item) => item.json);
	}

	return { world, kickoffLabs, requests, credentials, defaultCampaign, run, create, seed };
}

/** A KickoffLabs node for unit tests that call the service or an editor method outside a workflow. */
export const kickoffLabsNode: INode = {
	id: 'unit',
	name: 'KickoffLabs',
	type: 'n8n-nodes-lead-capture.kickoffLabs',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
