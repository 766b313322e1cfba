import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { z } from 'zod';

import { emailProperty, emailSchema, failInput, parseItemInput, requiredTextSchema } from '../../shared/validation';
import { itemParameter } from '../../shared/parameters';
import type { Run } from '../../shared/run';

/** The public referral id of a lead (the `kid` of its referral link), e.g. 36N38P. */
export const socialIdSchema = requiredTextSchema().pipe(
	z.string().regex(/^[A-Za-z0-9]+$/, 'must be a KickoffLabs social ID (the kid of a referral link): letters and digits, like 36N38P'),
);

const PHONE_PROBLEM = 'must be a phone number: digits, optionally with a leading + and spaces, dashes, dots or parentheses';

export const phoneNumberSchema = requiredTextSchema().pipe(
	z
		.string()
		.regex(/^\+?[\d\s().-]+$/, PHONE_PROBLEM)
		.refine((phone) => {
			const digits = phone.replace(/\D/g, '').length;
			return digits >= 5 && digits <= 20;
		}, PHONE_PROBLEM),
);

/** The identifiers KickoffLabs finds a lead by: the parameter users fill in, the API parameter sent, and the rule. */
const IDENTIFIERS = {
	email: { apiName: 'email', label: 'Email', schema: emailSchema },
	socialId: { apiName: 'social_id', label: 'Social ID', schema: socialIdSchema },
	phoneNumber: { apiName: 'phone_number', label: 'Phone Number', schema: phoneNumberSchema },
} as const;

type IdentifierKind = keyof typeof IDENTIFIERS;

export interface LeadIdentifier {
	kind: IdentifierKind;
	/** The API's name for it: email, social_id or phone_number. */
	apiName: string;
	value: string;
}

const IDENTIFIER_PROPERTIES: Record<IdentifierKind, INodeProperties> = {
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

const SELECTOR_NAMES = { getBy: 'Get By', deleteBy: 'Delete By', identifyBy: 'Identify Lead By' } as const;

type IdentifierSelector = keyof typeof SELECTOR_NAMES;

/**
 * The "find the lead by" choice of an operation and one field per identifier it offers (Get: `getBy`; Delete:
 * `deleteBy`; Add Points and Complete Action: `identifyBy`). The operation adds its own display options.
 */
export function identifierProperties(
	selector: IdentifierSelector,
	kinds: readonly IdentifierKind[],
	selectorDescription: string,
): INodeProperties[] {
	const defaultKind = kinds[0];
	return [
		{
			displayName: SELECTOR_NAMES[selector],
			name: selector,
			type: 'options',
			noDataExpression: true,
			default: defaultKind,
			description: selectorDescription,
			options: [...kinds].sort().map((kind) => IDENTIFIER_OPTIONS[kind]),
		},
		...kinds.map((kind): INodeProperties => ({ ...IDENTIFIER_PROPERTIES[kind], displayOptions: { show: { [selector]: [kind] } } })),
	];
}

/** Reads and validates the identifier an item names, per the operation's selector parameter. */
export function readIdentifier(run: Run<IExecuteFunctions>, selector: IdentifierSelector, itemIndex: number): LeadIdentifier {
	const { context } = run;
	const kind = itemParameter(run, selector, itemIndex) as IdentifierKind;
	const identifier = IDENTIFIERS[kind];
	if (!identifier) return failInput(context, SELECTOR_NAMES[selector], `"${String(kind)}" is not a way to identify a lead`, itemIndex);
	const { value } = parseItemInput(
		context,
		z.object({ value: identifier.schema }),
		{ value: itemParameter(run, kind, itemIndex, '') },
		{ value: identifier.label },
		itemIndex,
	);
	return { kind, apiName: identifier.apiName, value };
}
