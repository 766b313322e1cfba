import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { defineOperation } from '../../../shared/operation';
import { toolDescriptionProperty } from '../../../shared/toolDescription';
import { optionalTextSchema, tagsSchema, withoutUndefined } from '../../../shared/validation';
import { limitOf, returnAllProperties, returnAllSchema } from '../../../shared/returnAll';
import { collectPages } from '../../transport/pagination';
import { leadListEnvelopeSchema } from '../../transport/schemas';

const properties: INodeProperties[] = [
	toolDescriptionProperty(
		'Lists SendKit leads, optionally filtered (search text, tags, email verification status, company, phone). It changes nothing.',
		{
			success: 'one result per lead found: "_id", "email", names, company, tags and verification fields. No result means no lead matched.',
		},
	),
	...returnAllProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Email Status',
				name: 'emailStatus',
				type: 'string',
				default: '',
				placeholder: 'valid, risky',
				description:
					'Comma-separated verification results to keep, as SendKit\'s filter takes them (its docs show "valid,risky"; leads themselves carry deliverable, undeliverable, risky or unknown)',
			},
			{
				displayName: 'Email Type',
				name: 'emailType',
				type: 'options',
				default: 'all',
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Business', value: 'business' },
					{ name: 'Personal', value: 'personal' },
				],
			},
			{
				displayName: 'Email Verified',
				name: 'emailVerified',
				type: 'boolean',
				default: true,
				description: 'Whether to keep only leads whose email was verified (on) or only those not verified yet (off)',
			},
			{
				displayName: 'Has Company',
				name: 'hasCompany',
				type: 'boolean',
				default: true,
				description: 'Whether to keep only leads with a company name (on) or only those without (off)',
			},
			{
				displayName: 'Has Phone',
				name: 'hasPhone',
				type: 'boolean',
				default: true,
				description: 'Whether to keep only leads with a phone number (on) or only those without (off)',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				description: 'Text SendKit looks for in the email, name and company',
			},
			{
				displayName: 'SEG Protected',
				name: 'segProtected',
				type: 'boolean',
				default: true,
				description: 'Whether to keep only leads behind a Secure Email Gateway (on) or only those without one (off)',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'vip, enterprise',
				description: 'Comma-separated tags; a lead with any of them is kept',
			},
		],
	},
];

const bool = z.boolean({ invalid_type_error: 'must be true or false' }).optional();

/** The filters as GET /v1/leads takes them (docs/api-notes.md#sendkit-leads): lists as comma-separated text. */
const filtersSchema = z
	.object({
		search: optionalTextSchema,
		tags: tagsSchema.optional(),
		emailVerified: bool,
		emailStatus: tagsSchema.optional(),
		emailType: z.enum(['all', 'personal', 'business']).optional(),
		hasCompany: bool,
		hasPhone: bool,
		segProtected: bool,
	})
	.transform(({ tags, emailStatus, ...filters }) =>
		withoutUndefined({
			...filters,
			tags: tags && tags.length > 0 ? tags.join(',') : undefined,
			emailStatus: emailStatus && emailStatus.length > 0 ? emailStatus.join(',') : undefined,
		}),
	);

const inputSchema = z.intersection(returnAllSchema, z.object({ filters: filtersSchema }));

/** GET /v1/leads, every page or up to Limit: one output item per lead, in SendKit's order (the list's shorter lead). */
export const getAll = defineOperation({
	option: {
		name: 'Get Many',
		value: 'getAll',
		description: 'List leads, filtered by search, tags and email verification',
		action: 'Get many leads',
	},
	properties,
	input: inputSchema,
	send: async ({ run, input, itemIndex }): Promise<IDataObject[]> =>
		await collectPages(run, { method: 'GET', path: '/v1/leads', qs: input.filters, itemIndex }, leadListEnvelopeSchema, limitOf(input)),
});
