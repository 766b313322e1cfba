import { deliveryItem, ignoreEvent, newSecret, sameEvents, sameSecret } from '../../nodes/shared/webhooks';

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
