import { findLeadByEmail } from '../../../nodes/SendKit/actions/lead/lookup';
import { standaloneRun } from '../../../nodes/shared/run';
import { toolErrorJson } from '../../../nodes/shared/toolErrors';
import type { FakeAnswer } from '../../shared/http/fakeContext';
import { fakeContext } from '../../shared/http/fakeContext';

/** Made up; long enough to be searched for in answers. */
const KEY = { apiKey: `sk_${'k'.repeat(24)}`, baseUrl: 'http://127.0.0.1:9' };

/** Page after page of partial matches, each pointing to a next one. */
function endlessPartialMatches(pages: number): FakeAnswer[] {
	return Array.from({ length: pages }, (_, page) => ({
		statusCode: 200,
		body: {
			success: true,
			data: [{ _id: `lead${page}`, email: `ada.${page}@example.com` }],
			pagination: { hasMore: true, nextCursor: `cursor${page}` },
		},
	}));
}

describe('findLeadByEmail', () => {
	it('cut short after its page limit, is refused as an agent reads it, never reported as Not Found', async () => {
		const { context } = fakeContext([KEY], endlessPartialMatches(25));

		const error = await findLeadByEmail(standaloneRun(context), 'ada@example.com', 0).then(
			() => undefined,
			(thrown: Error) => thrown,
		);

		expect(error?.message).toMatch(/^SendKit: the search for ada@example.com was cut short after 20 pages/);
		expect(toolErrorJson(error as Error).nextStep).toMatch(/^The service refused this request/);
	});
});
