import { outputsExpression, outputsForParametersForTests } from '../../nodes/shared/outputs';

describe('outputs by operation', () => {
	const table = { lead: { create: ['Created', 'Existing Lead'] } };
	const defaults = { resource: 'lead', operation: 'create' };
	const createOutputs = [
		{ type: 'main', displayName: 'Created' },
		{ type: 'main', displayName: 'Existing Lead' },
	];

	it('names the outputs of branching operations and gives others a single output', () => {
		expect(outputsForParametersForTests({ resource: 'lead', operation: 'create' }, table, defaults)).toEqual(createOutputs);
		expect(outputsForParametersForTests({ resource: 'campaign', operation: 'getAll' }, table, defaults)).toEqual([
			{ type: 'main' },
		]);
	});

	it('names the outputs of the default resource and operation when the saved workflow omits both', () => {
		expect(outputsForParametersForTests({}, table, defaults)).toEqual(createOutputs);
	});

	it('builds an expression with no "}}" inside, which would end it early', () => {
		const expression = outputsExpression({ a: { b: ['X'] } }, defaults);
		expect(expression.startsWith('={{')).toBe(true);
		expect(expression.slice(3, -2)).not.toContain('}}');
	});
});
