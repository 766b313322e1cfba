import type { IDataObject } from 'n8n-workflow';
import { z } from 'zod';

import { objectIdMillis } from './leadOrder';

const positionSchema = z.union([z.object({ page: z.number().int().positive() }), z.object({ cursor: z.string() })]);

/**
 * What the New Lead Trigger keeps in the workflow's static data between polls: a few fields, whatever the number of
 * leads (n8n saves the whole blob after every poll).
 */
const pollStateSchema = z.object({
	/** The newest lead handled (emitted, or existing at activation); null: there was no lead at all. */
	watermark: z.object({ at: z.number(), id: z.string() }).nullable(),
	/** The list's order, once seen. */
	order: z.enum(['oldestFirst', 'newestFirst']).optional(),
	/** Oldest first: the page the last poll ended on, where the next one starts reading. */
	resume: positionSchema.optional(),
	/** Newest first: where a burst of more new leads than one poll reads continues (deeper, toward older leads). */
	descent: positionSchema.optional(),
	/** Version 1.0 of the node saved only the newest id: a lead whose id is not above it was handled by that version. */
	idFloor: z.string().optional(),
});

export type PollState = z.infer<typeof pollStateSchema>;

/** The state version 1.0 of the node saved: the id of the newest lead seen. */
const idOnlyStateSchema = z.object({ started: z.literal(true), lastLeadId: z.string().nullable().optional() });

/** The saved state, or undefined before the first poll after activation. */
export function readPollState(staticData: IDataObject): PollState | undefined {
	const current = pollStateSchema.safeParse(staticData);
	if (current.success) return current.data;
	const idOnly = idOnlyStateSchema.safeParse(staticData);
	if (!idOnly.success) return undefined;
	const id = idOnly.data.lastLeadId?.toLowerCase();
	// The id's creation second (its millisecond is unknown), with the id itself as a floor, as version 1.0 compared.
	return id ? { watermark: { at: objectIdMillis(id), id }, idFloor: id } : { watermark: null };
}

/** Replaces the saved state in one step, so a poll never leaves half of an old state behind. */
export function writePollState(staticData: IDataObject, state: PollState): void {
	for (const key of Object.keys(staticData)) delete staticData[key];
	for (const [key, value] of Object.entries(state)) if (value !== undefined) staticData[key] = value;
}
