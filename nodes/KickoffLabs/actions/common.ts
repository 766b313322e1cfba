import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import type { FieldLabels } from '../../shared/validation';
import { emailProperty, emailSchema, failInput, parseItemInput } from '../../shared/validation';
import { kickoffLabsCredentials } from '../transport';

/** Display names of every field the node validates, keyed by parameter (and schema property) name. */
export const fieldLabels: FieldLabels = {
	campaign: 'Campaign',
	email: 'Email',
	phoneNumber: 'Phone Number',
	socialId: 'Social ID',
	firstName: 'First Name',
	lastName: 'Last Name',
	referrerSocialId: 'Referrer Social ID',
	ipAddress: 'IP Address',
	signupUrl: 'Signup URL',
	referrerUrl: 'Referrer URL',
	userAgent: 'User Agent',
	source: 'Source',
	externalUid: 'External User ID',
	points: 'Points',
	customFields: 'Custom Fields',
	message: 'Message',
	actionId: 'Action',
	limit: 'Limit',
};

/** Blank text (often an expression over a missing input field) counts as "not given". */
export function blankToUndefined(value: unknown): unknown {
	if (value === null || value === undefined) return undefined;
	if (typeof value === 'string' && value.trim() === '') return undefined;
	return value;
}

const CAMPAIGN_ID_PROBLEM = 'must be a KickoffLabs campaign ID: digits only, like 135544';

/** Text or a number, trimmed; required. */
function requiredText() {
	return z
		.union([z.string(), z.number()], { required_error: 'is required', invalid_type_error: 'must be text' })
		.transform((value) => String(value).trim())
		.pipe(z.string().min(1, 'is required'));
}

/** The public referral id of a lead (the `kid` of its referral link), e.g. 36N38P. */
export const socialIdSchema = requiredText().pipe(
	z.string().regex(/^[A-Za-z0-9]+$/, 'must be a KickoffLabs social ID (the kid of a referral link): letters and digits, like 36N38P'),
);

const PHONE_PROBLEM = 'must be a phone number: digits, optionally with a leading + and spaces, dashes, dots or parentheses';

export const phoneNumberSchema = requiredText().pipe(
	z
		.string()
		.regex(/^\+?[\d\s().-]+$/, PHONE_PROBLEM)
		.refine((phone) => {
			const digits = phone.replace(/\D/g, '').length;
			return digits >= 5 && digits <= 20;
		}, PHONE_PROBLEM),
);

/** The identifiers KickoffLabs finds a lead by, with the parameter users fill in and the API parameter sent. */
export const IDENTIFIERS = {
	email: { apiName: 'email', label: 'Email', schema: emailSchema },
	socialId: { apiName: 'social_id', label: 'Social ID', schema: socialIdSchema },
	phoneNumber: { apiName: 'phone_number', label: 'Phone Number', schema: phoneNumberSchema },
} as const;

export type IdentifierKind = keyof typeof IDENTIFIERS;

export interface LeadIdentifier {
	kind: IdentifierKind;
	/** The API's name for it: email, social_id or phone_number. */
	apiName: string;
	value: string;
}

const IDENTIFIER_PROPERTIES: Record<IdentifierKind, Omit<INodeProperties, 'displayOptions'>> = {
	email: emailProperty('Email of the lead. Spaces are trimmed and it is lowercased.'),
	socialId: {
		displayName: 'Social ID',
		name: 'socialId',
		type: 'string',
		placeholder: '36N38P',
		required: true,
		default: '',
		description: 'The lead\'s public referral ID: the kid in its referral link (…?kid=36N38P)',
	},
	phoneNumber: {
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		placeholder: '+15551234567',
		required: true,
		default: '',
		description: 'Phone number of the lead, for SMS-enabled campaigns',
	},
};

const IDENTIFIER_OPTIONS: Record<IdentifierKind, { name: string; value: IdentifierKind }> = {
	email: { name: 'Email', value: 'email' },
	phoneNumber: { name: 'Phone Number', value: 'phoneNumber' },
	socialId: { name: 'Social ID', value: 'socialId' },
};

