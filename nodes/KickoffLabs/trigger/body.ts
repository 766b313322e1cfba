import type { IDataObject } from 'n8n-workflow';

/**
 * The lead KickoffLabs sent, from a JSON or a form-encoded body. n8n parses a form body flat
 * (`__referral[email]=a` is the key `__referral[email]`), so Rails-style brackets are expanded here: `a[b]=c` becomes
 * `{a: {b: c}}` and `a[]=x&a[]=y` becomes `{a: [x, y]}`. Form values stay text, as sent.
 */
export function leadFromBody(body: unknown): IDataObject {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
	const lead: IDataObject = {};
	for (const [key, value] of Object.entries(body as IDataObject)) {
		const bracket = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
		if (!bracket) {
			lead[key] = value;
			continue;
		}
		const [, name, inner] = bracket;
		if (inner === '' || /^\d+$/.test(inner)) {
			const current = lead[name];
			const list = Array.isArray(current) ? current : current === undefined ? [] : [current];
			lead[name] = [...list, ...(Array.isArray(value) ? value : [value])] as IDataObject[];
		} else {
			const current = lead[name];
			const object = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as IDataObject) : {};
			lead[name] = { ...object, [inner]: Array.isArray(value) ? value[value.length - 1] : value };
		}
	}
	return lead;
}
