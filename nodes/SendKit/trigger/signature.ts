/*
 * SendKit signs every delivery with the HMAC-SHA256 of the body in `X-Webhook-Signature`, but its docs do not say how
 * the digest is written. Every plausible writing is accepted, so that the first real delivery works whichever SendKit
 * uses, and a refusal says what the header looked like, so that the first refused delivery settles the question.
 */
import { createHmac } from 'crypto';
import type { Logger } from 'n8n-workflow';

import { sameSecret } from '../../shared/webhooks';

/** How a digest can be written; with `sha256=` in front or not. Named as the sandbox's `signature` switch names them. */
const ENCODINGS = ['hex', 'base64', 'base64url'] as const;

type Encoding = (typeof ENCODINGS)[number];

const PREFIX = /^sha256=/i;

/** The form a valid signature came in, e.g. `sha256=hex` or `base64url`. */
export type SignatureForm = Encoding | `sha256=${Encoding}`;

/** Every form tried, for the log line of a refused delivery. */
export const FORMS_TRIED = 'HMAC-SHA256 of the raw body as hex, base64 or base64url, each bare or after sha256=';

/** Base64 padding is optional: some senders strip it. */
function unpadded(text: string): string {
	return text.replace(/=+$/, '');
}

/** The digest written in one encoding, normalised as a presented signature is before comparing. */
function written(digest: Buffer, encoding: Encoding): string {
	if (encoding === 'hex') return digest.toString('hex');
	return unpadded(digest.toString(encoding));
}

function normalised(presented: string, encoding: Encoding): string {
	return encoding === 'hex' ? presented.toLowerCase() : unpadded(presented);
}

/**
 * The form in which a signature header is the HMAC-SHA256 of the exact bytes received with the secret, or undefined
 * when it is none of them. Every form is compared in constant time (both sides hashed first, so neither a length nor a
 * prefix tells a caller how much of a guess was right). No body, no secret or no header is never valid.
 */
export function signatureFormOf(secret: string | undefined, rawBody: Buffer | undefined, header: unknown): SignatureForm | undefined {
	const value = Array.isArray(header) ? (header as unknown[])[0] : header;
	if (!secret || !rawBody || typeof value !== 'string') return undefined;
	const trimmed = value.trim();
	const prefixed = PREFIX.test(trimmed);
	const presented = trimmed.replace(PREFIX, '');
	if (presented === '') return undefined;
	const digest = createHmac('sha256', secret).update(rawBody).digest();
	const matches = ENCODINGS.filter((encoding) => sameSecret(written(digest, encoding), normalised(presented, encoding)));
	if (matches.length === 0) return undefined;
	const encoding = matches.length > 1 ? base64Kind(presented) : matches[0];
	return prefixed ? `sha256=${encoding}` : encoding;
}

/**
 * Which base64 a signature is written in when both alphabets read it (it has none of `+/-_`): padded is standard
 * base64, unpadded is base64url, as each is usually written.
 */
function base64Kind(presented: string): Encoding {
	if (/[-_]/.test(presented)) return 'base64url';
	if (/[+/]/.test(presented) || presented.endsWith('=')) return 'base64';
	return 'base64url';
}

/**
 * What a refused signature header looked like, without its value: enough to tell which form SendKit uses (length,
 * alphabet, prefix), never enough to rebuild it.
 */
export function describeSignatureHeader(header: string | undefined): string {
	if (header === undefined) return 'no X-Webhook-Signature header';
	const trimmed = header.trim();
	const value = trimmed.replace(PREFIX, '');
	// Base64 has "=" only at its end: a name and "=" in front is another scheme's prefix (like "v1="), shown as such.
	const otherPrefix = /^([A-Za-z0-9_.-]{1,16}=)[^=]/.exec(value)?.[1];
	const prefix = PREFIX.test(trimmed) ? 'a sha256= prefix' : otherPrefix ? `a prefix "${otherPrefix}"` : 'no prefix';
	return `an X-Webhook-Signature of ${value.length} characters after any sha256= prefix, ${alphabetOf(value)}, ${prefix}`;
}

/**
 * The forms already logged as the one a webhook's deliveries come in, by webhook id and form: in memory, since a
 * delivery must not write the workflow's static data. Each activation registers a new webhook, so it logs once.
 * The oldest entries are forgotten beyond FORMS_REMEMBERED (a Set keeps insertion order), so a process that runs for
 * months with many activations stays small; a forgotten webhook logs its form once more.
 */
const formsLogged = new Set<string>();
export const FORMS_REMEMBERED = 1000;

/** Logs the form of a valid signature the first time a webhook's deliveries come in it. */
export function logSignatureFormOnce(logger: Logger, nodeName: string, webhookId: string, form: SignatureForm): void {
	const key = `${webhookId} ${form}`;
	if (formsLogged.has(key)) return;
	formsLogged.add(key);
	if (formsLogged.size > FORMS_REMEMBERED) formsLogged.delete(formsLogged.values().next().value as string);
	logger.info(`SendKit Trigger "${nodeName}": SendKit signs its deliveries as ${form} (HMAC-SHA256 of the raw body)`);
}

function alphabetOf(value: string): string {
	if (value === '') return 'empty';
	if (/^[0-9a-f]+$/i.test(value)) return 'hex alphabet';
	if (/^[A-Za-z0-9+/]+=*$/.test(value)) return 'base64 alphabet';
	if (/^[A-Za-z0-9_-]+=*$/.test(value)) return 'base64url alphabet';
	return 'other characters';
}
