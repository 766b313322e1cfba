import { jsonObjectSchema } from '../core/json';
import type { JsonObject, JsonValue, SandboxRequest } from '../core/types';

/**
 * KickoffLabs "normalizes request parameters internally" (docs/api-notes.md#kickofflabs-authentication): query string
 * and body are one bag of parameters, the body winning on a clash. Rails-style brackets are understood: `email[]=a`,
 * `email[0]=a` (arrays) and `custom_fields[plan]=pro` (objects).
 */
export function collectParams(request: SandboxRequest): JsonObject {
	const body = jsonObjectSchema.safeParse(request.body);
	return { ...expandBrackets(request.query), ...expandBrackets(body.success ? body.data : {}) };
}

function expandBrackets(raw: JsonObject): JsonObject {
	const params: JsonObject = {};
	for (const [rawName, value] of Object.entries(raw)) {
		const bracket = /^([^[\]]+)\[([^[\]]*)\]$/.exec(rawName);
		if (!bracket) params[rawName] = value;
		else if (bracket[2] === '' || /^\d+$/.test(bracket[2])) appendToArray(params, bracket[1], Array.isArray(value) ? value : [value]);
		else setInObject(params, bracket[1], bracket[2], Array.isArray(value) ? value[value.length - 1] : value);
	}
	return params;
}

function appendToArray(params: JsonObject, name: string, values: JsonValue[]): void {
	const existing = params[name];
	const current: JsonValue[] = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
	params[name] = [...current, ...values];
}

function setInObject(params: JsonObject, name: string, key: string, value: JsonValue): void {
	const existing = params[name];
	const current = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? existing : {};
	params[name] = { ...current, [key]: value };
}

/** A single text value: numbers and booleans as text, the first element of an array, blank as absent. */
export function textParam(params: JsonObject, name: string): string | undefined {
	const value = params[name];
	const first = Array.isArray(value) ? value[0] : value;
	if (typeof first === 'string') return first.trim() === '' ? undefined : first.trim();
	if (typeof first === 'number' || typeof first === 'boolean') return String(first);
	return undefined;
}

/** Every text value of a parameter sent once or as an array. */
export function listParam(params: JsonObject, name: string): string[] {
	const value = params[name];
	const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
	return values.flatMap((item) => {
		const text = textParam({ item }, 'item');
		return text === undefined ? [] : [text];
	});
}

export function flagParam(params: JsonObject, name: string): boolean {
	const text = textParam(params, name)?.toLowerCase();
	return text === '1' || text === 'true' || text === 'yes' || text === 'on';
}

export function hasParam(params: JsonObject, name: string): boolean {
	return params[name] !== undefined && params[name] !== null;
}
