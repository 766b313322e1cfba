import type { ZodError } from 'zod';

import { RATE_LIMIT_MESSAGE, STATUS_REASONS } from '../core/faults';
import type { SandboxResponse } from '../core/types';

const GENERIC_MESSAGES: Record<number, string> = {
	400: 'Bad request',
	401: 'Invalid or missing API key',
	403: "You don't have permission to access this resource",
	404: 'The requested resource was not found',
	429: RATE_LIMIT_MESSAGE,
};

/**
 * `{ success: true, data, pagination? }`, the envelope of every success (docs/api-notes.md#sendkit-success-envelope).
 */
export function ok(data: unknown, status = 200, extra: Record<string, unknown> = {}): SandboxResponse {
	return { status, body: { success: true, data, ...extra } };
}

/** Shape 2 of the docs (docs/api-notes.md#sendkit-error-bodies): `{error, message, code}`. */
export function genericError(status: number, message?: string): SandboxResponse {
	return { status, body: genericErrorBody(status, message) };
}

export function genericErrorBody(status: number, message?: string): { error: string; message: string; code: number } {
	const fallback = status >= 500 ? 'An unexpected error occurred' : 'Error';
	return { error: STATUS_REASONS[status] ?? 'Error', message: message ?? GENERIC_MESSAGES[status] ?? fallback, code: status };
}

/**
 * Shape 1 of the docs (docs/api-notes.md#sendkit-error-bodies): `{success:false, error:{code, message, ...details}}`.
 */
export function resourceError(status: number, code: string, message: string, details: Record<string, unknown> = {}): SandboxResponse {
	return { status, body: { success: false, error: { code, message, ...details } } };
}

export function validationError(error: ZodError): SandboxResponse {
	return validationErrorBody(error.issues[0]?.message ?? 'Invalid request');
}

export function validationErrorBody(message: string): SandboxResponse {
	return resourceError(400, 'VALIDATION_ERROR', message);
}
