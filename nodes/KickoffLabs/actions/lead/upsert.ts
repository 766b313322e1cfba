import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { isSuccess, parseResponseBody } from '../../../shared/responses';
import {
	customFieldsProperty,
	customFieldsSchema,
	failInput,
	optionalEmailSchema,
	optionalTextSchema,
	optionalUrlSchema,
	parseItemInput,
	withoutUndefined,
} from '../../../shared/validation';
import {
	SERVICE_NAME,
	campaignPath,
	flag,
	isLeadNotFound,
	kickoffLabsError,
	kickoffLabsRequest,
} from '../../transport';
import type { KickoffLabsLead } from '../../transport/responses';
import { upsertedLeadSchema } from '../../transport/responses';
import { blankToUndefined, campaignIdFor, fieldLabels, phoneNumberSchema, socialIdSchema } from '../common';

/** Create and Update send the same request (POST /v2/{campaign_id}); Update adds `must_exist`. */
export type UpsertMode = 'create' | 'update';

/** The Source sent when none is set, so leads from n8n are recognisable in KickoffLabs. */
export const DEFAULT_SOURCE = 'n8n';

/** KickoffLabs accepts at most 99999 points (docs: points endpoint); on create they set the lead's score. */
const MAX_POINTS = 99999;

/**
 * Names KickoffLabs reads as its own parameters rather than custom fields (docs §2.1 and the legacy API): a custom
 * field with one of these names would change the request (the lead's email, the referrer, the API key), so it is
 * refused. Names starting with "_" are reserved too (`__url`, `__source`, ...).
 */
const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set([
	'api_key',
	'email',
	'emails',
	'phone_number',
	'country_code',
	'ip',
	'must_exist',
	'redirect_url',
	'points',
	'social_id',
	'kid',
	'id',
	'first_name',
	'last_name',
	'given_name',
	'family_name',
	'campaign_id',
	'campaignid',
	'list_id',
	'lid',
	'laid',
	'landing_page_id',
	'custom_fields',
	'referrer',
	'controller',
	'action',
	'format',
]);

const optionalPhoneSchema = z.preprocess(blankToUndefined, phoneNumberSchema.optional());
const optionalSocialIdSchema = z.preprocess(blankToUndefined, socialIdSchema.optional());

const optionalIpSchema = z.preprocess(
	blankToUndefined,
	z
		.string({ invalid_type_error: 'must be text' })
		.trim()
		.ip({ message: 'must be an IPv4 or IPv6 address, like 203.0.113.7' })
		.optional(),
);

/** Whole points, from the number field or an expression's text. */
function optionalPointsSchema(min: number, max: number) {
	return z.preprocess(
		(value) => {
			const given = blankToUndefined(value);
			return typeof given === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(given) ? Number(given) : given;
		},
		z
			.number({ invalid_type_error: 'must be a whole number' })
			.int('must be a whole number')
			.min(min, `must be at least ${min}`)
			.max(max, `must be at most ${max}`)
			.optional(),
	);
}

export function pointsSchema(min: number, max: number) {
	return optionalPointsSchema(min, max).refine((points) => points !== undefined, 'is required');
}

const leadFieldsSchema = z.object({
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
	points: optionalPointsSchema(0, MAX_POINTS),
	customFields: customFieldsSchema.optional(),
});

const optionsSchema = z.object({
	skipUrls: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	skipActions: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	doNotResetOptOut: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
});

const upsertInputSchema = z.object({ email: optionalEmailSchema, fields: leadFieldsSchema, options: optionsSchema });

const upsertLabels = {
	...fieldLabels,
	skipUrls: 'Skip URLs in Response',
	skipActions: 'Skip Actions in Response',
	doNotResetOptOut: 'Keep Opt-Out',
};

/** Update keeps an opted-out lead opted out unless turned off; a signup (Create) re-subscribes it, as KickoffLabs does. */
const KEEP_OPT_OUT_ON_UPDATE: INodeProperties = {
	displayName: 'Keep Opt-Out',
	name: 'doNotResetOptOut',
	type: 'boolean',
	default: true,
	description:
		'Whether a lead that opted out stays opted out (sends __do_not_reset_opt_out). On unless turned off here; off re-subscribes the lead.',
};

const KEEP_OPT_OUT_ON_CREATE: INodeProperties = {
	displayName: 'Keep Opt-Out',
	name: 'doNotResetOptOut',
	type: 'boolean',
	default: false,
	description:
		'Whether an existing lead that opted out stays opted out (sends __do_not_reset_opt_out). Without it, signing up again re-subscribes the lead.',
};

