import type { IHttpRequestOptions, ILoadOptionsFunctions, INode } from 'n8n-workflow';

import { searchCampaigns } from '../../../nodes/SendKit/fields/campaign.locator';
import { SendKit } from '../../../nodes/SendKit/SendKit.node';
import type { RunningSandbox } from '../../../sandbox';
import { startSandbox } from '../../../sandbox';

const NODE = { id: 'n', name: 'SendKit', type: 'n8n-nodes-lead-capture.sendKit', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

let sandbox: RunningSandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ keys: 'random' });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.sendKit.control.reset());

/** The editor's context for a search list: the credential and n8n's authenticated HTTP helper, over real HTTP. */
function loadOptionsContext(): ILoadOptionsFunctions {
	const credentials = { apiKey: sandbox.sendKit.workspaceKey, workspaceId: '', baseUrl: sandbox.sendKit.url };
	const context = {
		getNode: () => NODE,
		getCredentials: async () => credentials,
		helpers: {
			httpRequestWithAuthentication: async (_type: string, options: IHttpRequestOptions) => {
				const url = new URL(options.url);
				for (const [name, value] of Object.entries(options.qs ?? {})) url.searchParams.append(name, String(value));
				const response = await fetch(url, { method: options.method, headers: { accept: 'application/json', 'x-api-key': credentials.apiKey } });
				const text = await response.text();
				return { statusCode: response.status, body: text ? (JSON.parse(text) as unknown) : '', headers: {} };
			},
		},
	};
	return context as unknown as ILoadOptionsFunctions;
}

describe('SendKit › Campaign picker (resource locator)', () => {
	it('is one locator, shared by Get and Add Leads, searched by the node\'s listSearch method', () => {
		const node = new SendKit();
		const locators = node.description.properties.filter((property) => property.name === 'campaign');
		expect(locators.map((property) => property.displayOptions?.show?.operation)).toEqual([['get', 'addLeads']]);
		expect(locators.every((property) => property.modes?.[0].typeOptions?.searchListMethod === 'searchCampaigns')).toBe(true);
		expect(node.methods.listSearch.searchCampaigns).toBe(searchCampaigns);
	});

	it('lists campaigns with their status, filtered by the typed name', async () => {
		const all = await searchCampaigns.call(loadOptionsContext());
		const filtered = await searchCampaigns.call(loadOptionsContext(), 'partner');

		expect(all.results.map((result) => result.name)).toEqual([
			'Q3 Founders Outreach (active)',
			'Spring Webinar Follow-up (draft)',
			'Partner Introductions (paused)',
			'2024 Newsletter Winback (completed)',
		]);
		expect(all.paginationToken).toBeUndefined();
		expect(filtered.results).toEqual([{ name: 'Partner Introductions (paused)', value: '6650a1b2c3d4e5f6a7b8c903' }]);
	});

	it('pages with a token when there are more campaigns than one answer holds', async () => {
		for (let index = 0; index < 120; index++) sandbox.sendKit.store.campaigns.create(`Extra ${index}`, 'draft');

		const first = await searchCampaigns.call(loadOptionsContext());
		const second = await searchCampaigns.call(loadOptionsContext(), undefined, first.paginationToken);

		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toMatch(/^cursor:[a-f0-9]{24}$/);
		expect(second.results).toHaveLength(24);
		expect(second.paginationToken).toBeUndefined();
	});
});
