/**
 * Everything the probe prints goes through this: an API may echo a key in an error body or a URL, and the probe's
 * output is meant to be pasted into issues.
 */
export function scrubberFor(secrets: readonly (string | undefined)[]): (text: string) => string {
	const forms = secrets
		.filter((secret): secret is string => secret !== undefined && secret.length > 0)
		.flatMap((secret) => [secret, encodeURIComponent(secret)])
		// The longest first, so a key that contains another is masked whole.
		.sort((a, b) => b.length - a.length);
	return (text) => forms.reduce((scrubbed, form) => scrubbed.split(form).join('***'), text);
}
