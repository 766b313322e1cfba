import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { customFieldsProperties, customFieldsShape, readCustomFields } from '../../shared/customFields';
import { optionalTextSchema, optionalUrlSchema, tagsSchema, withoutUndefined } from '../../shared/validation';

/** The lead fields SendKit accepts on create and update (docs: POST /v1/leads), as the node shows them. */
export const leadFieldOptions: INodeProperties[] = [
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'US' },
	...customFieldsProperties('Free-form fields stored on the lead. On update they are merged into the existing ones.', {
		name: 'industry',
		value: 'SaaS',
	}),
	{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
	{ displayName: 'Job Title', name: 'jobTitle', type: 'string', default: '' },
	{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
	{
		displayName: 'LinkedIn URL',
		name: 'linkedinUrl',
		type: 'string',
		default: '',
		placeholder: 'https://linkedin.com/in/johndoe',
	},
	{ displayName: 'Phone', name: 'phone', type: 'string', default: '', placeholder: '+1-555-123-4567' },
	{ displayName: 'State', name: 'state', type: 'string', default: '', placeholder: 'CA' },
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'vip, enterprise',
		description: 'Comma-separated tags, or a list from an expression',
	},
];

/** Additional Fields as the request body wants them: only what the user set. */
export const leadFieldsSchema = z
	.object({
		firstName: optionalTextSchema,
		lastName: optionalTextSchema,
		companyName: optionalTextSchema,
		jobTitle: optionalTextSchema,
		phone: optionalTextSchema,
		linkedinUrl: optionalUrlSchema,
		city: optionalTextSchema,
		state: optionalTextSchema,
		country: optionalTextSchema,
		tags: tagsSchema.optional(),
		...customFieldsShape,
	})
	.transform(({ tags, customFields, customFieldsJson, ...fields }, context) => {
		const custom = readCustomFields({ customFields, customFieldsJson }, context);
		return withoutUndefined({
			...fields,
			tags: tags && tags.length > 0 ? tags : undefined,
			customFields: Object.keys(custom).length > 0 ? custom : undefined,
		});
	});

export type LeadFields = z.infer<typeof leadFieldsSchema>;
