import { z } from 'zod';

import { readCustomFields } from '../../nodes/shared/customFields';

describe('custom fields', () => {
	const customFields = (fields: Record<string, unknown>) =>
		z
			.object({ customFields: z.unknown().optional(), customFieldsJson: z.unknown().optional() })
			.transform((value, context) => readCustomFields(value, context))
			.safeParse(fields);

	it('reads custom fields from the name/value list and the JSON field, skipping empty values and blank rows', () => {
		expect(customFields({ customFields: { field: [{ name: 'industry', value: 'SaaS' }, { name: 'empty', value: '' }] } }).data).toEqual({
			industry: 'SaaS',
		});
		expect(customFields({ customFieldsJson: { revenue: 10, vip: true } }).data).toEqual({ revenue: '10', vip: 'true' });
		expect(customFields({ customFieldsJson: '{"plan": "pro"}' }).data).toEqual({ plan: 'pro' });
		expect(customFields({ customFields: { field: [{ name: '', value: '' }, { name: 'a', value: 'b' }] } }).data).toEqual({ a: 'b' });
		expect(customFields({ customFields: { field: [{ name: ' ', value: 'x' }] } }).error?.issues[0].message).toBe(
			'the row with value "x" needs a name',
		);
		expect(customFields({ customFields: { field: [{ name: 'a', value: '1' }] }, customFieldsJson: { A: '2' } }).error?.issues[0].message).toBe(
			'"A" is given twice',
		);
		expect(customFields({ customFieldsJson: '{not json' }).success).toBe(false);
		expect(customFields({ customFieldsJson: { nested: { a: 1 } } }).success).toBe(false);
	});
});
