import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { FieldLabels } from '../../../shared/validation';
import {
	customFieldsProperty,
	customFieldsSchema,
	optionalTextSchema,
	optionalUrlSchema,
	tagsSchema,
	withoutUndefined,
} from '../../../shared/validation';

/** The lead fields SendKit accepts on create and update (docs: POST /v1/leads), as the node shows them. */
export const leadFieldOptions: INodeProperties[] = [
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'US' },
	customFieldsProperty('Free-form fields stored on the lead. On update they are merged into the existing ones.', {
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

export const leadFieldLabels: FieldLabels = {
	email: 'Email',
	firstName: 'First Name',
	lastName: 'Last Name',
	companyName: 'Company Name',
	jobTitle: 'Job Title',
	phone: 'Phone',
	linkedinUrl: 'LinkedIn URL',
	city: 'City',
	state: 'State',
	country: 'Country',
	tags: 'Tags',
	customFields: 'Custom Fields',
	leadId: 'Lead ID',
};

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
		customFields: customFieldsSchema.optional(),
	})
	.transform(({ tags, customFields, ...fields }) =>
		withoutUndefined({
			...fields,
			tags: tags && tags.length > 0 ? tags : undefined,
			customFields: customFields && Object.keys(customFields).length > 0 ? customFields : undefined,
		}),
	);

export type LeadFields = z.infer<typeof leadFieldsSchema>;
