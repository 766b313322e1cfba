/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
/** The node as a whole: its description and the API key across every operation (as an AI Agent tool: test/scenarios/agent-tools.test.ts). */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { WorkflowJson, WorkflowRun } from '../../dev/engine';
import { operations } from '../../nodes/KickoffLabs/actions/router';
import { getActions } from '../../nodes/KickoffLabs/fields/action.field';
import { searchCampaigns } from '../../nodes/KickoffLabs/fields/campaign.locator';
import { KickoffLabs } from '../../nodes/KickoffLabs/KickoffLabs.node';
import { outputsForParametersForTests } from '../../nodes/shared/outputs';
import { outputTableOf } from '../../nodes/shared/router';
import {
	addPointsWorkflow,
	completeActionWorkflow,
	createWorkflow,
	deleteWorkflow,
	errorOutput,
	getCampaignsWorkflow,
	getStatsWorkflow,
	getWorkflow,
	updateWorkflow,
	useKickoffLabs,
} from '../helpers/kickofflabs';
import { leaksOf } from '../helpers/secrets';
import { repoRoot } from '../helpers/world';

const { kickoffLabs, requests, run, seed } = useKickoffLabs();

const node = new KickoffLabs();
const { description } = node;

function property(name: string, operation?: string): INodeProperties {
	const found = description.properties.find(
		(candidate) =>
			candidate.name === name &&
			(operation === undefined || (candidate.displayOptions?.show?.operation as string[] | undefined)?.includes(operation)),
	);
	if (!found) throw new Error(`No property ${name} for ${operation ?? 'any operation'}`);
	return found;
}

const optionValues = (prop: INodeProperties) => (prop.options ?? []).map((option) => ('value' in option ? option.value : option.name));

