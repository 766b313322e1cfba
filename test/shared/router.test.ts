import type { IExecuteFunctions } from 'n8n-workflow';

import { runOperation } from '../../nodes/shared/router';
import { failureOf } from '../../nodes/shared/failureKind';
import { fakeNode } from './fakeNode';

/** A node set to a resource and an operation. */
function contextSetTo(resource: string, operation: string): IExecuteFunctions {
	const parameters: Record<string, string> = { resource, operation };
	const context: Partial<IExecuteFunctions> = {
		getNode: () => fakeNode(),
		getNodeParameter: ((name: string) => parameters[name]) as IExecuteFunctions['getNodeParameter'],
	};
	return context as IExecuteFunctions;
}

describe('runOperation', () => {
	it('refuses an operation the node does not have as an input error, before anything is sent', async () => {
		const error = await runOperation(contextSetTo('lead', 'teleport'), { lead: [] }).then(
			() => undefined,
			(thrown: Error) => thrown,
		);

		expect(error?.message).toBe('The operation "teleport" of "lead" is not supported');
		expect(failureOf(error as Error)).toEqual({ kind: 'input' });
	});
});
