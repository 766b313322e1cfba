import type { IDataObject, INode } from 'n8n-workflow';

import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { invokeAsTool, runWorkflow } from '../../dev/engine';
import { create as createOperation } from '../../nodes/SendKit/actions/lead/create.operation';
import { get } from '../../nodes/SendKit/actions/lead/get.operation';
import type { SendKitLeadChanges, StoredSendKitLead } from '../../sandbox/sendkit/types';
import { errorOutputIndex, fixture, outputIndex } from './fixtures';
import { leaksOf } from './secrets';
import { items, sendKitCredentials, useWorld } from './world';

export const CREATED = outputIndex(createOperation.outputs, 'created');
export const EXISTING_LEAD = outputIndex(createOperation.outputs, 'existingLead');
export const FOUND = outputIndex(get.outputs, 'found');
export const NOT_FOUND = outputIndex(get.outputs, 'notFound');
/** The Error output of Create and Get, which both have two outputs of their own. */
export const ERROR_OUTPUT = errorOutputIndex(createOperation.outputs);

export const createWorkflow = fixture('sendkit/lead/create');
export const getByEmailWorkflow = fixture('sendkit/lead/get-by-email');
export const getByIdWorkflow = fixture('sendkit/lead/get-by-id');

type CredentialOverrides = Partial<{ apiKey: string; workspaceId: string; baseUrl: string }>;

/**
 * The world of a SendKit test file and the helpers its tests share. After every test, neither of the sandbox's keys
 * (workspace and platform) nor any other key a run of that test used may appear in those runs (output items, errors,
 * tool answers) or in any logged request, so each file proves it for its own runs.
 */
export function useSendKit() {
	const world = useWorld();
	/** What the current test's runs gave back and the keys they were given, looked through after it. */
	const answers: unknown[] = [];
	const keysUsed = new Set<string>();

	const sendKit = () => world().sandbox.sendKit;
	const credentials = (overrides: CredentialOverrides = {}) => sendKitCredentials(world().sandbox, overrides);
	/** The requests the sandbox logged (key masked), optionally only those of a method and a path. */
	const requests = (method?: string, path?: RegExp) =>
		sendKit().control.requests.filter((request) => (!method || request.method === method) && (!path || path.test(request.path)));
	const forgetRequests = () => {
		sendKit().control.requests.length = 0;
	};

	afterEach(() => {
		const keys = [sendKit().workspaceKey, sendKit().platformKey, ...keysUsed];
		const seen = answers.splice(0);
		keysUsed.clear();
		for (const key of keys) {
			expect(leaksOf(seen, key)).toEqual([]);
			expect(leaksOf(sendKit().control.requests, key)).toEqual([]);
		}
	});

	/** Runs a workflow with the sandbox's credential, some of its fields replaced (a wrong key, another base URL…). */
	async function runWith(overrides: CredentialOverrides, workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>): Promise<WorkflowRun> {
		if (overrides.apiKey) keysUsed.add(overrides.apiKey);
		const result = await runWorkflow(world().engine, workflow, { credentials: credentials(overrides), input: items(...inputs) });
		answers.push(result.run);
		return result;
	}

	const run = async (workflow: WorkflowJson, ...inputs: Array<Record<string, unknown>>) => await runWith({}, workflow, ...inputs);
	const create = async (...inputs: Array<Record<string, unknown>>) => await run(createWorkflow, ...inputs);

	/** Calls the node as an AI Agent 2.x tool with the sandbox's credential; the answer the model would read. */
	async function asTool(node: INode, toolArguments: IDataObject): Promise<string> {
		const answer = await invokeAsTool(world().engine, node, toolArguments, credentials());
		answers.push(answer);
		return answer;
	}

	/** Leads put straight into the sandbox's workspace (no request), in creation order. */
	function seedLeads(count: number, fields: (index: number) => SendKitLeadChanges & { email?: string } = () => ({})): StoredSendKitLead[] {
		const { store, workspaceId } = sendKit();
		return Array.from({ length: count }, (_, index) =>
			store.createLead({ email: `lead${index}@example.com`, ...fields(index), userId: store.workspaces[0].ownerId, workspaceId }),
		);
	}

	/** Puts leads straight into a campaign of the sandbox (no request); a campaign it does not have fails the test. */
	function putInCampaign(campaignId: string, leadIds: string[]): void {
		const { store, workspaceId } = sendKit();
		const campaign = store.campaigns.find(workspaceId, campaignId);
		if (!campaign) throw new Error(`The sandbox has no campaign ${campaignId}`);
		for (const id of leadIds) store.campaigns.add(campaign, id);
	}

	return { world, sendKit, requests, forgetRequests, credentials, run, runWith, create, asTool, seedLeads, putInCampaign };
}

/** A lead with every field SendKit's Create offers set, as Additional Fields (for output-schema checks). */
export const everyLeadField = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	companyName: 'Analytical Engines',
	jobTitle: 'CTO',
	phone: '+1-555-123-4567',
	linkedinUrl: 'https://linkedin.com/in/ada',
	city: 'London',
	state: 'LDN',
	country: 'GB',
	tags: 'vip, enterprise',
	customFields: { field: [{ name: 'industry', value: 'SaaS' }] },
};
