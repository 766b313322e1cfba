import type { LeadListPage } from './schemas';

export type PagePosition = { page: number } | { cursor: string };

/** Cursor pagination (current API) with a fallback to page numbers (older reference pages). */
export function nextPagePosition(page: Pick<LeadListPage, 'pagination'>, current?: PagePosition): PagePosition | undefined {
	const pagination = page.pagination;
	if (!pagination) return undefined;
	if (pagination.hasMore !== undefined || pagination.nextCursor !== undefined) {
		const cursor = pagination.nextCursor;
		if (!pagination.hasMore || !cursor) return undefined;
		if (current && 'cursor' in current && current.cursor === cursor) return undefined;
		return { cursor };
	}
	const currentPage = current && 'page' in current ? current.page : 1;
	if (pagination.pages !== undefined && currentPage < pagination.pages) return { page: currentPage + 1 };
	return undefined;
}
