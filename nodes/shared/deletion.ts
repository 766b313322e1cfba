import type { IExecuteFunctions } from 'n8n-workflow';

import type { Run } from './run';
import { addToRunningHint } from './runningHint';

/**
 * What a Delete item says happened to its lead, the same in both nodes:
 * - `true`: deleted; `"queued"`: the service accepted it and deletes it in the background;
 * - `false`: not deleted, because the service had no such lead (it deleted none of the request's leads);
 * - `"unknown"`: the service deleted some of the request's leads but only counts them, so which ones is not known.
 */
export type Deletion = true | false | 'queued' | 'unknown';

/**
 * Each item's outcome from a request's count: a bulk delete answers with how many leads it deleted, never which. Only
 * an all-or-nothing count says something about every item; anything between is `"unknown"` (a guess either way would
 * tell a workflow a lead is gone when it is not, or the reverse).
 */
export function deletionOf(requested: number, deletedCount: number, confirmed: true | 'queued'): Deletion {
	if (deletedCount >= requested) return confirmed;
	return deletedCount === 0 ? false : 'unknown';
}

/** One hint per run, whatever the number of requests, with how many items came out `"unknown"` and why. */
export function reportUnknownDeletions(run: Run<IExecuteFunctions>, service: string, items: number): void {
	if (items === 0) return;
	addToRunningHint(
		run,
		'unknownDeletions',
		items,
		(total) =>
			`${total} item(s) say deleted: "unknown". ${service} deleted fewer leads than a request named (some did not exist) and only counts them, so which were deleted is not known. Get a lead to check it.`,
		'warning',
	);
}
