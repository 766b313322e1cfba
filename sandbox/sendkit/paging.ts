import type { PagingQuery } from './schemas';
import type { ListingSettings } from './store';

export interface Page<T> {
	data: T[];
	pagination: Record<string, unknown>;
}

/**
 * One page of a list endpoint, in `_id` order. Cursor paging (Gen B) answers `{limit, total, hasMore, nextCursor}`,
 * page numbers (Gen A: a `page` parameter, or the store set to `page` and no cursor) `{page, limit, total, pages}`.
 * With `filterAfterScan` a page is `limit` records scanned and then filtered, so it can be sparse, even empty, with
 * more pages after it.
 */
export function pageOf<T extends { _id: string }>(
	all: readonly T[],
	keep: (record: T) => boolean,
	query: PagingQuery,
	settings: ListingSettings,
): Page<T> {
	const { limit } = query;
	const total = all.filter(keep).length;
	const byPage = query.page !== undefined || (settings.style === 'page' && query.cursor === undefined);
	if (byPage) {
		const page = query.page ?? 1;
		const source = settings.filterAfterScan ? all : all.filter(keep);
		const slice = source.slice((page - 1) * limit, page * limit);
		return {
			data: settings.filterAfterScan ? slice.filter(keep) : slice,
			pagination: { page, limit, total, pages: Math.ceil(source.length / limit) },
		};
	}
	const cursor = query.cursor?.toLowerCase();
	const after = cursor ? all.filter((record) => record._id > cursor) : [...all];
	const source = settings.filterAfterScan ? after : after.filter(keep);
	const slice = source.slice(0, limit);
	const data = settings.filterAfterScan ? slice.filter(keep) : slice;
	return {
		data,
		pagination: {
			limit,
			total,
			hasMore: source.length > slice.length,
			// Like the docs' example, the last id of the page is given even on the last page; null only for an empty page.
			nextCursor: slice.length > 0 ? slice[slice.length - 1]._id : null,
		},
	};
}
