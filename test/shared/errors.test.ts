import { parseApiError } from '../../nodes/shared/errors';

describe('parseApiError', () => {
	it('reads SendKit resource errors', () => {
		expect(
			parseApiError({ success: false, error: { code: 'CONFLICT', message: 'Lead with this email already exists' } }),
		).toEqual({ code: 'CONFLICT', message: 'Lead with this email already exists' });
	});

	it('reads generic HTTP errors', () => {
		expect(parseApiError({ error: 'Forbidden', message: "You don't have permission", code: 403 })).toEqual({
			code: '403',
			message: "You don't have permission",
		});
	});

	it('reads KickoffLabs {message} and {error} bodies, and raw text', () => {
		expect(parseApiError({ message: 'No lead found' })).toEqual({ message: 'No lead found', code: undefined });
		expect(parseApiError({ error: 'Invalid API key' })).toEqual({ message: 'Invalid API key', code: undefined });
		expect(parseApiError('<html>Bad gateway</html>')).toEqual({ message: '<html>Bad gateway</html>' });
		expect(parseApiError(undefined)).toEqual({});
	});
});
