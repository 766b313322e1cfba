import { z } from 'zod';

import { emailSchema, optionalUrlSchema, tagsSchema } from '../../nodes/shared/validation';

describe('validation schemas', () => {
	it('trims and lowercases emails, and rejects what is not one', () => {
		expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
		expect(emailSchema.safeParse('ada@').success).toBe(false);
		expect(emailSchema.safeParse('').error?.issues[0].message).toBe('is required');
		expect(emailSchema.safeParse(42).error?.issues[0].message).toBe('must be text');
	});

	it('reads tags from comma-separated text or a list, dropping blanks', () => {
		expect(tagsSchema.parse('vip, enterprise,, ')).toEqual(['vip', 'enterprise']);
		expect(tagsSchema.parse(['a', ' b ', 3])).toEqual(['a', 'b', '3']);
		expect(tagsSchema.safeParse({ a: 1 }).success).toBe(false);
	});

	it('accepts only http(s) URLs, and treats an empty one as not given', () => {
		expect(optionalUrlSchema.parse('https://linkedin.com/in/ada')).toBe('https://linkedin.com/in/ada');
		expect(optionalUrlSchema.parse('')).toBeUndefined();
		expect(optionalUrlSchema.safeParse('linkedin.com/in/ada').success).toBe(false);
		expect(optionalUrlSchema.safeParse('ftp://example.com').success).toBe(false);
		expect(z.object({ u: optionalUrlSchema }).parse({})).toEqual({});
	});
});
