import type { IExecuteFunctions, IGetNodeParameterOptions } from 'n8n-workflow';
import { deepCopy } from 'n8n-workflow';

import type { CachedParameter, Run } from './run';

/** Whether a raw parameter value holds an expression anywhere (n8n marks one with a leading "="). */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object') return Object.values(value).some(holdsExpression);
	return false;
}

/**
 * One item's value of a node parameter, as `getNodeParameter(name, itemIndex, fallback, options)` gives it.
 *
 * n8n evaluates a parameter anew for every item, expression or not, and with several parameters that was the largest
 * part of the package's own cost per item (`npm run bench`; README, "How fast (measured)"). A parameter without an
 * expression has the same value for every item, so it is evaluated once per execution and each item gets
 * a copy of it; a parameter with an expression is evaluated per item as before. A value whose evaluation fails is
 * left to the per-item call, so the error names the item.
 */
export function itemParameter(
	run: Run<IExecuteFunctions>,
	name: string,
	itemIndex: number,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	const { context, parameters: cache } = run;
	const key = options?.extractValue ? `${name}\u0000extractValue` : name;
	let cached = cache.get(key);
	if (!cached) {
		cached = evaluateOnce(context, name, fallback, options);
		cache.set(key, cached);
	}
	if (cached === 'perItem') return context.getNodeParameter(name, itemIndex, fallback, options);
	const { value } = cached;
	return value !== null && typeof value === 'object' ? deepCopy(value) : value;
}

function evaluateOnce(context: IExecuteFunctions, name: string, fallback: unknown, options: IGetNodeParameterOptions | undefined): CachedParameter {
	try {
		const raw: unknown = context.getNodeParameter(name, 0, fallback, { rawExpressions: true });
		if (holdsExpression(raw)) return 'perItem';
		return { value: context.getNodeParameter(name, 0, fallback, options) };
	} catch {
		return 'perItem';
	}
}