/** The fields of Create and Update, as the node shows them. */
export function upsertProperties(mode: UpsertMode): INodeProperties[] {
	const show = { resource: ['lead'], operation: [mode] };
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
			displayOptions: { show },
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: { show },
			options: leadFieldOptions(mode),
		},
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show },
			options: [
				mode === 'update' ? KEEP_OPT_OUT_ON_UPDATE : KEEP_OPT_OUT_ON_CREATE,
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
					description:
						'Whether to leave the status, thank-you and unsubscribe URLs out of the returned lead (sends __skip_urls)',
				},
			],
		},
	];
}

function leadFieldOptions(mode: UpsertMode): INodeProperties[] {
	return [
		customFieldsProperty(
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
			description: 'Sets the lead\'s points (0 to 99999). To add or subtract points, use the Add Points operation.',
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

/** The request body of a create or update, from one item's parameters; invalid input stops the item before sending. */
export function upsertBody(context: IExecuteFunctions, mode: UpsertMode, itemIndex: number): IDataObject {
	const { email, fields, options } = parseItemInput(
		context,
		upsertInputSchema,
		{
			email: context.getNodeParameter('email', itemIndex, ''),
			fields: context.getNodeParameter('additionalFields', itemIndex, {}),
			options: context.getNodeParameter('options', itemIndex, {}),
		},
		upsertLabels,
		itemIndex,
	);
	if (!email && !fields.phoneNumber) {
		failInput(
			context,
			'Email',
			'is required unless a Phone Number is given under Additional Fields: KickoffLabs identifies a lead by one of them',
			itemIndex,
		);
	}
	const keepOptOut = mode === 'update' ? options.doNotResetOptOut !== false : options.doNotResetOptOut === true;
	return withoutUndefined({
		email,
		phone_number: fields.phoneNumber,
		first_name: fields.firstName,
		last_name: fields.lastName,
		social_id: fields.referrerSocialId,
		ip: fields.ipAddress,
		__url: fields.signupUrl,
		__referrer: fields.referrerUrl,
		__user_agent: fields.userAgent,
		__source: fields.source ?? DEFAULT_SOURCE,
		__uid: fields.externalUid,
		points: fields.points,
		...customFieldParameters(context, fields.customFields ?? {}, itemIndex),
		__skip_urls: flag(options.skipUrls),
		__skip_actions: flag(options.skipActions),
		__do_not_reset_opt_out: flag(keepOptOut),
		must_exist: mode === 'update' ? 'true' : undefined,
	}) as IDataObject;
}

/** Custom fields as the extra parameters KickoffLabs stores them from: lowercased names, text values. */
function customFieldParameters(
	context: IExecuteFunctions,
	customFields: Record<string, string>,
	itemIndex: number,
): Record<string, string> {
	const parameters: Record<string, string> = {};
	for (const [rawName, value] of Object.entries(customFields)) {
		const name = rawName.trim().toLowerCase();
		if (name.startsWith('_') || RESERVED_FIELD_NAMES.has(name)) {
			failInput(
				context,
				'Custom Fields',
				`"${rawName}" is a name KickoffLabs reserves for its own parameters; use the matching field of the node, or another name`,
				itemIndex,
			);
		}
		if (name in parameters) {
			failInput(context, 'Custom Fields', `"${rawName}" is given twice (names are compared in lowercase)`, itemIndex);
		}
		parameters[name] = value;
	}
	return parameters;
}

export type UpsertedLead = KickoffLabsLead & { counter: number };

/**
 * Sends a create or update for one item and returns the lead as KickoffLabs answers it. Update (`must_exist`)
 * answers undefined when there is no such lead; every other failure is an error.
 */
export async function sendUpsert(context: IExecuteFunctions, mode: 'create', itemIndex: number): Promise<UpsertedLead>;
export async function sendUpsert(
	context: IExecuteFunctions,
	mode: 'update',
	itemIndex: number,
): Promise<UpsertedLead | undefined>;
export async function sendUpsert(
	context: IExecuteFunctions,
	mode: UpsertMode,
	itemIndex: number,
): Promise<UpsertedLead | undefined> {
	const body = upsertBody(context, mode, itemIndex);
	const campaignId = await campaignIdFor(context, itemIndex);
	const response = await kickoffLabsRequest(context, { method: 'POST', path: campaignPath(campaignId), body }, itemIndex);
	if (mode === 'update' && isLeadNotFound(response)) return undefined;
	if (!isSuccess(response)) throw kickoffLabsError(context, response, itemIndex);
	return parseResponseBody(context, SERVICE_NAME, upsertedLeadSchema, response, itemIndex);
}
