import { z } from 'zod';

import { checkedAsReturned } from '../../nodes/shared/answerSchema';

/** Answers are checked where the node reads them and handed on as parsed, not copied (shared/answerSchema.ts). */
describe('checkedAsReturned', () => {
	const schema = checkedAsReturned({ id: z.number(), social_id: z.string() });

	it('hands on the very object it was given, every field kept', () => {
		const lead = JSON.parse('{"id": 7, "social_id": "36N38P", "rank": 3, "utm": {"source": "x"}}') as object;
		const parsed = schema.parse(lead);
		expect(parsed).toBe(lead);
		expect(parsed).toEqual({ id: 7, social_id: '36N38P', rank: 3, utm: { source: 'x' } });
	});

	it('reports a field that fails its check at its path, inside an envelope too', () => {
		const envelope = z.object({ data: schema });
		const failed = envelope.safeParse({ data: { id: '7', social_id: 'A' } });
		expect(failed.success).toBe(false);
		if (!failed.success) {
			expect(failed.error.issues).toHaveLength(1);
			expect(failed.error.issues[0].path).toEqual(['data', 'id']);
			expect(failed.error.issues[0].message).toContain('Expected number');
		}
	});

	it.each([null, 'text', [1], 3])('refuses %p where an object is expected', (value) => {
		expect(schema.safeParse(value).success).toBe(false);
	});
});
