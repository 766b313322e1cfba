import { sendKit } from '../../../nodes/SendKit/transport/service';
import { normalizeBaseUrl } from '../../../nodes/shared/http/client';
import { fakeContext } from './fakeContext';

/** A platform key is told by its prefix; the rest is made up. */
const PLATFORM_KEY = { apiKey: `sk_user_${'0'.repeat(8)}`, workspaceId: 'ws_42', baseUrl: 'http://127.0.0.1:9' };

describe('the credential of a run', () => {
	it('after a failed first read, a platform key\'s request read on the retry path still names its workspace', async () => {
		const { context, sent } = fakeContext([new Error('credential store busy'), PLATFORM_KEY], [{ statusCode: 200, body: { success: true } }]);

		const [first, second] = await Promise.allSettled([
			sendKit.send(context, { method: 'GET', path: '/v1/leads', itemIndex: 0 }),
			sendKit.send(context, { method: 'GET', path: '/v1/leads', itemIndex: 1 }),
		]);

		expect(first.status).toBe('rejected');
		expect(second.status).toBe('fulfilled');
		expect(sent).toHaveLength(1);
		expect(sent[0].headers).toMatchObject({ 'X-Workspace-Id': 'ws_42' });
	});
});

describe('normalizeBaseUrl', () => {
	it('trims base URLs users paste', () => {
		expect(normalizeBaseUrl(' https://api.sendkit.ai// ')).toBe('https://api.sendkit.ai');
	});
});
