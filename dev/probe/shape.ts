/**
 * The shape of an answer without its values (`{success: boolean, error: {code: string}}`), so an unexpected answer
 * can be printed without carrying a lead's data or a key.
 */
export function shapeOf(value: unknown, depth = 0): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${shapeOf(value[0], depth + 1)}, …${value.length}]`;
	if (typeof value !== 'object') return typeof value;
	const entries = Object.entries(value as Record<string, unknown>);
	if (entries.length === 0) return '{}';
	if (depth >= 2) return '{…}';
	return `{${entries.map(([key, entry]) => `${key}: ${shapeOf(entry, depth + 1)}`).join(', ')}}`;
}

/** `HTTP 404 {message: string}`: an answer's status and shape. */
export function answerShape(answer: { status: number; data: unknown }): string {
	return `HTTP ${answer.status} ${answer.data === '' || answer.data === undefined ? '(no body)' : shapeOf(answer.data)}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
