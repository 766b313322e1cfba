import { outputsExpression, outputsForParametersForTests } from '../../nodes/shared/outputs';

describe('outputs by operation', () => {
	const table = { lead: { create: ['Created', 'Already Exists'] } };
	const defaults = { resource: 'lead', operation: 'create' };

	it('names the outputs of branching operations and gives others a single output', () => {
		expect(outputsForParametersForTests({ resource: 'lead', operation: 'create' }, table, defaults)).toEqual([
			{ type: 'main', displayName: 'Created' },
			{ type: 'main', displayName: 'Already Exists' },
		]);
		expect(outputsForParametersForTests({}, table, defaults)).toHaveLength(2);
		expect(outputsForParametersForTests({ resource: 'campaign', operation: 'getAll' }, table, defaults)).toEqual([
			{ type: 'main' },
		]);
	});

	it('builds an expression with no "}}" inside, which would end it early', () => {
		const expression = outputsExpression({ a: { b: ['X'] } }, defaults);
		expect(expression.startsWith('={{')).toBe(true);
		expect(expression.slice(3, -2)).not.toContain('}}');
	});
});
