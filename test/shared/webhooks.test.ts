import { createHmac } from 'node:crypto';

import { deliveryItem, hasValidSignature, ignoreEvent, newSecret, sameEvents, sameSecret } from '../../nodes/shared/webhooks';

const SECRET = 'a'.repeat(64);
const BODY = Buffer.from('{"event":"lead.tag_changed","data":{"n":1}}');
const signature = (body: Buffer | string, secret = SECRET) => createHmac('sha256', secret).update(body).digest('hex');

describe('hasValidSignature', () => {
	it('accepts the hex HMAC-SHA256 of the raw body, with or without sha256=, in any case', () => {
		expect(hasValidSignature(SECRET, BODY, signature(BODY))).toBe(true);
		expect(hasValidSignature(SECRET, BODY, `sha256=${signature(BODY)}`)).toBe(true);
		expect(hasValidSignature(SECRET, BODY, `SHA256=${signature(BODY).toUpperCase()}`)).toBe(true);
		expect(hasValidSignature(SECRET, BODY, [signature(BODY)])).toBe(true);
	});

	it('refuses another body, another secret, a missing or empty header, and no secret or body', () => {
		expect(hasValidSignature(SECRET, BODY, signature(Buffer.from(`${BODY.toString()} `)))).toBe(false);
		expect(hasValidSignature(SECRET, BODY, signature(BODY, 'b'.repeat(64)))).toBe(false);
		expect(hasValidSignature(SECRET, BODY, undefined)).toBe(false);
		expect(hasValidSignature(SECRET, BODY, '')).toBe(false);
		expect(hasValidSignature(SECRET, BODY, 'sha256=')).toBe(false);
		expect(hasValidSignature(undefined, BODY, signature(BODY))).toBe(false);
		expect(hasValidSignature(SECRET, undefined, signature(BODY))).toBe(false);
		expect(hasValidSignature(SECRET, BODY, signature(BODY).slice(0, 63))).toBe(false);
	});
});

describe('sameSecret and newSecret', () => {
	it('compares exactly; empty or non-text values never match', () => {
		const secret = newSecret();
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(newSecret()).not.toBe(secret);
		expect(sameSecret(secret, secret)).toBe(true);
		expect(sameSecret(secret, `${secret}0`)).toBe(false);
		expect(sameSecret(secret, secret.toUpperCase())).toBe(false);
		expect(sameSecret(secret, undefined)).toBe(false);
		expect(sameSecret(secret, [secret])).toBe(false);
		expect(sameSecret('', '')).toBe(false);
	});
});

describe('deliveryItem', () => {
	it('puts the event first, keeps the body, and the given event wins over a body field', () => {
		const item = deliveryItem('lead.tag_changed', { event: 'spoofed', data: { a: 1 } }, { test: true });
		expect(item.json).toEqual({ event: 'lead.tag_changed', data: { a: 1 }, test: true });
		expect(Object.keys(item.json)[0]).toBe('event');
		expect(deliveryItem('test', 'plain text').json).toEqual({ event: 'test', body: 'plain text' });
	});
});

describe('sameEvents', () => {
	it('ignores order and repeats', () => {
		expect(sameEvents(['a', 'b'], ['b', 'a', 'a'])).toBe(true);
		expect(sameEvents(['a'], ['a', 'b'])).toBe(false);
	});
});

describe('ignoreEvent', () => {
	it('is a message naming the event (n8n answers it with 200) and starts no run', () => {
		expect(ignoreEvent('email.opened')).toEqual({ webhookResponse: { message: 'Event email.opened is not one this trigger listens to: ignored' } });
		expect(ignoreEvent(undefined)).toEqual({ webhookResponse: { message: 'Event (none) is not one this trigger listens to: ignored' } });
	});
});
