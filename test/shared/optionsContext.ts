import type { IExecuteFunctions } from 'n8n-workflow';

import { fakeNode } from './fakeNode';

/** Just what the options are read from: the input items and the first item's Options collection. */
export function contextWithOptions(options: Record<string, unknown>, itemCount = 2): IExecuteFunctions {
	const context: Partial<IExecuteFunctions> = {
		getNode: () => fakeNode(),
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		getNodeParameter: ((name: string, _itemIndex: number, fallback: unknown) =>
			options[name.replace(/^options\./, '')] ?? fallback) as IExecuteFunctions['getNodeParameter'],
	};
	return context as IExecuteFunctions;
}
