import { z } from 'zod';

import { blankToUndefined } from '../../../shared/validation';
import { leadFieldOptions } from '../../fields/lead.fields';

/** Update Fields as n8n hands them over, read only to see which came out empty. */
const rawFieldsSchema = z.record(z.unknown());
const customFieldRowsSchema = z.object({ field: z.array(z.object({ name: z.unknown(), value: z.unknown() })) });

function isBlank(value: unknown): boolean {
	if (Array.isArray(value)) return value.every(isBlank);
	return blankToUndefined(value) === undefined;
}

/**
 * The fields the user added that hold no value (an expression over a missing input field, most often), by their
 * labels: what an item with nothing to change is told, instead of being asked to add a field it has.
 */
export function emptyFieldLabels(updateFields: unknown): string[] {
	const fields = rawFieldsSchema.safeParse(updateFields);
	if (!fields.success) return [];
	const labels = leadFieldOptions.filter(({ name }) => name in fields.data && isBlank(fields.data[name])).map(({ displayName }) => displayName);
	const rows = customFieldRowsSchema.safeParse(fields.data.customFields);
	const emptyRows = rows.success ? rows.data.field.filter((row) => !isBlank(row.name) && isBlank(row.value)) : [];
	return [...labels, ...emptyRows.map((row) => `Custom Fields "${String(row.name)}"`)];
}

/** "A is empty", "A and B are empty", "A, B and C are empty". */
export function nothingToChangeMessage(emptyLabels: readonly string[]): string {
	if (emptyLabels.length === 0) return 'add at least one field to change';
	const list = emptyLabels.length === 1 ? emptyLabels[0] : `${emptyLabels.slice(0, -1).join(', ')} and ${emptyLabels[emptyLabels.length - 1]}`;
	return `${list} ${emptyLabels.length === 1 ? 'is' : 'are'} empty, so there is nothing to change`;
}
