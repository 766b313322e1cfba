import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

/**
 * An object from an API answer, with the fields the node reads checked and every other field kept as returned.
 *
 * The object itself is handed on as JSON.parse made it, not copied: a copy made by zod's `passthrough()` (properties
 * added one by one) takes about twice the memory of the parsed object (a KickoffLabs lead of the documented shape:
 * 2.7 KB against 1.3 KB), and every lead of a run stays in memory until the run ends (20,000 items in `npm run bench`).
 * A field that fails its check is reported at its path, as with `z.object`.
 */
export function checkedAsReturned<Shape extends z.ZodRawShape>(shape: Shape) {
	const checks = z.object(shape);
	return z
		.custom<IDataObject>((value) => value !== null && typeof value === 'object' && !Array.isArray(value), {
			message: 'Expected object',
		})
		.superRefine((value, context) => {
			const checked = checks.safeParse(value);
			if (!checked.success) for (const issue of checked.error.issues) context.addIssue(issue);
		})
		.transform((value) => value as IDataObject & z.infer<typeof checks>);
}
