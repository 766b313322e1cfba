/** What replaces a secret wherever an answer quotes it. */
export const REDACTED = '***';

/** Secrets shorter than this are not searched for: replacing two letters everywhere would garble answers. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every form a secret can take when a server quotes the request back: as sent in a header, and as written in a
 * URL's path or query (percent-encoded, or form-encoded with `+` for spaces).
 */
export function secretForms(secrets: ReadonlyArray<string | undefined>): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		forms.add(secret);
		forms.add(encodeURIComponent(secret));
		forms.add(encodeURI(secret));
		forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
	}
	// Longest first, so a form that contains another is replaced whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

export function scrubText(text: string, forms: readonly string[]): string {
	let result = text;
	for (const form of forms) {
		if (result.includes(form)) result = result.split(form).join(REDACTED);
	}
	return result;
}

/** A copy of any JSON-like value (keys included) with every secret form replaced. */
export function scrubValue<T>(value: T, forms: readonly string[]): T {
	if (forms.length === 0) return value;
	return scrub(value, forms) as T;
}

function scrub(value: unknown, forms: readonly string[]): unknown {
	if (typeof value === 'string') return scrubText(value, forms);
	if (Array.isArray(value)) return value.map((entry) => scrub(entry, forms));
	if (value && typeof value === 'object') {
		const copy: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
			copy[scrubText(key, forms)] = scrub(entry, forms);
		}
		return copy;
	}
	return value;
}
