import type { QueryObject, RecordedRequest } from './types';

export const REDACTED = '***';

const KEY_HEADERS = new Set(['x-api-key']);
// Scheme-style headers keep their scheme so a log still shows how the key was sent ("Bearer ***").
const TOKEN_HEADERS = new Set(['authorization', 'authentication']);
const KEY_PARAMS = new Set(['api_key']);

/**
 * Removes API keys from a request before it is logged: the places a key is sent are masked even when the key is
 * wrong (a typo'd key is still a secret), and any known key found elsewhere (inside a URL, a custom field) too.
 */
export function redactRequest(request: RecordedRequest, knownSecrets: readonly string[]): RecordedRequest {
	// Longest first, so a key that contains another one is masked whole.
	const secrets = [...knownSecrets].sort((a, b) => b.length - a.length);
	return {
		method: request.method,
		path: scrubSecrets(request.path, secrets),
		query: scrubValue(maskKeyParams(request.query), secrets) as QueryObject,
		headers: scrubValue(maskKeyHeaders(request.headers), secrets) as Record<string, string>,
		body: scrubValue(maskKeyParams(request.body), secrets),
	};
}

function maskKeyHeaders(headers: Record<string, string>): Record<string, string> {
	const masked: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (KEY_HEADERS.has(name)) masked[name] = REDACTED;
		else if (TOKEN_HEADERS.has(name)) masked[name] = maskFinalToken(value);
		else masked[name] = value;
	}
	return masked;
}

function maskFinalToken(value: string): string {
	const tokens = value.trim().split(/\s+/);
	tokens[tokens.length - 1] = REDACTED;
	return tokens.join(' ');
}

function maskKeyParams<T>(container: T): T {
	if (!isPlainObject(container)) return container;
	const masked: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(container)) masked[name] = KEY_PARAMS.has(name) ? REDACTED : value;
	return masked as T;
}

function scrubValue(value: unknown, secrets: readonly string[]): unknown {
	if (typeof value === 'string') return scrubSecrets(value, secrets);
	if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
	if (isPlainObject(value)) {
		const scrubbed: Record<string, unknown> = {};
		for (const [name, item] of Object.entries(value)) scrubbed[name] = scrubValue(item, secrets);
		return scrubbed;
	}
	return value;
}

function scrubSecrets(text: string, secrets: readonly string[]): string {
	return secrets.reduce((result, secret) => (secret ? result.split(secret).join(REDACTED) : result), text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
