import type { PagingQuery } from './schemas';
import { OBJECT_ID } from './schemas';
import type { ListingSettings } from './store';
import type { SendKitVariants } from './variants';

export interface Page<T> {
	data: T[];
	pagination: Record<string, unknown>;
}

type PagingVariants = Pick<SendKitVariants['current'], 'listOrder' | 'cursor' | 'pagination'>;

/** The opaque cursor's prefix: a token no client can mistake for an id. */
const OPAQUE_PREFIX = 'ck_';

/**
 * One page of a list endpoint. `all` comes in `_id` (creation) order; the `listOrder` variant answers it oldest or
 * newest first. Cursor paging (Gen B) answers `{limit, total, hasMore, nextCursor}`, where `nextCursor` is the last
 * `_id` of the page (`cursor: lastId`) or a token that is not an id (`opaque`), and the next page continues after that
 * record in list order. Page numbers (Gen A: a `page` parameter, or the `pagination: page` variant and no cursor)
 * answer `{page, limit, total, pages}`. With `filterAfterScan` a page is `limit` records scanned and then filtered, so
 * it can be sparse, even empty, with more pages after it. A cursor of the other kind than the variant's is refused.
 */
export function pageOf<T extends { _id: string }>(
	all: readonly T[],
	keep: (record: T) => boolean,
	query: PagingQuery,
	settings: ListingSettings,
	variants: PagingVariants,
): Page<T> | { error: string } {
	const { limit } = query;
	const ordered = variants.listOrder === 'newestFirst' ? [...all].reverse() : all;
	const total = all.filter(keep).length;
	const byPage = query.page !== undefined || (variants.pagination === 'page' && query.cursor === undefined);
	if (byPage) {
		const page = query.page ?? 1;
		const source = settings.filterAfterScan ? ordered : ordered.filter(keep);
		const slice = source.slice((page - 1) * limit, page * limit);
		return {
			data: settings.filterAfterScan ? slice.filter(keep) : slice,
			pagination: { page, limit, total, pages: Math.ceil(source.length / limit) },
		};
	}
	const cursor = query.cursor === undefined ? undefined : idOfCursor(query.cursor, variants.cursor);
	if (cursor === null) return { error: variants.cursor === 'opaque' ? 'Invalid cursor' : 'cursor must be a valid id' };
	const after = cursor === undefined ? [...ordered] : ordered.filter((record) => (variants.listOrder === 'newestFirst' ? record._id < cursor : record._id > cursor));
	const source = settings.filterAfterScan ? after : after.filter(keep);
	const slice = source.slice(0, limit);
	const data = settings.filterAfterScan ? slice.filter(keep) : slice;
	const last = slice[slice.length - 1];
	return {
		data,
		pagination: {
			limit,
			total,
			hasMore: source.length > slice.length,
			// Like the docs' example, the page's last position is given even on the last page; null only for an empty page.
			nextCursor: last ? cursorOf(last._id, variants.cursor) : null,
		},
	};
}

function cursorOf(id: string, kind: PagingVariants['cursor']): string {
	return kind === 'opaque' ? OPAQUE_PREFIX + Buffer.from(`after:${id}`).toString('base64url') : id;
}

/** The lowercase id a cursor continues after; null when the cursor is not one this variant hands out. */
function idOfCursor(cursor: string, kind: PagingVariants['cursor']): string | null {
	if (kind === 'lastId') return OBJECT_ID.test(cursor) ? cursor.toLowerCase() : null;
	if (!cursor.startsWith(OPAQUE_PREFIX)) return null;
	const decoded = /^after:([0-9a-f]{24})$/.exec(Buffer.from(cursor.slice(OPAQUE_PREFIX.length), 'base64url').toString());
	return decoded ? decoded[1] : null;
}
