import type { z } from 'zod';

import type { ApiRequest } from '../../shared/request';
import type { Run } from '../../shared/run';
import type { Pagination } from './schemas';
import { sendKit } from './service';

export type PagePosition = { page: number } | { cursor: string };

/** The most a SendKit list answers per request (docs: `limit` 1–100). */
export const MAX_PAGE_SIZE = 100;

/** Cursor pagination (current API) with a fallback to page numbers (older reference pages). */
export function nextPagePosition(page: { pagination?: Pagination }, current?: PagePosition): PagePosition | undefined {
	const pagination = page.pagination;
	if (!pagination) return undefined;
	if (pagination.hasMore !== undefined || pagination.nextCursor !== undefined) {
		const cursor = pagination.nextCursor;
		if (!pagination.hasMore || !cursor) return undefined;
		if (current && 'cursor' in current && current.cursor === cursor) return undefined;
		return { cursor };
	}
	const currentPage = current && 'page' in current ? current.page : (pagination.page ?? 1);
	if (pagination.pages !== undefined && currentPage < pagination.pages) return { page: currentPage + 1 };
	return undefined;
}

/** One page of a list, and whether another follows. */
interface WalkedPage<Item> {
	items: Item[];
	more: boolean;
	/** Where the next page starts, for callers that page one request at a time (the editor's search lists). */
	next?: PagePosition;
	/** The page's `pagination` as SendKit answered it (`total`, and `pages` when it pages by number). */
	pagination?: Pagination;
}

type ListSchema<Item> = z.ZodType<{ data: Item[]; pagination?: Pagination }, z.ZodTypeDef, unknown>;

/**
 * Walks a SendKit list page by page, `pageSize` per request, until the API says there is no more. A page that comes
 * back with fewer items than asked for, even none, does not end the walk: only `hasMore` (or `pages`) does, since
 * SendKit can answer sparse pages while more follow (docs/api-notes.md#sendkit-pagination). A cursor seen before ends
 * it, so a server that repeats itself cannot keep the node in a loop.
 */
export async function* walkPages<Item>(
	run: Run,
	request: ApiRequest,
	schema: ListSchema<Item>,
	pageSize = MAX_PAGE_SIZE,
	start?: PagePosition,
): AsyncGenerator<WalkedPage<Item>> {
	const seenCursors = new Set<string>();
	let position = start;
	for (;;) {
		const page = await sendKit.request(run, { ...request, qs: { ...request.qs, limit: pageSize, ...position } }, schema);
		let next = nextPagePosition(page, position);
		if (next && 'cursor' in next) {
			if (seenCursors.has(next.cursor)) next = undefined;
			else seenCursors.add(next.cursor);
		}
		yield { items: page.data, more: next !== undefined, next, pagination: page.pagination };
		if (!next) return;
		position = next;
	}
}

/** Every item of a list, or the first `limit` of them, reading only as many pages as that takes. */
export async function collectPages<Item>(
	run: Run,
	request: ApiRequest,
	schema: ListSchema<Item>,
	limit?: number,
): Promise<Item[]> {
	const collected: Item[] = [];
	// One page size for the whole walk: page numbers only line up when every request asks for the same size.
	const pageSize = limit === undefined ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit);
	for await (const page of walkPages(run, request, schema, pageSize)) {
		collected.push(...page.items);
		if (limit !== undefined && collected.length >= limit) return collected.slice(0, limit);
	}
	return collected;
}
