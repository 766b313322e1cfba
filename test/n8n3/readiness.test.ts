/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

import type { WorkflowJson } from '../../dev/engine';
import { KickoffLabs } from '../../nodes/KickoffLabs/KickoffLabs.node';
import { KickoffLabsTrigger } from '../../nodes/KickoffLabs/KickoffLabsTrigger.node';
import { SendKit } from '../../nodes/SendKit/SendKit.node';
import { SendKitNewLeadTrigger } from '../../nodes/SendKit/SendKitNewLeadTrigger.node';
import { SendKitTrigger } from '../../nodes/SendKit/SendKitTrigger.node';
import { FOUND, NOT_FOUND, getByEmailWorkflow, useSendKit } from '../helpers/sendkit';
import { repoRoot } from '../helpers/world';

/** n8n 3 readiness: what n8n 3 removes or changes for community nodes, checked on n8n 2.41's own code. */
describe('n8n 3 readiness', () => {
	it.each([new SendKit(), new SendKitTrigger(), new SendKitNewLeadTrigger(), new KickoffLabs(), new KickoffLabsTrigger()].map((node: INodeType) => [node.description.displayName, node]))(
		'%s sets no defaults.color (n8n 3 drops it) and has a light and a dark file icon instead',
		(_name, node) => {
			expect(node.description.defaults).not.toHaveProperty('color');
			expect(node.description.icon).toEqual({ light: expect.stringMatching(/^file:.+\.svg$/), dark: expect.stringMatching(/^file:.+\.dark\.svg$/) });
		},
	);

	it('declares n8n API level 1, which n8n 3 accepts and a higher one would shut n8n 2 out', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { n8n: { n8nNodesApiVersion: number } };
		expect(pkg.n8n.n8nNodesApiVersion).toBe(1);
	});
});

/**
 * Always Output Data on a node with several outputs: n8n 2.41 adds an empty item on the first output whenever that
 * output is empty, even when another output has the items; n8n 3 adds one only when every output is empty. The
 * README tells users to leave it off: Not Found and Existing Lead already carry the item, so no branch ends empty.
 */
describe('Always Output Data on a multi-output operation, in n8n 2.41', () => {
	const { run, create } = useSendKit();
	const withAlwaysOutputData = (workflow: WorkflowJson): WorkflowJson => ({
		...workflow,
		nodes: workflow.nodes.map((node) => (node.name === 'SendKit' ? { ...node, alwaysOutputData: true } : node)),
	});

	it('puts an empty item on Found when the only lead went to Not Found: the Found branch runs with nothing (n8n 3 would not add it)', async () => {
		const result = await run(withAlwaysOutputData(getByEmailWorkflow), { email: 'nobody-aod@example.com' });

		expect(result.output('SendKit', FOUND)).toEqual([{ json: {}, pairedItem: [{ item: 0, input: 0 }] }]);
		expect(result.output('SendKit', NOT_FOUND)).toEqual([{ json: { email: 'nobody-aod@example.com' }, pairedItem: { item: 0 } }]);
	});

	it('adds nothing when Found has an item, as n8n 3 does', async () => {
		await create({ email: 'known-aod@example.com' });

		const result = await run(withAlwaysOutputData(getByEmailWorkflow), { email: 'known-aod@example.com' }, { email: 'nobody-aod@example.com' });

		expect(result.output('SendKit', FOUND).map((item) => item.json.email)).toEqual(['known-aod@example.com']);
		expect(result.output('SendKit', NOT_FOUND).map((item) => item.json.email)).toEqual(['nobody-aod@example.com']);
	});

	it('left off (the default), an empty Found stays empty and Not Found carries the item: the same on n8n 2 and 3', async () => {
		const result = await run(getByEmailWorkflow, { email: 'nobody-aod@example.com' });

		expect(result.output('SendKit', FOUND)).toEqual([]);
		expect(result.output('SendKit', NOT_FOUND)).toEqual([{ json: { email: 'nobody-aod@example.com' }, pairedItem: { item: 0 } }]);
	});
});
