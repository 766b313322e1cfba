import { nextPagePosition } from '../../nodes/SendKit/transport/pagination';

describe('SendKit pagination', () => {
	const page = (pagination: Record<string, unknown> | undefined) => ({ success: true as const, data: [], pagination });

	it('follows the cursor while there is more', () => {
		expect(nextPagePosition(page({ hasMore: true, nextCursor: 'abc' }))).toEqual({ cursor: 'abc' });
		expect(nextPagePosition(page({ hasMore: false, nextCursor: 'abc' }))).toBeUndefined();
		expect(nextPagePosition(page({ hasMore: true, nextCursor: 'abc' }), { cursor: 'abc' })).toBeUndefined();
	});

	it('falls back to page numbers', () => {
		expect(nextPagePosition(page({ page: 1, pages: 3 }))).toEqual({ page: 2 });
		expect(nextPagePosition(page({ page: 3, pages: 3 }), { page: 3 })).toBeUndefined();
		expect(nextPagePosition(page(undefined))).toBeUndefined();
	});
});
