/** The fields of a KickoffLabs signup (Create or Update): what the node shows, how each is checked, and its label. */

import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { customFieldsProperties, customFieldsShape, readCustomFields } from '../../shared/customFields';
import { concurrencyOption, timeoutOption } from '../../shared/sendSettings';
import { blankToUndefined, optionalEmailSchema, optionalTextSchema, optionalUrlSchema } from '../../shared/validation';
import { phoneNumberSchema, socialIdSchema } from './identifier.fields';

/** Create and Update send the same request (POST /v2/{campaign_id}); Update adds `must_exist`. */
export type UpsertMode = 'create' | 'update';

/** The Source sent when none is set, so leads from n8n are recognisable in KickoffLabs. */
export const DEFAULT_SOURCE = 'n8n';

/** KickoffLabs accepts at most 99999 points in one call ("Max Points Exceeded"). */
export const MAX_POINTS = 99999;

/**
 * Names KickoffLabs reads as its own parameters rather than custom fields
 * (docs/api-notes.md#kickofflabs-create-or-update-a-lead and the legacy API): a custom field with one of these names
 * would change the request (the lead's email, the referrer, the API key), so it is refused. Names starting with "_" are
 * reserved too (`__url`, `__source`, ...).
 */
const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
	'api_key', 'email', 'emails', 'phone_number', 'country_code', 'ip', 'must_exist', 'redirect_url', 'points',
	'social_id', 'kid', 'id', 'first_name', 'last_name', 'given_name', 'family_name', 'campaign_id', 'campaignid',
	'list_id', 'lid', 'laid', 'landing_page_id', 'custom_fields', 'referrer', 'controller', 'action', 'format',
]);

/** Whole points between min and max, from the number field or an expression's text. */
export function pointsSchema(min: number, max: number) {
	return z.preprocess(
		(value) => {
			const given = blankToUndefined(value);
			return typeof given === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(given) ? Number(given) : given;
		},
		z
			.number({ required_error: 'is required', invalid_type_error: 'must be a whole number' })
			.int('must be a whole number')
			.min(min, `must be at least ${min}`)
			.max(max, `must be at most ${max}`),
	);
}

/**
 * Points on a signup set the lead's score. The field shows 0 when added, so 0 (or empty) is never sent: an untouched
 * default must not reset an existing lead's score. Use Add Points to lower a score.
 */
const signupPointsSchema = z.preprocess(blankToUndefined, pointsSchema(0, MAX_POINTS).optional()).transform((points) =>
	points === 0 ? undefined : points,
);

const optionalPhoneSchema = z.preprocess(blankToUndefined, phoneNumberSchema.optional());
const optionalSocialIdSchema = z.preprocess(blankToUndefined, socialIdSchema.optional());
const optionalIpSchema = z.preprocess(
	blankToUndefined,
	z.string({ invalid_type_error: 'must be text' }).trim().ip({ message: 'must be an IPv4 or IPv6 address, like 203.0.113.7' }).optional(),
);

/** Custom fields as the extra parameters KickoffLabs stores them from: lowercased names, text values, none reserved. */
function customFieldParameters(customFields: Record<string, string>, context: z.RefinementCtx): Record<string, string> {
	const parameters: Record<string, string> = {};
	for (const [rawName, value] of Object.entries(customFields)) {
		const name = rawName.trim().toLowerCase();
		if (name.startsWith('_') || RESERVED_FIELD_NAMES.has(name)) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['customFields'],
				message: `"${rawName}" is a name KickoffLabs reserves for its own parameters; use the matching field of the node, or another name`,
			});
		}
		parameters[name] = value;
	}
	return parameters;
}

const additionalFieldsSchema = z
	.object({
		firstName: optionalTextSchema,
		lastName: optionalTextSchema,
		phoneNumber: optionalPhoneSchema,
		referrerSocialId: optionalSocialIdSchema,
		ipAddress: optionalIpSchema,
		signupUrl: optionalUrlSchema,
		referrerUrl: optionalUrlSchema,
		userAgent: optionalTextSchema,
		source: optionalTextSchema,
		externalUid: optionalTextSchema,
		points: signupPointsSchema,
		...customFieldsShape,
	})
	.transform(({ customFields, customFieldsJson, ...fields }, context) => ({
		...fields,
		customFields: customFieldParameters(readCustomFields({ customFields, customFieldsJson }, context), context),
	}));

