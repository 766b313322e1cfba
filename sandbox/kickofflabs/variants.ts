import { VariantSwitches } from '../core/variants';

/**
 * KickoffLabs's silent points the sandbox can answer either way (README "What the API docs do not say"); the first
 * value of each is the default.
 */
export const KICKOFFLABS_VARIANTS = {
	/** Lookup of an unknown lead: 404 `{message:"No lead found"}`, or 200 with `{}`, `[]` or only a `message`. */
	lookupNotFound: ['status404', 'emptyObject', 'emptyArray', 'messageOnly'],
	/** `DELETE /v2/{campaign_id}` reads the identifiers from the JSON body or the query string, or from either. */
	deleteIds: ['either', 'body', 'query'],
	/** `DELETE /v2/{campaign_id}/outbound-webhook` answers `{message}`, or 204 with no body. */
	webhookDeleteAnswer: ['message', 'noContent'],
} as const;

export type KickoffLabsVariants = VariantSwitches<typeof KICKOFFLABS_VARIANTS>;

export function kickoffLabsVariants(): KickoffLabsVariants {
	return new VariantSwitches(KICKOFFLABS_VARIANTS);
}