describe('KickoffLabs node description (public interface)', () => {
	it('is kickoffLabs v1 and v1.1 (new nodes), usable as a tool, with one main input and the kickoffLabsApi credential', () => {
		expect(description).toMatchObject({
			name: 'kickoffLabs',
			displayName: 'KickoffLabs',
			version: [1, 1.1],
			defaultVersion: 1.1,
			usableAsTool: true,
			inputs: ['main'],
			credentials: [{ name: 'kickoffLabsApi', required: true }],
			icon: { light: 'file:kickoffLabs.svg', dark: 'file:kickoffLabs.dark.svg' },
		});
	});

	it('offers the resources and operations the issue names, each routed to a module', () => {
		expect(optionValues(property('resource'))).toEqual(['campaign', 'lead']);
		const operationsOf = (resource: string) =>
			optionValues(
				description.properties.find(
					(prop) => prop.name === 'operation' && (prop.displayOptions?.show?.resource as string[]).includes(resource),
				)!,
			);
		expect(operationsOf('lead').sort()).toEqual(['addPoints', 'completeAction', 'create', 'delete', 'get', 'update']);
		expect(operationsOf('campaign').sort()).toEqual(['getAll', 'getStats']);
		const valuesOf = (resource: keyof typeof operations) => operations[resource].map((operation) => operation.option.value);
		expect(valuesOf('lead').sort()).toEqual(operationsOf('lead').sort());
		expect(valuesOf('campaign').sort()).toEqual(operationsOf('campaign').sort());
	});

	it('has the outputs of each operation, computed from resource and operation', () => {
		expect(outputTableOf(operations)).toEqual({
			lead: {
				create: ['New Lead', 'Existing Lead'],
				get: ['Found', 'Not Found'],
				update: ['Updated', 'Not Found'],
			},
			campaign: {},
		});
		const outputsFor = (resource?: string, operation?: string) =>
			outputsForParametersForTests({ resource, operation }, outputTableOf(operations), { resource: 'lead', operation: 'create' }).map(
				(output) => output.displayName ?? output.type,
			);
		expect(outputsFor()).toEqual(['New Lead', 'Existing Lead']);
		expect(outputsFor('lead', 'get')).toEqual(['Found', 'Not Found']);
		expect(outputsFor('lead', 'update')).toEqual(['Updated', 'Not Found']);
		for (const single of ['delete', 'addPoints', 'completeAction']) expect(outputsFor('lead', single)).toEqual(['main']);
		expect(outputsFor('campaign', 'getAll')).toEqual(['main']);
		expect(outputsFor('campaign', 'getMany')).toEqual(['main']);
		expect(outputsFor('campaign', 'getStats')).toEqual(['main']);
		expect(description.outputs).toEqual(expect.stringMatching(/^=\{\{\(function outputsForParameters/));
	});

	it('has a Campaign resource locator (list or ID) on every lead operation and on Get Stats', () => {
		const campaigns = description.properties.filter((prop) => prop.name === 'campaign');
		expect(campaigns.map((prop) => prop.displayOptions?.show)).toEqual([
			{ resource: ['lead'] },
			{ resource: ['campaign'], operation: ['getStats'] },
		]);
		for (const campaign of campaigns) {
			expect(campaign).toMatchObject({ type: 'resourceLocator', default: { mode: 'list', value: '' } });
			expect(campaign.modes?.map((mode) => mode.name)).toEqual(['list', 'id']);
			expect(campaign.modes?.[0].typeOptions?.searchListMethod).toBe('searchCampaigns');
		}
		expect(node.methods.listSearch.searchCampaigns).toBe(searchCampaigns);
		expect(node.methods.loadOptions.getActions).toBe(getActions);
	});

	it('has email and the additional fields on Create and Update, and getBy on Get', () => {
		for (const operation of ['create', 'update']) {
			expect(property('email', operation).type).toBe('string');
			const fields = (property('additionalFields', operation).options ?? []).map((option) => option.name);
			expect(fields).toEqual(
				expect.arrayContaining(['firstName', 'lastName', 'phoneNumber', 'referrerSocialId', 'source', 'customFields']),
			);
			expect([...fields].sort()).toEqual(fields.slice().sort());
		}
		expect(optionValues(property('getBy', 'get')).sort()).toEqual(['email', 'phoneNumber', 'socialId']);
		for (const field of ['email', 'socialId', 'phoneNumber']) expect(property(field, 'get').displayOptions?.show?.getBy).toEqual([field]);
		expect(property('actionId', 'completeAction').typeOptions).toEqual({
			loadOptionsMethod: 'getActions',
			loadOptionsDependsOn: ['campaign.value'],
		});
	});

	it('ships a codex file in Sales and Marketing & Content, and two different themed icons', () => {
		const dir = path.join(repoRoot, 'nodes', 'KickoffLabs');
		const codex = JSON.parse(fs.readFileSync(path.join(dir, 'KickoffLabs.node.json'), 'utf8')) as IDataObject;
		expect(codex).toMatchObject({ node: 'n8n-nodes-lead-capture.kickoffLabs', categories: ['Sales', 'Marketing & Content'] });
		const light = fs.readFileSync(path.join(dir, 'kickoffLabs.svg'), 'utf8');
		const dark = fs.readFileSync(path.join(dir, 'kickoffLabs.dark.svg'), 'utf8');
		expect(light).toMatch(/^<svg /);
		expect(dark).toMatch(/^<svg /);
		expect(dark).not.toBe(light);
	});

	it('is registered in package.json', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { n8n: { nodes: string[]; credentials: string[] } };
		expect(pkg.n8n.nodes).toContain('dist/nodes/KickoffLabs/KickoffLabs.node.js');
		expect(pkg.n8n.credentials).toContain('dist/credentials/KickoffLabsApi.credentials.js');
	});
});

describe('KickoffLabs › the API key', () => {
	// Every test file of this node looks for the key in its own runs after each test (useKickoffLabs); this one runs the
	// fixture of every operation, so no operation is left out.
	it('appears in no output item, error or request log of a run of any operation\'s fixture', async () => {
		const { apiKey } = kickoffLabs();
		const [lead] = await seed({ email: 'key@example.com' });
		const input = { email: 'key@example.com', points: 5, social_id: lead.social_id };
		const fixtures: WorkflowJson[] = [
			createWorkflow,
			getWorkflow,
			updateWorkflow,
			addPointsWorkflow,
			completeActionWorkflow,
			getCampaignsWorkflow,
			getStatsWorkflow,
			deleteWorkflow,
		];

		const runs: WorkflowRun[] = [];
		for (const workflow of fixtures) runs.push(await run(workflow, [input]));

		expect(runs.map((result) => result.error)).toEqual(fixtures.map(() => undefined));
		expect(requests().length).toBeGreaterThanOrEqual(fixtures.length);
		expect(runs.flatMap((result) => leaksOf(result.run, apiKey))).toEqual([]);
		expect(leaksOf(requests(), apiKey)).toEqual([]);
	});

	it('stays out of network errors too', async () => {
		const { apiKey } = kickoffLabs();
		const result = await run(createWorkflow, [{ email: 'a@example.com' }], { baseUrl: 'http://127.0.0.1:9' });

		const [failed] = errorOutput(result);
		expect(failed.error).toMatchObject({ httpCode: 'ECONNREFUSED' });
		expect(failed.error?.description).toMatch(/^Check the Base URL in the credential/);
		expect(JSON.stringify(result.run)).not.toContain(apiKey);
	});
});
