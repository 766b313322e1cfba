import { z } from 'zod';

import type { QueryObject } from '../core/types';
import type { SendKitLeadChanges } from './store';

export const OBJECT_ID = /^[0-9a-f]{24}$/i;

const EMAIL_MESSAGE = 'email must be a valid email';
const BODY_MESSAGE = 'Request body must be a JSON object';
const LIMIT_MESSAGE = 'limit must be an integer between 1 and 100';

function optionalText(field: string) {
	return z.string({ invalid_type_error: `${field} must be a string` }).optional();
}

// Field messages follow the one documented pattern ("email must be a valid email") for every field.
const leadFieldsShape = {
	firstName: optionalText('firstName'),
	lastName: optionalText('lastName'),
	companyName: optionalText('companyName'),
	jobTitle: optionalText('jobTitle'),
	phone: optionalText('phone'),
	linkedinUrl: z
		.string({ invalid_type_error: 'linkedinUrl must be a valid uri' })
		.url({ message: 'linkedinUrl must be a valid uri' })
		.optional(),
	city: optionalText('city'),
	state: optionalText('state'),
	country: optionalText('country'),
	tags: z
		.array(z.string({ invalid_type_error: 'tags must be an array of strings' }), {
			invalid_type_error: 'tags must be an array of strings',
		})
		.optional(),
	customFields: z.record(z.unknown(), { invalid_type_error: 'customFields must be an object' }).optional(),
};

// Unknown keys are ignored rather than rejected, as the docs describe no strictness.
export const createLeadBodySchema = z.object(
	{
		email: z
			.string({ required_error: EMAIL_MESSAGE, invalid_type_error: EMAIL_MESSAGE })
			.trim()
			.toLowerCase()
			.email({ message: EMAIL_MESSAGE }),
		...leadFieldsShape,
	},
	{ invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE },
);

export const updateLeadBodySchema = z.object(leadFieldsShape, { invalid_type_error: BODY_MESSAGE, required_error: BODY_MESSAGE });

type LeadFieldsInput = z.infer<typeof updateLeadBodySchema>;

/** The API takes `phone` but stores and returns `phoneNumber`. */
export function toStoredFields({ phone, ...fields }: LeadFieldsInput): SendKitLeadChanges {
	return { ...fields, phoneNumber: phone };
}

export const listLeadsQuerySchema = z.object({
	search: z.string().optional(),
	tags: z.string().optional(),
	limit: z.coerce
		.number({ invalid_type_error: LIMIT_MESSAGE })
		.int(LIMIT_MESSAGE)
		.min(1, LIMIT_MESSAGE)
		.max(100, LIMIT_MESSAGE)
		.default(25),
	cursor: z.string().regex(OBJECT_ID, 'cursor must be a valid id').optional(),
});

/** Repeated query keys count once (first value) and empty values count as absent, so `?search=` means no search. */
export function singleValuedQuery(query: QueryObject): Record<string, string> {
	const single: Record<string, string> = {};
	for (const [name, value] of Object.entries(query)) {
		const first = Array.isArray(value) ? value[0] : value;
		if (first !== undefined && first !== '') single[name] = first;
	}
	return single;
}
