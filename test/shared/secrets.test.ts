import { scrubText, scrubValue, secretForms } from '../../nodes/shared/secrets';

describe('secretForms', () => {
	it('covers a secret as sent in a header and as written in a URL, longest first', () => {
		const forms = secretForms(['key with/slash+plus']);

		expect(forms).toEqual(
			expect.arrayContaining(['key with/slash+plus', 'key%20with%2Fslash%2Bplus', 'key%20with/slash+plus', 'key+with%2Fslash%2Bplus']),
		);
		expect(forms.map((form) => form.length)).toEqual([...forms.map((form) => form.length)].sort((a, b) => b - a));
	});

	it('leaves out secrets too short to search for, and missing ones', () => {
		expect(secretForms(['abc', undefined, ''])).toEqual([]);
	});
});

describe('scrubbing an answer', () => {
	const forms = secretForms(['s3cret key']);

	it('replaces every form of the secret in a text', () => {
		expect(scrubText('GET /v2?api_key=s3cret%20key and s3cret+key and s3cret key', forms)).toBe('GET /v2?api_key=*** and *** and ***');
	});

	it('replaces it in a copy of a JSON value, keys included, and leaves the original alone', () => {
		const answer = { echo: ['s3cret key'], 's3cret key': { nested: 'x s3cret%20key' }, count: 2 };

		expect(scrubValue(answer, forms)).toEqual({ echo: ['***'], '***': { nested: 'x ***' }, count: 2 });
		expect(answer.echo).toEqual(['s3cret key']);
	});
});
