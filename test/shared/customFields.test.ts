import { z } from 'zod';

import { runWorkflow } from '../../dev/engine';
import { readCustomFields } from '../../nodes/shared/customFields';
import { fixture } from '../helpers/fixtures';
import { allCredentials, items, useWorld, withParameters } from '../helpers/world';

describe('custom fields', () => {
	const customFields = (fields: Record<string, unknown>) =>
		z
			.object({ customFields: z.unknown().optional(), customFieldsJson: z.unknown().optional() })
			.transform((value, context) => readCustomFields(value, context))
			.safeParse(fields);

	it('reads the name/value list, leaving out a field whose value is empty', () => {
		expect(customFields({ customFields: { field: [{ name: 'industry', value: 'SaaS' }, { name: 'empty', value: '' }] } }).data).toEqual({
			industry: 'SaaS',
		});
	});

	it('reads the JSON field as an object, its values as text', () => {
		expect(customFields({ customFieldsJson: { revenue: 10, vip: true } }).data).toEqual({ revenue: '10', vip: 'true' });
	});

	it('reads the JSON field typed as JSON text', () => {
		expect(customFields({ customFieldsJson: '{"plan": "pro"}' }).data).toEqual({ plan: 'pro' });
	});

	it('ignores a row left blank', () => {
		expect(customFields({ customFields: { field: [{ name: '', value: '' }, { name: 'a', value: 'b' }] } }).data).toEqual({ a: 'b' });
	});

	it('reads nothing when neither way was added', () => {
		expect(customFields({}).data).toEqual({});
	});

	it('refuses a row with a value but no name', () => {
		expect(customFields({ customFields: { field: [{ name: ' ', value: 'x' }] } }).error?.issues[0].message).toBe(
			'the row with value "x" needs a name',
		);
	});

	it('refuses a name given in both ways, whatever its case', () => {
		expect(customFields({ customFields: { field: [{ name: 'a', value: '1' }] }, customFieldsJson: { A: '2' } }).error?.issues[0].message).toBe(
			'"A" is given twice',
		);
	});

	it('refuses JSON text that does not parse', () => {
		expect(customFields({ customFieldsJson: '{not json' }).success).toBe(false);
	});

	it('refuses a nested object as a value', () => {
		expect(customFields({ customFieldsJson: { nested: { a: 1 } } }).success).toBe(false);
	});

	it('refuses a list without rows (what n8n leaves of one expression for the whole list), pointing to Custom Fields (JSON)', () => {
		expect(customFields({ customFields: {} }).error?.issues[0].message).toMatch(/^holds no name\/value rows.*"Custom Fields \(JSON\)"/);
	});
});

describe('Custom Fields given as one expression for the whole list', () => {
	const world = useWorld();
	const wholeListExpression = '={{ { field: [{ name: "industry", value: $json.industry }] } }}';
	const creates = [
		{ service: 'SendKit', node: 'SendKit', workflow: fixture('sendkit/lead/create'), errorOutput: 2, requests: () => world().sandbox.sendKit.control.requests },
		{ service: 'KickoffLabs', node: 'KickoffLabs', workflow: fixture('kickofflabs/lead/create'), errorOutput: 2, requests: () => world().sandbox.kickoffLabs.control.requests },
	];

	it.each(creates)('refuses the item in $service Create Lead, pointing to Custom Fields (JSON), and sends nothing', async ({ node, workflow, errorOutput, requests }) => {
		const withExpression = withParameters(workflow, node, { additionalFields: { customFields: wholeListExpression } });

		const result = await runWorkflow(world().engine, withExpression, {
			credentials: allCredentials(world().sandbox),
			input: items({ email: 'ada@example.com', industry: 'SaaS' }),
		});

		const errors = result.output(node, errorOutput);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(errors[0].json.error).toMatch(/^Invalid "Custom Fields" in item 0: holds no name\/value rows.*put that expression in "Custom Fields \(JSON\)"/);
		expect(requests()).toHaveLength(0);
	});
});
