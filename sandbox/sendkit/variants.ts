import { VariantSwitches } from '../core/variants';

/**
 * SendKit's silent points the sandbox can answer either way (README "What the API docs do not say"); the first value
 * of each is the default.
 */
export const SENDKIT_VARIANTS = {
	/** `GET /v1/leads` (and the other lists): creation order, or newest first like many CRMs. */
	listOrder: ['oldestFirst', 'newestFirst'],
	/** `nextCursor`: the last `_id` of the page (the next page continues after it in list order), or an opaque token. */
	cursor: ['lastId', 'opaque'],
	/** Lists page by `cursor`/`hasMore`/`nextCursor` (Gen B), or by `page`/`pages` numbers (Gen A). */
	pagination: ['cursor', 'page'],
	/** `X-Webhook-Signature`: HMAC-SHA256 of the raw body as hex or base64 (standard or URL-safe), bare or `sha256=`. */
	signature: ['hex', 'sha256=hex', 'base64', 'sha256=base64', 'base64url'],
	/** Registering a webhook: the answer carries the secret the client sent, or one SendKit generated instead. */
	webhookSecret: ['sent', 'generated'],
	/** A 409 on create: `{success:false,error:{code,message},data}` (resource), or `{error,message,code}` (generic HTTP), each with or without the existing lead. */
	conflict: ['resource', 'generic', 'resourceWithoutLead', 'genericWithoutLead'],
	/** `DELETE /v1/webhooks/{id}` (not in the docs' excerpt): deletes the webhook, or is no route at all (a generic 404). */
	webhookDelete: ['supported', 'missing'],
} as const;

export type SendKitVariants = VariantSwitches<typeof SENDKIT_VARIANTS>;

export function sendKitVariants(): SendKitVariants {
	return new VariantSwitches(SENDKIT_VARIANTS);
}
