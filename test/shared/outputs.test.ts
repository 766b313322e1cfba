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

	it('gives a node version below a change the outputs it had then, and a newer or unknown version today\'s', () => {
		const older = [{ below: 1.1, table: { lead: { verifyEmail: [] } } }];
		const today = { lead: { verifyEmail: ['Success', 'Not Found'] } };
		const verify = { resource: 'lead', operation: 'verifyEmail' };

		expect(outputsForParametersForTests(verify, today, defaults, 1, older)).toEqual([{ type: 'main' }]);
		expect(outputsForParametersForTests(verify, today, defaults, 1.1, older)).toHaveLength(2);
		expect(outputsForParametersForTests(verify, today, defaults, undefined, older)).toHaveLength(2);
		expect(outputsForParametersForTests({ resource: 'lead', operation: 'create' }, table, defaults, 1, older)).toEqual(createOutputs);
	});

	it('builds an expression with no "}}" inside, which would end it early', () => {
		const expression = outputsExpression({ a: { b: ['X'] } }, defaults);
		expect(expression.startsWith('={{')).toBe(true);
		expect(expression.slice(3, -2)).not.toContain('}}');
	});
});
