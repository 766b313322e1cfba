import { getAll } from '../../../nodes/SendKit/actions/lead/getAll.operation';
import { withParameters } from '../../helpers/world';
import { errorOutputIndex, fixture } from '../../helpers/fixtures';
import { useSendKit } from '../../helpers/sendkit';

const ERROR_OUTPUT = errorOutputIndex(getAll.outputs);

const { run, requests, seedLeads, sendKit } = useSendKit();
const workflow = fixture('sendkit/lead/getAll');
/** Every combination of the list variants the docs leave open (the cursor's meaning only matters when paging by cursor). */
const LIST_VARIANTS = (['oldestFirst', 'newestFirst'] as const).flatMap((listOrder) => [
	{ listOrder, pagination: 'cursor', cursor: 'lastId' } as const,
	{ listOrder, pagination: 'cursor', cursor: 'opaque' } as const,
	{ listOrder, pagination: 'page' } as const,
]);
const emails = (result: Awaited<ReturnType<typeof run>>) => result.output('SendKit', 0).map((item) => item.json.email);

describe('SendKit › Lead › Get Many', () => {
	it('returns every lead across several cursor pages, each paired with the input item', async () => {
		seedLeads(230);

		const result = await run(workflow, {});

		expect(result.error).toBeUndefined();
		expect(emails(result)).toEqual(Array.from({ length: 230 }, (_, index) => `lead${index}@example.com`));
		expect(result.output('SendKit', 0).every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = requests('GET', /^\/v1\/leads$/);
		expect(pages.map((request) => request.query.cursor === undefined)).toEqual([true, false, false]);
		expect(pages.every((request) => request.query.limit === '100')).toBe(true);
	});

	it.each(LIST_VARIANTS)(
		'returns every lead once, in the list order, whatever the order, cursor and pagination (%p)',
		async (variants) => {
			seedLeads(230);
			sendKit().store.variants.set(variants);

			const all = await run(workflow, {});
			const limited = await run(withParameters(workflow, 'SendKit', { returnAll: false, limit: 120 }), {});

			const created = Array.from({ length: 230 }, (_, index) => `lead${index}@example.com`);
			const listed = variants.listOrder === 'newestFirst' ? created.reverse() : created;
			expect(all.error).toBeUndefined();
			expect(emails(all)).toEqual(listed);
			expect(emails(limited)).toEqual(listed.slice(0, 120));
			expect(requests('GET', /^\/v1\/leads$/)).toHaveLength(3 + 2);
		},
	);

	it('keeps walking past a sparse, even empty, page while SendKit says more follow', async () => {
		// Leads 0..99 untagged, 100..199 tagged, 200..249 untagged: with filters applied after the scan, page 1 is empty.
		seedLeads(250, (index) => ({ tags: index >= 100 && index < 200 ? ['vip'] : [] }));
		sendKit().store.listing = { filterAfterScan: true };

		const result = await run(withParameters(workflow, 'SendKit', { filters: { tags: 'vip' } }), {});

		expect(emails(result)).toHaveLength(100);
		expect(emails(result)[0]).toBe('lead100@example.com');
		const pages = requests('GET', /^\/v1\/leads$/);
		expect(pages).toHaveLength(3);
		expect(pages[0].query.tags).toBe('vip');
	});

	it('falls back to page numbers when SendKit answers with pages instead of a cursor', async () => {
		seedLeads(150, (index) => ({ companyName: index % 3 === 0 ? 'Acme' : undefined }));
		sendKit().store.listing = { filterAfterScan: true };
		sendKit().store.variants.set({ pagination: 'page' });

		const result = await run(withParameters(workflow, 'SendKit', { filters: { hasCompany: true } }), {});

		expect(emails(result)).toHaveLength(50);
		expect(requests('GET', /^\/v1\/leads$/).map((request) => request.query.page)).toEqual([undefined, '2']);
	});

	it('stops at Limit, reading only the pages it needs', async () => {
		seedLeads(230);

		const result = await run(withParameters(workflow, 'SendKit', { returnAll: false, limit: 120 }), {});

		expect(emails(result)).toHaveLength(120);
		expect(requests('GET', /^\/v1\/leads$/)).toHaveLength(2);
	});

	it('sends every filter as SendKit names it', async () => {
		seedLeads(3);
		const filters = {
			search: 'acme',
			tags: 'vip, enterprise',
			emailVerified: false,
			emailStatus: 'valid, risky',
			emailType: 'business',
			hasCompany: true,
			hasPhone: false,
			segProtected: false,
		};

		await run(withParameters(workflow, 'SendKit', { filters }), {});

		expect(requests('GET', /^\/v1\/leads$/)[0].query).toEqual({
			search: 'acme',
			tags: 'vip,enterprise',
			emailVerified: 'false',
			emailStatus: 'valid,risky',
			emailType: 'business',
			hasCompany: 'true',
			hasPhone: 'false',
			segProtected: 'false',
			limit: '100',
		});
	});

	it('an invalid Limit is an error naming the field and the item, and nothing is sent', async () => {
		const result = await run(withParameters(workflow, 'SendKit', { returnAll: false, limit: 0 }), {});

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => item.json.error)).toEqual(['Invalid "Limit" in item 0: must be at least 1']);
		expect(requests()).toHaveLength(0);
	});
});
