/**
 * Every string reachable from a value, through own properties enumerable or not (an Error's message, stack, cause and
 * n8n's description, context and errorResponse), so a test can prove a secret appears nowhere in a run.
 */
function allStrings(value: unknown): string[] {
	const found: string[] = [];
	const seen = new Set<unknown>();
	const visit = (current: unknown, depth: number): void => {
		if (typeof current === 'string') {
			found.push(current);
			return;
		}
		if (!current || typeof current !== 'object' || seen.has(current) || depth > 40) return;
		seen.add(current);
		for (const key of Object.getOwnPropertyNames(current)) {
			found.push(key);
			let child: unknown;
			try {
				child = (current as Record<string, unknown>)[key];
			} catch {
				continue;
			}
			visit(child, depth + 1);
		}
	};
	visit(value, 0);
	return found;
}

/** The forms a key takes in a URL or a form body, besides itself. */
function keyForms(key: string): string[] {
	return [key, encodeURIComponent(key), encodeURIComponent(key).replace(/%20/g, '+')];
}

/** The places in a value where any form of the key appears (empty when none). */
export function leaksOf(value: unknown, key: string): string[] {
	const forms = keyForms(key);
	return allStrings(value).filter((text) => forms.some((form) => text.includes(form)));
}
