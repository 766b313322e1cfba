import type { IExecuteFunctions, NodeExecutionHint } from 'n8n-workflow';

import type { Run } from './run';

interface RunningHint {
	hint: NodeExecutionHint;
	count: number;
}

/** The counting hints of each run, by what they count. */
const hintsOfRun = new WeakMap<Run<IExecuteFunctions>, Map<string, RunningHint>>();

/**
 * Adds `count` to a hint that counts something over the whole run, so that a run of several requests shows one hint
 * with the total instead of one per request.
 */
export function addToRunningHint(
	run: Run<IExecuteFunctions>,
	key: string,
	count: number,
	message: (total: number) => string,
	type: NodeExecutionHint['type'] = 'info',
): void {
	const hints = hintsOfRun.get(run) ?? new Map<string, RunningHint>();
	hintsOfRun.set(run, hints);
	const shown = hints.get(key);
	if (shown) {
		// n8n keeps the hint object it was given until the node finishes: its message can still grow.
		shown.count += count;
		shown.hint.message = message(shown.count);
		return;
	}
	const hint: NodeExecutionHint = { message: message(count), type, location: 'outputPane' };
	hints.set(key, { hint, count });
	run.context.addExecutionHints(hint);
}
