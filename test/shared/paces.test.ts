import { AdaptiveLimit } from '../../nodes/shared/adaptiveLimit';
import { RETRY_POLICY } from '../../nodes/shared/http/retry';
import { IDLE_MS, PaceRegistry, accountKey } from '../../nodes/shared/paces';

const CONCURRENCY = 5;

function clockedRegistry(idleMs: number) {
	let time = 50_000;
	const now = () => time;
	const registry = new PaceRegistry(idleMs, now, () => new AdaptiveLimit(now, async () => {}));
	return { registry, advance: (ms: number) => (time += ms) };
}

describe('the paces of one process (one per API account)', () => {
	it('keeps a pace longer than an item waits out Retry-Afters: a run whose items all wait finds its pace again', () => {
		expect(IDLE_MS).toBeGreaterThan(RETRY_POLICY.maxWaitPerItemMs);
	});

	it('gives every execution that uses one account the same pace, and another account its own', () => {
		const registry = new PaceRegistry();
		const account = accountKey('SendKit', 'https://api.sendkit.ai', ['sk_one']);

		expect(registry.paceFor(account)).toBe(registry.paceFor(account));
		expect(registry.paceFor(accountKey('SendKit', 'https://api.sendkit.ai', ['sk_two']))).not.toBe(registry.paceFor(account));
		expect(registry.size).toBe(2);
	});

	it('drops a pace nobody used for the idle period, and makes a new one when it is asked for again', async () => {
		const { registry, advance } = clockedRegistry(1000);
		const pace = registry.paceFor('idle');
		pace.release(await pace.acquire(CONCURRENCY), 'answered');
		advance(1000);

		const other = registry.paceFor('other');

		expect(registry.size).toBe(1);
		expect(registry.paceFor('idle')).not.toBe(pace);
		expect(registry.paceFor('other')).toBe(other);
	});

	it('makes a new pace for an account idle for the idle period even between two sweeps of the others', async () => {
		const { registry, advance } = clockedRegistry(1000);
		registry.paceFor('other');
		advance(600);
		const pace = registry.paceFor('idle');
		pace.release(await pace.acquire(CONCURRENCY), 'answered');
		// A sweep at 1000 ms finds 'idle' used 400 ms before; the next is not due until 2000 ms.
		advance(400);
		registry.paceFor('other');
		advance(700);

		expect(registry.paceFor('idle')).not.toBe(pace);
	});

	it('keeps a pace with a request in flight, however long it takes', async () => {
		const { registry, advance } = clockedRegistry(1000);
		const pace = registry.paceFor('busy');
		await pace.acquire(CONCURRENCY);
		advance(5000);

		expect(registry.paceFor('busy')).toBe(pace);
	});
});

describe('accountKey', () => {
	const key = accountKey('SendKit', 'https://api.sendkit.ai', ['sk_live_secret', { 'X-Workspace-Id': 'ws1' }]);

	it('tells accounts apart by service, base URL, key and the headers that choose the account', () => {
		expect(accountKey('KickoffLabs', 'https://api.sendkit.ai', ['sk_live_secret', { 'X-Workspace-Id': 'ws1' }])).not.toBe(key);
		expect(accountKey('SendKit', 'http://127.0.0.1:5680', ['sk_live_secret', { 'X-Workspace-Id': 'ws1' }])).not.toBe(key);
		expect(accountKey('SendKit', 'https://api.sendkit.ai', ['sk_live_other', { 'X-Workspace-Id': 'ws1' }])).not.toBe(key);
		expect(accountKey('SendKit', 'https://api.sendkit.ai', ['sk_live_secret', { 'X-Workspace-Id': 'ws2' }])).not.toBe(key);
		expect(accountKey('SendKit', 'https://api.sendkit.ai', ['sk_live_secret', { 'X-Workspace-Id': 'ws1' }])).toBe(key);
	});

	it('keeps no key in a readable form: a hash', () => {
		expect(key).toMatch(/^[0-9a-f]{64}$/);
		expect(key).not.toContain('secret');
	});
});
