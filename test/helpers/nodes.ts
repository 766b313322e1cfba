/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import fs from 'node:fs';
import path from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { operations as kickoffLabsOperations } from '../../nodes/KickoffLabs/actions/router';
import { KickoffLabs } from '../../nodes/KickoffLabs/KickoffLabs.node';
import { operations as sendKitOperations } from '../../nodes/SendKit/actions/router';
import { SendKit } from '../../nodes/SendKit/SendKit.node';
import type { NodeOperations } from '../../nodes/shared/router';
import { repoRoot } from './world';

/** The node files the package ships (package.json's n8n.nodes), as nodes/<folder>/<Class>.node: the source of truth. */
export const shippedNodeFiles: string[] = (
	JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }
).n8n.nodes.map((file) => file.replace(/^dist\//, '').replace(/\.js$/, ''));

/** The folder below nodes/ that holds a node class, as package.json ships it. */
function folderOf(node: INodeType): string {
	const file = shippedNodeFiles.find((candidate) => candidate.endsWith(`/${node.constructor.name}.node`));
	if (!file) throw new Error(`package.json ships no ${node.constructor.name}.node.js`);
	return file.split('/')[1];
}

/**
 * Every node with operations (the triggers have none), each with the operations its resources list, for the rules that
 * hold for every operation of every node. test/scenarios/operations.test.ts checks the list against package.json.
 */
export const actionNodes: Array<{ folder: string; node: INodeType; operations: NodeOperations }> = [
	{ node: new SendKit(), operations: sendKitOperations },
	{ node: new KickoffLabs(), operations: kickoffLabsOperations },
].map((entry) => ({ ...entry, folder: folderOf(entry.node) }));
