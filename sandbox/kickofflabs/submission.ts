import type { JsonObject, JsonValue, SandboxResponse } from '../core/types';
import { flagParam, hasParam, listParam, textParam } from './params';
import { MISSING_IDENTIFIER, kickoffLabsMessage } from './responses';

/** What a create-or-update request asks for, once its parameters are sorted out. */
export interface LeadSubmission {
	email?: string;
	phoneNumber?: string;
	firstName?: string;
	familyName?: string;
	customFields: Record<string, string>;
	uid?: string;
	ip?: string;
	referrer?: string;
	utm: Record<string, string>;
	/** Social id of the lead who referred this one (credited only when the lead is new). */
	referrerSocialId?: string;
	points?: number;
	mustExist: boolean;
	keepOptOut: boolean;
}

// Everything else becomes a custom field (docs/api-notes.md#kickofflabs-create-or-update-a-lead). `referrer` (legacy
// name of __referrer) and utm_* are reserved here too, because they have their own response fields.
const RESERVED_PARAMS: ReadonlySet<string> = new Set([
	'api_key',
	'email',
	'phone_number',
	'country_code',
	'ip',
	'must_exist',
	'redirect_url',
	'points',
	'social_id',
	'kid',
	'first_name',
	'last_name',
	'given_name',
	'family_name',
	'campaign_id',
	'list_id',
	'campaignId',
	'custom_fields',
	'referrer',
]);

const EMAIL_FORMAT = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_POINTS = 99999;

export function parseSubmission(params: JsonObject, authenticated: boolean): { submission: LeadSubmission } | { error: SandboxResponse } {
	const email = textParam(params, 'email')?.toLowerCase();
	const phoneNumber = phoneNumberOf(params);
	if (!email && !phoneNumber) return { error: MISSING_IDENTIFIER };
	if (email && !EMAIL_FORMAT.test(email)) return { error: kickoffLabsMessage(400, 'Email is invalid') };

	// Custom points are honoured only on authenticated requests and silently ignored otherwise
	// (docs/api-notes.md#kickofflabs-create-or-update-a-lead).
	let points: number | undefined;
	if (authenticated && hasParam(params, 'points')) {
		const parsed = parsePoints(params);
		if ('error' in parsed) return parsed;
		points = parsed.points;
	}

	const pageUrl = parseUrl(textParam(params, '__url'));
	return {
		submission: {
			email,
			phoneNumber,
			firstName: textParam(params, 'first_name') ?? textParam(params, 'given_name'),
			familyName: textParam(params, 'last_name') ?? textParam(params, 'family_name'),
			customFields: customFieldsOf(params),
			uid: textParam(params, '__uid'),
			ip: textParam(params, 'ip'),
			referrer: textParam(params, '__referrer') ?? textParam(params, '__ref') ?? textParam(params, 'referrer'),
			utm: { ...utmOfUrl(pageUrl), ...utmOfParams(params) },
			referrerSocialId: textParam(params, 'social_id') ?? textParam(params, 'kid') ?? pageUrl?.searchParams.get('kid') ?? undefined,
			points,
			mustExist: flagParam(params, 'must_exist'),
			keepOptOut: flagParam(params, '__do_not_reset_opt_out'),
		},
	};
}

/** `points`: a number within ±99999 (docs: points endpoint). */
export function parsePoints(params: JsonObject): { points: number } | { error: SandboxResponse } {
	const text = textParam(params, 'points');
	const points = text === undefined ? Number.NaN : Number(text);
	if (!Number.isFinite(points)) return { error: kickoffLabsMessage(409, 'No points value found') };
	if (Math.abs(points) > MAX_POINTS) return { error: kickoffLabsMessage(409, 'Max Points Exceeded') };
	return { points };
}

/**
 * `country_code` is prepended to the number (docs/api-notes.md#kickofflabs-create-or-update-a-lead), with a "+" when
 * the code has none.
 */
function phoneNumberOf(params: JsonObject): string | undefined {
	const phone = textParam(params, 'phone_number');
	const countryCode = textParam(params, 'country_code');
	if (!phone || !countryCode) return phone;
	return `${countryCode.startsWith('+') ? countryCode : `+${countryCode}`}${phone}`;
}

function isReserved(name: string): boolean {
	return RESERVED_PARAMS.has(name) || name.startsWith('__') || name.toLowerCase().startsWith('utm_');
}

/**
 * Names lower-cased (docs/api-notes.md#kickofflabs-create-or-update-a-lead); values kept as text, as a form-based API
 * stores them.
 */
function customFieldsOf(params: JsonObject): Record<string, string> {
	const fields: Record<string, string> = {};
	const explicit = params.custom_fields;
	const sources: [string, JsonValue][] = [
		...Object.entries(params).filter(([name]) => !isReserved(name)),
		...(typeof explicit === 'object' && explicit !== null && !Array.isArray(explicit) ? Object.entries(explicit) : []),
	];
	for (const [name, value] of sources) {
		const text = customFieldText(value);
		if (text !== undefined) fields[name.toLowerCase()] = text;
	}
	return fields;
}

function customFieldText(value: JsonValue): string | undefined {
	if (value === null) return undefined;
	return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function parseUrl(text: string | undefined): URL | undefined {
	if (!text) return undefined;
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

function utmOfUrl(url: URL | undefined): Record<string, string> {
	const utm: Record<string, string> = {};
	for (const [name, value] of url?.searchParams ?? []) {
		if (name.toLowerCase().startsWith('utm_')) utm[name.toLowerCase()] = value;
	}
	return utm;
}

function utmOfParams(params: JsonObject): Record<string, string> {
	const utm: Record<string, string> = {};
	for (const name of Object.keys(params).filter((key) => key.toLowerCase().startsWith('utm_'))) {
		const value = listParam(params, name)[0];
		if (value !== undefined) utm[name.toLowerCase()] = value;
	}
	return utm;
}
