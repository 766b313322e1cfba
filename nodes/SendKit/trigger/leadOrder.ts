import type { SendKitLead } from '../transport/schemas';

/**
 * Where a lead stands in creation order: its `createdAt` in milliseconds, then its id. SendKit does not document the
 * list's order, so the trigger orders leads itself by this key. Leads created in the same millisecond are told apart
 * by id: this relies on ids of one millisecond sorting in creation order, as MongoDB ObjectIds made by one server do
 * (their last bytes are a counter).
 */
export interface CreationKey {
	at: number;
	id: string;
}

export type ListOrder = 'oldestFirst' | 'newestFirst';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** An ObjectId's first 8 hex digits are its creation second: the fallback for a lead without a readable `createdAt`. */
export function objectIdMillis(id: string): number {
	return OBJECT_ID.test(id) ? Number.parseInt(id.slice(0, 8), 16) * 1000 : 0;
}

export function keyOf(lead: SendKitLead): CreationKey {
	const created = typeof lead.createdAt === 'string' ? Date.parse(lead.createdAt) : Number.NaN;
	const id = lead._id.toLowerCase();
	return { at: Number.isNaN(created) ? objectIdMillis(id) : created, id };
}

export function compareKeys(a: CreationKey, b: CreationKey): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	return a.id === b.id ? 0 : a.id < b.id ? -1 : 1;
}

/** Whether a lead was created after the watermark; everything is, when there was no lead at all. */
export function isAfter(key: CreationKey, watermark: CreationKey | null): boolean {
	return watermark === null || compareKeys(key, watermark) > 0;
}

/**
 * Learns the list's order from the leads as they come, instead of assuming it: the first and the latest lead read
 * tell it as soon as they differ. Also keeps the newest lead read.
 */
export class OrderTracker {
	newest?: SendKitLead;
	private newestKey?: CreationKey;
	private first?: CreationKey;
	private latest?: CreationKey;

	add(leads: readonly SendKitLead[]): void {
		for (const lead of leads) {
			const key = keyOf(lead);
			this.first ??= key;
			this.latest = key;
			if (!this.newestKey || compareKeys(key, this.newestKey) > 0) {
				this.newest = lead;
				this.newestKey = key;
			}
		}
	}

	/** The order seen, or undefined while fewer than two different leads have been read. */
	get order(): ListOrder | undefined {
		if (!this.first || !this.latest) return undefined;
		const comparison = compareKeys(this.first, this.latest);
		if (comparison === 0) return undefined;
		return comparison < 0 ? 'oldestFirst' : 'newestFirst';
	}
}
