import type { CampaignBook, SendKitCampaign } from './campaigns';
import type { EnrichmentJob } from './enrichment';
import { LEAD_FIELD_NAMES, type SendKitWorkspace } from './store';
import type { StoredSendKitLead } from './types';

// Key order of the create-lead example in the docs (seeds/sendkit-create-lead.txt); absent optional fields are skipped.
const FULL_LEAD_KEYS = [
	'_id',
	'email',
	...LEAD_FIELD_NAMES,
	'tags',
	'customFields',
	'emailVerified',
	'emailVerificationResult',
	'emailVerificationScore',
	'emailCatchAll',
	'segProtected',
	'segProvider',
	'segProviderName',
	'segCheckedAt',
	'lastEnrichedAt',
	'userId',
	'workspaceId',
	'createdAt',
	'updatedAt',
] as const satisfies readonly (keyof StoredSendKitLead)[];

// The docs' list example carries no linkedinUrl, phoneNumber, customFields or updatedAt
// (docs/api-notes.md#sendkit-shape-differences-between-endpoints); its Gen B example
// shows emailVerificationResult and the SEG fields, so the other enrichment fields are left out of the list too.
const LIST_EXCLUDED_KEYS: ReadonlySet<keyof StoredSendKitLead> = new Set([
	'linkedinUrl',
	'phoneNumber',
	'customFields',
	'updatedAt',
	'emailVerificationScore',
	'emailCatchAll',
	'segCheckedAt',
	'lastEnrichedAt',
]);
const LIST_ITEM_KEYS = FULL_LEAD_KEYS.filter((key) => !LIST_EXCLUDED_KEYS.has(key));

// The 409 example returns only these four fields of the existing lead.
const CONFLICT_KEYS = ['_id', 'email', 'firstName', 'lastName'] as const satisfies readonly (keyof StoredSendKitLead)[];

export function fullLeadView(lead: StoredSendKitLead): Record<string, unknown> {
	return pickInOrder(lead, FULL_LEAD_KEYS);
}

export function leadListItemView(lead: StoredSendKitLead): Record<string, unknown> {
	return pickInOrder(lead, LIST_ITEM_KEYS);
}

export function conflictLeadView(lead: StoredSendKitLead): Record<string, unknown> {
	return pickInOrder(lead, CONFLICT_KEYS);
}

export function workspaceView(workspace: SendKitWorkspace): Record<string, unknown> {
	return {
		id: workspace.id,
		name: workspace.name,
		ownerId: workspace.ownerId,
		memberCount: workspace.memberIds.length,
		createdAt: workspace.createdAt,
	};
}

function pickInOrder<T extends object>(lead: T, keys: readonly (keyof T)[]): Record<string, unknown> {
	const view: Record<string, unknown> = {};
	for (const key of keys) {
		if (lead[key] !== undefined) view[key as string] = lead[key];
	}
	return view;
}

/**
 * A campaign in GET /v1/campaigns (Gen B): stats from its memberships; sequence and schedule as an empty draft has
 * them.
 */
export function campaignListView(campaign: SendKitCampaign, book: CampaignBook): Record<string, unknown> {
	const members = book.leadsOf(campaign._id);
	return {
		...pickInOrder(campaign, ['_id', 'name', 'status'] as const),
		stats: { totalLeads: members.length, contacted: 0, contactedLeads: 0, totalEmailsSent: 0 },
		sequence: [],
		sendingSchedule: { timezone: 'UTC', startTime: '09:00', endTime: '17:00', workingDays: [1, 2, 3, 4, 5] },
		trackOpens: true,
		trackClicks: false,
		stopOnReply: true,
		...pickInOrder(campaign, ['startedAt'] as const),
		createdAt: campaign.createdAt,
	};
}

/** GET /v1/campaigns/{id}: the list view plus lead counts (docs: "with lead counts"). */
export function campaignView(campaign: SendKitCampaign, book: CampaignBook): Record<string, unknown> {
	const members = book.leadsOf(campaign._id);
	return {
		...campaignListView(campaign, book),
		mailboxRotation: 'round-robin',
		mailboxCount: 0,
		leadCounts: { total: members.length, active: members.filter((member) => member.status === 'active').length },
		updatedAt: campaign.updatedAt,
	};
}

/** GET /v1/enrichment/jobs/{jobId} (docs/api-notes.md#sendkit-enrichment-and-email-verification). */
export function jobView(job: EnrichmentJob): Record<string, unknown> {
	const iso = (time: number | undefined) => (time === undefined ? null : new Date(time).toISOString());
	return {
		id: job.id,
		type: job.type,
		status: job.status,
		metadata: {
			totalItems: job.leadIds.length,
			processedItems: job.processedItems,
			successCount: job.successCount,
			failedCount: job.failedCount,
			creditsUsed: job.enrichmentType === 'email' ? job.leadIds.length : 0,
		},
		totalLeads: job.leadIds.length,
		createdAt: iso(job.createdAt),
		updatedAt: iso(job.completedAt ?? job.startedAt ?? job.createdAt),
		startedAt: iso(job.startedAt),
		completedAt: iso(job.completedAt),
	};
}
