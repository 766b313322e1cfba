import type { SendKitIdentity } from './keys';

/** Campaign statuses per a third-party playbook (docs/api-notes.md#sendkit-campaigns). */
export type CampaignStatus = 'draft' | 'active' | 'paused' | 'completed' | 'archived';

export interface SendKitCampaign {
	_id: string;
	name: string;
	status: CampaignStatus;
	workspaceId: string;
	userId: string;
	createdAt: string;
	updatedAt: string;
	startedAt?: string;
}

/**
 * A lead's membership of a campaign: its `_id` is the campaign-lead record id, not the lead id
 * (docs/api-notes.md#sendkit-campaign-leads).
 */
export interface CampaignLead {
	_id: string;
	campaignId: string;
	leadId: string;
	status: 'pending' | 'active' | 'removed';
	addedAt: string;
}

/**
 * The campaigns every reset starts with. Ids are seeded data, fixed in both key modes, so example workflows can name
 * a campaign by id.
 */
export const SEEDED_CAMPAIGNS = [
	{ _id: '6650a1b2c3d4e5f6a7b8c901', name: 'Q3 Founders Outreach', status: 'active' },
	{ _id: '6650a1b2c3d4e5f6a7b8c902', name: 'Spring Webinar Follow-up', status: 'draft' },
	{ _id: '6650a1b2c3d4e5f6a7b8c903', name: 'Partner Introductions', status: 'paused' },
	{ _id: '6650a1b2c3d4e5f6a7b8c904', name: '2024 Newsletter Winback', status: 'completed' },
] as const satisfies ReadonlyArray<Pick<SendKitCampaign, '_id' | 'name' | 'status'>>;

const SEEDED_AT = '2025-06-02T09:00:00.000Z';

/** The workspace's campaigns and which leads are in them. */
export class CampaignBook {
	private campaigns: SendKitCampaign[] = [];
	private memberships: CampaignLead[] = [];

	constructor(
		private readonly identity: SendKitIdentity,
		private readonly newId: () => string,
	) {
		this.reset();
	}

	reset(): void {
		this.campaigns = SEEDED_CAMPAIGNS.map((seed) => ({
			...seed,
			workspaceId: this.identity.workspaceId,
			userId: this.identity.userId,
			createdAt: SEEDED_AT,
			updatedAt: SEEDED_AT,
			...(seed.status === 'draft' ? {} : { startedAt: SEEDED_AT }),
		}));
		this.memberships = [];
	}

	/** A campaign created directly in the store (tests that need many campaigns). */
	create(name: string, status: CampaignStatus): SendKitCampaign {
		const now = new Date().toISOString();
		const campaign: SendKitCampaign = {
			_id: this.newId(),
			name,
			status,
			workspaceId: this.identity.workspaceId,
			userId: this.identity.userId,
			createdAt: now,
			updatedAt: now,
		};
		this.campaigns.push(campaign);
		return campaign;
	}

	/** In `_id` order, the order cursor paging relies on. */
	list(workspaceId: string): SendKitCampaign[] {
		return this.campaigns.filter((campaign) => campaign.workspaceId === workspaceId).sort((a, b) => a._id.localeCompare(b._id));
	}

	find(workspaceId: string, id: string): SendKitCampaign | undefined {
		return this.campaigns.find((campaign) => campaign._id === id.toLowerCase() && campaign.workspaceId === workspaceId);
	}

	/** Live memberships (not removed) of one campaign. */
	leadsOf(campaignId: string): CampaignLead[] {
		return this.memberships.filter((member) => member.campaignId === campaignId && member.status !== 'removed');
	}

	isMember(campaignId: string, leadId: string): boolean {
		return this.leadsOf(campaignId).some((member) => member.leadId === leadId);
	}

	/** New leads of an active campaign start sending at once (`active`); elsewhere they wait (`pending`). */
	add(campaign: SendKitCampaign, leadId: string): CampaignLead {
		const member: CampaignLead = {
			_id: this.newId(),
			campaignId: campaign._id,
			leadId,
			status: campaign.status === 'active' ? 'active' : 'pending',
			addedAt: new Date().toISOString(),
		};
		this.memberships.push(member);
		return member;
	}

	/** The active campaigns holding any of these leads, with how many of them each holds. */
	activeCampaignsOf(leadIds: ReadonlySet<string>): Array<{ campaign: SendKitCampaign; leadCount: number }> {
		return this.campaigns
			.filter((campaign) => campaign.status === 'active')
			.map((campaign) => ({ campaign, leadCount: this.leadsOf(campaign._id).filter((member) => leadIds.has(member.leadId)).length }))
			.filter((entry) => entry.leadCount > 0);
	}

	/** A deleted lead's memberships are soft-removed (docs: DELETE /v1/leads with force). */
	removeLead(leadId: string): void {
		for (const member of this.memberships) if (member.leadId === leadId) member.status = 'removed';
	}
}
