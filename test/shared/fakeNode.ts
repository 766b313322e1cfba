import type { INode } from 'n8n-workflow';

/** A SendKit node as n8n describes it to the code under test, with the fields a test sets. */
export function fakeNode(fields: Partial<INode> = {}): INode {
	return {
		id: '1',
		name: 'SendKit',
		type: 'n8n-nodes-lead-capture.sendKit',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		...fields,
	};
}
