/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import type { IDataObject, IHttpRequestOptions, ILoadOptionsFunctions, INode, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { KickoffLabsApi } from '../../credentials/KickoffLabsApi.credentials';
import { campaignIdOf, searchCampaigns } from '../../nodes/KickoffLabs/fields/campaign.locator';
import { operations } from '../../nodes/KickoffLabs/actions/router';
import { KickoffLabs } from '../../nodes/KickoffLabs/KickoffLabs.node';
import { getActions } from '../../nodes/KickoffLabs/fields/action.field';
import { kickoffLabs, saysLeadNotFound } from '../../nodes/KickoffLabs/transport/service';
import { outputsForParametersForTests } from '../../nodes/shared/outputs';
import { outputTableOf } from '../../nodes/shared/router';
import type { ApiResponse } from '../../nodes/shared/request';
import type { RunningSandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';

const repoRoot = path.resolve(__dirname, '..', '..');
const node = new KickoffLabs();
const { description } = node;

const NODE: INode = {
	id: 'unit',
	name: 'KickoffLabs',
	type: 'n8n-nodes-lead-capture.kickoffLabs',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

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
	it('is kickoffLabs v1, usable as a tool, with one main input and the kickoffLabsApi credential', () => {
		expect(description).toMatchObject({
			name: 'kickoffLabs',
			displayName: 'KickoffLabs',
			version: 1,
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
		expect(operationsOf('campaign').sort()).toEqual(['getMany', 'getStats']);
		expect(Object.keys(operations.lead).sort()).toEqual(operationsOf('lead').sort());
		expect(Object.keys(operations.campaign).sort()).toEqual(operationsOf('campaign').sort());
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

describe('KickoffLabs API credential', () => {
	const credential = new KickoffLabsApi();

	it('has the API key (secret), an optional default campaign (not secret) and the base URL', () => {
		expect(credential.name).toBe('kickoffLabsApi');
		expect(credential.displayName).toBe('KickoffLabs API');
		expect(credential.properties.map((prop) => [prop.name, prop.typeOptions?.password === true, prop.default, prop.required === true])).toEqual([
			['apiKey', true, '', true],
			['campaignId', false, '', false],
			['baseUrl', false, 'https://api.kickofflabs.com', false],
		]);
		expect(credential.documentationUrl).toBe('https://support.kickofflabs.com/developer/');
		expect(credential.icon).toEqual({
			light: 'file:../nodes/KickoffLabs/kickoffLabs.svg',
			dark: 'file:../nodes/KickoffLabs/kickoffLabs.dark.svg',
		});
	});

	it('sends the key as the api_key query parameter and tests it with GET /v2/campaigns', async () => {
		const authenticate = credential.authenticate;
		if (typeof authenticate !== 'function') throw new Error('authenticate is not a function');
		await expect(authenticate({ apiKey: 'k3y' }, { url: '/v2/1', qs: { email: 'a@b.co' } })).resolves.toEqual({
			url: '/v2/1',
			qs: { email: 'a@b.co', api_key: 'k3y' },
		});
		expect(credential.test).toEqual({ request: { baseURL: '={{$credentials.baseUrl}}', url: '/v2/campaigns' } });
	});
});

describe('KickoffLabs error mapping', () => {
	const context = { getNode: () => NODE } as unknown as ILoadOptionsFunctions;
	const answer = (statusCode: number, body: unknown): ApiResponse => ({ statusCode, body, headers: {} });

	it('maps the documented 409 validation errors to a clear error that says what 409 means here', () => {
		const error = kickoffLabs.error(context, answer(409, { message: 'Please include a lead id or email' }), { method: 'GET', path: '/v2/1', itemIndex: 3 }) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('KickoffLabs: Please include a lead id or email');
		expect(error.description).toBe(
			'KickoffLabs found the request incomplete or invalid (its status for validation errors) (HTTP 409)',
		);
		expect(error.httpCode).toBe('409');
		expect(error.context.itemIndex).toBe(3);
	});

	it('maps 413, 404, 401, an {error} body and a body without a message', () => {
		expect(kickoffLabs.error(context, answer(413, { message: 'Too many items to update or delete' }), { method: 'GET', path: '/v2/1', itemIndex: 0 }) as NodeApiError).toMatchObject({
			message: 'KickoffLabs: Too many items to update or delete',
			description: 'Too many leads in one request (at most 250) (HTTP 413)',
		});
		expect(kickoffLabs.error(context, answer(404, { message: 'No lead found' }), { method: 'GET', path: '/v2/1', itemIndex: 0 }).message).toBe('KickoffLabs: No lead found');
		expect(kickoffLabs.error(context, answer(401, { error: 'Invalid API key' }), { method: 'GET', path: '/v2/1', itemIndex: 0 }) as NodeApiError).toMatchObject({
			message: 'KickoffLabs: Invalid API key',
			description: 'Authorization failed: check the API Key in the KickoffLabs credential (HTTP 401)',
		});
		expect(kickoffLabs.error(context, answer(413, ''), { method: 'GET', path: '/v2/1', itemIndex: 0 }) as NodeApiError).toMatchObject({
			message: 'KickoffLabs: Too many leads in one request (at most 250)',
			description: 'HTTP 413',
		});
	});

	const notFound = (response: ApiResponse) => saysLeadNotFound(context, response, { method: 'GET', path: '/v2/1' });

	it('tells a missing lead (Not Found branch) from an unknown campaign (an error)', () => {
		expect(notFound(answer(404, { message: 'No lead found' }))).toBe(true);
		expect(() => notFound(answer(404, ''))).toThrow('did not come from the KickoffLabs API');
		expect(notFound(answer(404, { message: 'Campaign not found' }))).toBe(false);
		expect(notFound(answer(409, { message: 'No lead found' }))).toBe(false);
		expect(notFound(answer(200, {}))).toBe(false);
	});

	it('takes the campaign from the node first, then from the credential', () => {
		expect(campaignIdOf(' 135545 ', '135544')).toEqual({ id: '135545', from: 'node' });
		expect(campaignIdOf('', 135544)).toEqual({ id: '135544', from: 'credential' });
		expect(campaignIdOf(undefined, '  ')).toBeUndefined();
	});
});

describe('KickoffLabs editor lists (against the sandbox)', () => {
	let sandbox: RunningSandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ keys: 'random' });
	});

	afterAll(async () => {
		await sandbox.close();
	});

	/** A load-options context whose HTTP helper applies the credential the way n8n does (api_key in the query). */
	function loadOptionsContext(
		currentParameters: IDataObject,
		credentialOverrides: Partial<{ apiKey: string; campaignId: string }> = {},
	): ILoadOptionsFunctions {
		const credentials = {
			apiKey: sandbox.kickoffLabs.apiKey,
			campaignId: sandbox.kickoffLabs.defaultCampaignId,
			baseUrl: sandbox.kickoffLabs.url,
			...credentialOverrides,
		};
		const context = {
			getNode: () => NODE,
			getCredentials: async () => credentials,
			getCurrentNodeParameter: (name: string) => {
				const value = currentParameters[name];
				return value && typeof value === 'object' && '__rl' in value ? (value as { value: unknown }).value : value;
			},
			helpers: {
				httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
					const url = new URL(options.url);
					for (const [name, value] of Object.entries({ ...options.qs, api_key: credentials.apiKey })) {
						url.searchParams.append(name, String(value));
					}
					const response = await fetch(url, {
						method: options.method,
						headers: { accept: 'application/json' },
					});
					const text = await response.text();
					return { statusCode: response.status, body: text ? (JSON.parse(text) as unknown) : '', headers: {} };
				},
			},
		};
		return context as unknown as ILoadOptionsFunctions;
	}

	it('lists the campaigns of the key for the Campaign picker, filtered by name or ID', async () => {
		const all = await searchCampaigns.call(loadOptionsContext({}));
		const filtered = await searchCampaigns.call(loadOptionsContext({}), 'beta');
		const byId = await searchCampaigns.call(loadOptionsContext({}), sandbox.kickoffLabs.defaultCampaignId);

		expect(all.results).toEqual([
			{ name: 'Launch Waitlist', value: sandbox.kickoffLabs.defaultCampaignId },
			{ name: 'Beta Referral Program', value: sandbox.kickoffLabs.otherCampaignId },
		]);
		expect(filtered.results.map((result) => result.name)).toEqual(['Beta Referral Program']);
		expect(byId.results.map((result) => result.name)).toEqual(['Launch Waitlist']);
		expect(sandbox.kickoffLabs.control.requests.map((request) => request.path)).toEqual(['/v2/campaigns', '/v2/campaigns', '/v2/campaigns']);
	});

	it('reports a wrong key in the picker as a clear error', async () => {
		await expect(searchCampaigns.call(loadOptionsContext({}, { apiKey: 'wrong' }))).rejects.toThrow('KickoffLabs: Invalid API key');
	});

	it('lists the actions of the chosen campaign, or of the credential\'s default one', async () => {
		const ofNodeCampaign = await getActions.call(
			loadOptionsContext({ campaign: { __rl: true, mode: 'list', value: sandbox.kickoffLabs.otherCampaignId } }),
		);
		const ofDefault = await getActions.call(loadOptionsContext({ campaign: { __rl: true, mode: 'list', value: '' } }));

		expect(ofNodeCampaign).toEqual([{ name: 'Join our Discord', value: '9101' }]);
		expect(ofDefault).toEqual([
			{ name: 'Follow us on X', value: '9001' },
			{ name: 'Share on LinkedIn', value: '9002' },
		]);
	});

	it('asks for a campaign before listing actions when there is none', async () => {
		sandbox.kickoffLabs.control.reset();
		await expect(getActions.call(loadOptionsContext({}, { campaignId: '' }))).rejects.toThrow(
			'Choose a campaign first (or set Default Campaign ID in the KickoffLabs credential) to list its actions',
		);
		expect(sandbox.kickoffLabs.control.requests).toHaveLength(0);
	});
});