/**
 * The "find the lead by" choice of an operation and one field per identifier it offers
 * (Get: `getBy`; Delete: `deleteBy`; Add Points and Complete Action: `identifyBy`).
 */
export function identifierProperties(
	operation: string,
	selector: string,
	kinds: readonly IdentifierKind[],
	selectorDescription: string,
): INodeProperties[] {
	const show = { resource: ['lead'], operation: [operation] };
	const defaultKind = kinds[0];
	return [
		{
			displayName: selector === 'getBy' ? 'Get By' : selector === 'deleteBy' ? 'Delete By' : 'Identify Lead By',
			name: selector,
			type: 'options',
			noDataExpression: true,
			default: defaultKind,
			description: selectorDescription,
			options: [...kinds].sort().map((kind) => IDENTIFIER_OPTIONS[kind]),
			displayOptions: { show },
		},
		...kinds.map(
			(kind): INodeProperties => ({
				...IDENTIFIER_PROPERTIES[kind],
				displayOptions: { show: { ...show, [selector]: [kind] } },
			}),
		),
	];
}

/** Reads and validates the identifier an item names, per the operation's `selector` parameter. */
export function readIdentifier(context: IExecuteFunctions, selector: string, itemIndex: number): LeadIdentifier {
	const kind = context.getNodeParameter(selector, itemIndex) as IdentifierKind;
	const identifier = IDENTIFIERS[kind];
	if (!identifier) return failInput(context, selector, `"${String(kind)}" is not a way to identify a lead`, itemIndex);
	const { value } = parseItemInput(
		context,
		z.object({ value: identifier.schema }),
		{ value: context.getNodeParameter(kind, itemIndex, '') },
		{ value: identifier.label },
		itemIndex,
	);
	return { kind, apiName: identifier.apiName, value };
}

/** The Campaign resource locator: pick from the account's campaigns, or give an ID; empty means the credential's default. */
export function campaignProperty(show: IDisplayOptions['show']): INodeProperties {
	return {
		displayName: 'Campaign',
		name: 'campaign',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			'The campaign to work in. Leave empty to use the Default Campaign ID of the KickoffLabs credential.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a campaign…',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '135544',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[0-9]+\\s*$', errorMessage: 'A campaign ID is digits only, like 135544' },
					},
				],
			},
		],
		displayOptions: { show },
	};
}

/** A campaign id given in the node, or the credential's default; empty when neither is set. */
export function campaignIdOf(nodeValue: unknown, credentialValue: unknown): { id: string; from: 'node' | 'credential' } | undefined {
	const fromNode = blankToUndefined(nodeValue);
	if (fromNode !== undefined) return { id: String(fromNode).trim(), from: 'node' };
	const fromCredential = blankToUndefined(credentialValue);
	if (fromCredential !== undefined) return { id: String(fromCredential).trim(), from: 'credential' };
	return undefined;
}

/**
 * The campaign an item works in: the node's Campaign, else the credential's Default Campaign ID. Neither, or a
 * value that is not an id, stops the item with a clear error before any request.
 */
export async function campaignIdFor(context: IExecuteFunctions, itemIndex: number): Promise<string> {
	const nodeValue = context.getNodeParameter('campaign', itemIndex, '', { extractValue: true });
	const credentials = await kickoffLabsCredentials(context, itemIndex);
	const campaign = campaignIdOf(nodeValue, credentials.campaignId);
	if (!campaign) {
		return failInput(
			context,
			'Campaign',
			'no campaign is chosen in the node and the KickoffLabs credential has no Default Campaign ID. Choose a campaign, or set Default Campaign ID in the credential',
			itemIndex,
		);
	}
	if (!/^\d+$/.test(campaign.id)) {
		const field = campaign.from === 'node' ? 'Campaign' : 'Default Campaign ID';
		return failInput(context, field, CAMPAIGN_ID_PROBLEM, itemIndex);
	}
	return campaign.id;
}