const optionsSchema = z.object({
	skipUrls: z.boolean().optional(),
	skipActions: z.boolean().optional(),
	doNotResetOptOut: z.boolean().optional(),
});

export const signupInputSchema = z.object({ email: optionalEmailSchema, additionalFields: additionalFieldsSchema, options: optionsSchema });

export type SignupInput = z.infer<typeof signupInputSchema>;

/**
 * Update keeps an opted-out lead opted out unless turned off; a signup (Create) re-subscribes it, as KickoffLabs does.
 */
const KEEP_OPT_OUT: Record<UpsertMode, INodeProperties> = {
	update: {
		displayName: 'Keep Opt-Out',
		name: 'doNotResetOptOut',
		type: 'boolean',
		default: true,
		description:
			'Whether a lead that opted out stays opted out (sends __do_not_reset_opt_out). On unless turned off here; off re-subscribes the lead.',
	},
	create: {
		displayName: 'Keep Opt-Out',
		name: 'doNotResetOptOut',
		type: 'boolean',
		default: false,
		description:
			'Whether an existing lead that opted out stays opted out (sends __do_not_reset_opt_out). Without it, signing up again re-subscribes the lead.',
	},
};

/** The parameters of Create and Update, as the node shows them (the operation adds its display options). */
export function signupProperties(mode: UpsertMode): INodeProperties[] {
	return [
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description:
				mode === 'create'
					? 'Email of the lead. Either this or Phone Number (under Additional Fields) is required. Spaces are trimmed and it is lowercased.'
					: 'Email of the lead to update. Either this or Phone Number (under Additional Fields) is required.',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: additionalFieldOptions(mode),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				concurrencyOption,
				KEEP_OPT_OUT[mode],
				{
					displayName: 'Skip Actions in Response',
					name: 'skipActions',
					type: 'boolean',
					default: false,
					description: 'Whether to leave the completed action IDs out of the returned lead (sends __skip_actions)',
				},
				{
					displayName: 'Skip URLs in Response',
					name: 'skipUrls',
					type: 'boolean',
					default: false,
					description: 'Whether to leave the status, thank-you and unsubscribe URLs out of the returned lead (sends __skip_urls)',
				},
				timeoutOption,
			],
		},
	];
}

function additionalFieldOptions(mode: UpsertMode): INodeProperties[] {
	return [
		...customFieldsProperties(
			'Fields stored on the lead, sent as extra parameters. Names are lowercased, as KickoffLabs stores them.',
			{ name: 'company', value: 'Acme' },
		),
		{
			displayName: 'External User ID',
			name: 'externalUid',
			type: 'string',
			default: '',
			description: 'Your own ID for this person (sent as __uid)',
		},
		{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
		{
			displayName: 'IP Address',
			name: 'ipAddress',
			type: 'string',
			default: '',
			placeholder: '203.0.113.7',
			description: 'The lead\'s IP address. Without it KickoffLabs records the IP of the n8n server.',
		},
		{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+15551234567',
			description: 'Phone number of the lead, for SMS-enabled campaigns. Required when Email is empty.',
		},
		{
			displayName: 'Points',
			name: 'points',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_POINTS, numberPrecision: 0 },
			default: 0,
			description:
				'Sets the lead\'s points (1 to 99999). 0 is not sent, so adding this field never resets a score by accident; to lower a score, use the Add Points operation.',
		},
		{
			displayName: 'Referrer Social ID',
			name: 'referrerSocialId',
			type: 'string',
			default: '',
			placeholder: '36N38P',
			description:
				mode === 'create'
					? 'Social ID (the kid of a referral link) of the lead who referred this one: that lead gets the referral credit'
					: 'Social ID (the kid of a referral link) of the lead who referred this one',
		},
		{
			displayName: 'Referrer URL',
			name: 'referrerUrl',
			type: 'string',
			default: '',
			placeholder: 'https://news.example.com/article',
			description: 'The page that sent the lead to the signup page (sent as __referrer)',
		},
		{
			displayName: 'Signup URL',
			name: 'signupUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/?utm_source=newsletter',
			description: 'The URL the lead signed up on (sent as __url). KickoffLabs reads UTM and kid parameters from it.',
		},
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			default: DEFAULT_SOURCE,
			description: 'Where the lead came from (sent as __source). When not set, "n8n" is sent.',
		},
		{
			displayName: 'User Agent',
			name: 'userAgent',
			type: 'string',
			default: '',
			description: 'The lead\'s browser user agent (sent as __user_agent)',
		},
	];
}
