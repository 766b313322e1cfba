import type { SendKitVariants } from '../../sandbox/sendkit/variants';
import { useSendKitSandbox } from './helpers';

const { sandbox: running, api: sendKitApi } = useSendKitSandbox();

async function createLeads(count: number): Promise<string[]> {
	const ids: string[] = [];
	for (let index = 0; index < count; index++) ids.push((await sendKitApi().post('/v1/leads', { email: `page${index}@example.com` })).data.data._id);
	return ids;
}

/** Every id of GET /v1/leads, 3 a page, following the answers' own cursor or page numbers. */
async function walk(): Promise<{ ids: string[]; cursors: unknown[] }> {
	const ids: string[] = [];
	const cursors: unknown[] = [];
	let params: Record<string, unknown> = { limit: 3 };
	for (;;) {
		const { status, data } = await sendKitApi().get('/v1/leads', { params });
		expect(status).toBe(200);
		ids.push(...data.data.map((lead: { _id: string }) => lead._id));
		const { pagination } = data;
		if (pagination.pages !== undefined) {
			if (pagination.page >= pagination.pages) return { ids, cursors };
			params = { limit: 3, page: pagination.page + 1 };
		} else {
			cursors.push(pagination.nextCursor);
			if (!pagination.hasMore) return { ids, cursors };
			params = { limit: 3, cursor: pagination.nextCursor };
		}
	}
}

const setVariants = (variants: Partial<SendKitVariants['current']>) => running().sendKit.store.variants.set(variants);

describe('SendKit list variants (order, cursor, pagination)', () => {
	it('lists oldest first by default, the cursor being the last id of the page', async () => {
		const ids = await createLeads(7);
		const { ids: listed, cursors } = await walk();
		expect(listed).toEqual(ids);
		expect(cursors).toEqual([ids[2], ids[5], ids[6]]);
	});

	it('lists newest first with listOrder newestFirst, each page continuing after the last id of the one before', async () => {
		const ids = await createLeads(7);
		setVariants({ listOrder: 'newestFirst' });
		const { ids: listed, cursors } = await walk();
		expect(listed).toEqual([...ids].reverse());
		expect(cursors).toEqual([ids[4], ids[1], ids[0]]);
	});

	it.each(['oldestFirst', 'newestFirst'] as const)('hands out opaque cursors that are not ids, listing %s', async (listOrder) => {
		const ids = await createLeads(7);
		setVariants({ listOrder, cursor: 'opaque' });
		const { ids: listed, cursors } = await walk();
		expect(listed).toEqual(listOrder === 'oldestFirst' ? ids : [...ids].reverse());
		for (const cursor of cursors) expect(cursor).not.toMatch(/^[0-9a-f]{24}$/i);
	});

	it('refuses an id as an opaque cursor, and a token as an id cursor', async () => {
		const [id] = await createLeads(1);
		setVariants({ cursor: 'opaque' });
		const opaque = (await sendKitApi().get('/v1/leads')).data.pagination.nextCursor;
		expect((await sendKitApi().get('/v1/leads', { params: { cursor: id } })).data).toMatchObject({ error: { code: 'VALIDATION_ERROR', message: 'Invalid cursor' } });
		setVariants({ cursor: 'lastId' });
		const refused = await sendKitApi().get('/v1/leads', { params: { cursor: opaque } });
		expect([refused.status, refused.data.error.message]).toEqual([400, 'cursor must be a valid id']);
	});

	it.each(['oldestFirst', 'newestFirst'] as const)('pages by number with pagination page, listing %s', async (listOrder) => {
		const ids = await createLeads(7);
		setVariants({ listOrder, pagination: 'page' });
		const first = (await sendKitApi().get('/v1/leads', { params: { limit: 3 } })).data.pagination;
		expect(first).toEqual({ page: 1, limit: 3, total: 7, pages: 3 });
		expect((await walk()).ids).toEqual(listOrder === 'oldestFirst' ? ids : [...ids].reverse());
	});

	it('lists campaigns in the same order and with the same cursor as the leads', async () => {
		setVariants({ listOrder: 'newestFirst', cursor: 'opaque' });
		const { data } = await sendKitApi().get('/v1/campaigns', { params: { limit: 1 } });
		const all = running().sendKit.store.campaigns.list(running().sendKit.workspaceId).map((campaign) => campaign._id);
		expect(data.data[0]._id).toBe(all[all.length - 1]);
		expect(data.pagination.nextCursor).not.toMatch(/^[0-9a-f]{24}$/i);
	});
});
