import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { earlierOutcomes } from '../../nodes/shared/replay';
import { fakeNode } from './fakeNode';

/** Just what the replay record reads: the input items and the node's name. */
function tryOf(input: INodeExecutionData[], nodeName: string): IExecuteFunctions {
	const context: Partial<IExecuteFunctions> = {
		getInputData: () => input,
		getNode: () => fakeNode({ name: nodeName }),
	};
	return context as IExecuteFunctions;
}

describe('earlierOutcomes (n8n\'s Retry On Fail)', () => {
	it('gives a later try of the node on the same input what the earlier try recorded', () => {
		const input = [{ json: { email: 'a@example.com' } }];
		earlierOutcomes<string>(tryOf(input, 'Create')).set(0, 'created');

		expect(earlierOutcomes<string>(tryOf(input, 'Create')).get(0)).toBe('created');
	});

	it('keeps the records of other nodes and other inputs apart', () => {
		const input = [{ json: { email: 'a@example.com' } }];
		earlierOutcomes<string>(tryOf(input, 'Create')).set(0, 'created');

		expect(earlierOutcomes<string>(tryOf(input, 'Update')).size).toBe(0);
		expect(earlierOutcomes<string>(tryOf([{ json: { email: 'a@example.com' } }], 'Create')).size).toBe(0);
	});
});
