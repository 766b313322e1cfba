import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { KickoffLabs } from '../../../nodes/KickoffLabs/KickoffLabs.node';
import { fixture } from '../../helpers/fixtures';
import { NODE, getCampaignsWorkflow, useKickoffLabs } from '../../helpers/kickofflabs';
import { withParameters } from '../../helpers/world';

const { kickoffLabs, requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Campaign', () => {
	it('Get Many: one item per campaign, all or up to the limit', async () => {
		await seed({ email: 'counted@example.com' });

		const all = await run(getCampaignsWorkflow, [{}]);
		const limited = await run(withParameters(getCampaignsWorkflow, NODE, { returnAll: false, limit: 1 }), [{}]);

		expect(all.outputNames(NODE)).toEqual(['Success', 'Error']);
		expect(all.output(NODE, 0)).toEqual([
			{ json: { id: defaultCampaign(), name: 'Launch Waitlist', lead_count: 1 }, pairedItem: { item: 0 } },
			{ json: { id: Number(kickoffLabs().otherCampaignId), name: 'Beta Referral Program', lead_count: 100 }, pairedItem: { item: 0 } },
		]);
		expect(limited.output(NODE, 0).map((item) => item.json.name)).toEqual(['Launch Waitlist']);
		expect(requests().map((request) => request.path)).toEqual(['/v2/campaigns', '/v2/campaigns']);
	});

	it('Get Many saved by node version 1 (operation "getMany", the value before the rename) still runs as Get Many', async () => {
		const savedByVersion1 = fixture('kickofflabs/campaign/getMany');
		expect(savedByVersion1.nodes.find((node) => node.name === NODE)).toMatchObject({ typeVersion: 1, parameters: { operation: 'getMany' } });

		const result = await run(savedByVersion1, [{}]);

		expect(result.output(NODE, 0).map((item) => item.json.name)).toEqual(['Launch Waitlist', 'Beta Referral Program']);
		expect(requests().map((request) => request.path)).toEqual(['/v2/campaigns']);
	});

	it('Get Many opens in the editor with a valid Operation in both versions: "getMany" in version 1 (also by default), "getAll" from 1.1', () => {
		const description = new KickoffLabs().description;
		const nodeOf = (typeVersion: number, operation?: string): INode => ({
			id: 'kickofflabs',
			name: NODE,
			type: 'n8n-nodes-lead-capture.kickoffLabs',
			typeVersion,
			position: [0, 0],
			parameters: operation === undefined ? { resource: 'campaign' } : { resource: 'campaign', operation },
		});
		// What the editor shows: the Operation selector displayed for the node's version, and the value it resolves to.
		const opened = (node: INode) => {
			const parameters = NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description)!;
			const selectors = description.properties.filter(
				(property) => property.name === 'operation' && NodeHelpers.displayParameter(parameters, property, node, description),
			);
			const offered = selectors.flatMap((selector) => (selector.options ?? []).map((option) => String((option as { value: unknown }).value)));
			return { operation: parameters.operation, offered, selectors: selectors.length };
		};

		expect(opened(nodeOf(1, 'getMany'))).toEqual({ operation: 'getMany', offered: ['getMany', 'getStats'], selectors: 1 });
		expect(opened(nodeOf(1))).toEqual({ operation: 'getMany', offered: ['getMany', 'getStats'], selectors: 1 });
		expect(opened(nodeOf(1.1, 'getAll'))).toEqual({ operation: 'getAll', offered: ['getAll', 'getStats'], selectors: 1 });
		expect(description.defaultVersion).toBe(1.1);
	});
});
