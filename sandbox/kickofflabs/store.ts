import type { KickoffLabsIdentity } from './keys';
import { KickoffLabsWebhooks } from './webhooks';

export interface KickoffLabsAction {
	id: number;
	text: string;
}

export interface KickoffLabsCampaign {
	id: number;
	name: string;
	/** Public landing page; referral links are `<socialUrlBase>?kid=<social_id>`. */
	socialUrlBase: string;
	/** Thank-you page; status links are `<thankYouUrlBase>?kolid=<social_id>`. */
	thankYouUrlBase: string;
	/** Added to the displayed lead count ("jump-start" in the KickoffLabs dashboard). */
	jumpStart: number;
	actions: KickoffLabsAction[];
}

export interface ReferralCounts {
	indirect: number;
	direct: number;
}

/** A stored lead; field names are the API's own so the response mapping stays obvious. */
export interface KickoffLabsLead {
	id: number;
	social_id: string;
	campaign_id: number;
	counter: number;
	contest_score: number;
	first_name: string | null;
	family_name: string | null;
	email: string | null;
	phone_number: string | null;
	/** Signup time, already formatted as KickoffLabs sends it (ISO-8601 with an offset). */
	when: string;
	completed_actions: number[];
	custom_fields: Record<string, string>;
	uid: string | null;
	parent_id: number | null;
	opted_out: boolean;
	utm: Record<string, string>;
	tags: string[];
	referrals: number;
	unverified_leads: ReferralCounts;
	influence: ReferralCounts;
	ip: string;
	referrer: string | null;
}

export type LeadIdentifierKind = 'email' | 'phone_number' | 'social_id';

export interface LeadIdentifier {
	kind: LeadIdentifierKind;
	value: string;
}

export interface LeadStanding {
	rank: number;
	contestScoreRank: number;
}

export type NewKickoffLabsLead = Omit<KickoffLabsLead, 'id' | 'social_id' | 'campaign_id' | 'counter' | 'when'>;

const FIRST_LEAD_ID = 107646230;

function seededCampaigns(identity: KickoffLabsIdentity): KickoffLabsCampaign[] {
	const actions = [
		{ id: 9001, text: 'Follow us on X' },
		{ id: 9002, text: 'Share on LinkedIn' },
	];
	return [
		{
			id: identity.defaultCampaignId,
			name: 'Launch Waitlist',
			socialUrlBase: 'https://www.example.com/',
			thankYouUrlBase: 'https://example.com/thanks',
			jumpStart: 0,
			actions,
		},
		{
			id: identity.otherCampaignId,
			name: 'Beta Referral Program',
			socialUrlBase: 'https://beta.example.com/',
			thankYouUrlBase: 'https://beta.example.com/thanks',
			jumpStart: 100,
			actions: [{ id: 9101, text: 'Join our Discord' }],
		},
	];
}

/** In-memory KickoffLabs account: two seeded campaigns (no leads) and the leads created through the API. */
export class KickoffLabsStore {
	readonly campaigns: readonly KickoffLabsCampaign[];
	/** Registered outbound webhooks and the deliveries made to them. */
	readonly webhooks = new KickoffLabsWebhooks();
	private leadList: KickoffLabsLead[] = [];
	// Not reset with the leads, so a social id from before a reset never names a new lead.
	private nextLeadId = FIRST_LEAD_ID;

	constructor(identity: KickoffLabsIdentity) {
		this.campaigns = seededCampaigns(identity);
	}

	reset(): void {
		this.leadList = [];
		this.webhooks.reset();
	}

	campaign(id: number): KickoffLabsCampaign | undefined {
		return this.campaigns.find((campaign) => campaign.id === id);
	}

	/** Every lead of every campaign, in signup order (`when`; `counter` counts re-submissions of the same lead). */
	allLeads(): KickoffLabsLead[] {
		return [...this.leadList];
	}

	/** The campaign's leads in signup order. */
	leads(campaignId: number): KickoffLabsLead[] {
		return this.leadList.filter((lead) => lead.campaign_id === campaignId);
	}

	leadById(campaignId: number, id: number): KickoffLabsLead | undefined {
		return this.leads(campaignId).find((lead) => lead.id === id);
	}

	findLead(campaignId: number, identifier: LeadIdentifier): KickoffLabsLead | undefined {
		// One pass, the identifier normalised once: a lookup stays cheap in a 20,000-lead benchmark campaign.
		const matches = identifierMatcher(identifier);
		for (const lead of this.leadList) {
			if (lead.campaign_id === campaignId && matches(lead)) return lead;
		}
		return undefined;
	}

	addLead(campaignId: number, fields: NewKickoffLabsLead): KickoffLabsLead {
		const id = this.nextLeadId++;
		const lead: KickoffLabsLead = { ...fields, id, social_id: socialIdFor(id), campaign_id: campaignId, counter: 1, when: nowWithOffset() };
		this.leadList.push(lead);
		return lead;
	}

	removeLeads(leads: readonly KickoffLabsLead[]): void {
		const removed = new Set(leads);
		this.leadList = this.leadList.filter((lead) => !removed.has(lead));
	}

	/** Listed lead count: real leads plus the campaign's jump-start. */
	leadCount(campaign: KickoffLabsCampaign): number {
		let count = 0;
		for (const lead of this.leadList) if (lead.campaign_id === campaign.id) count++;
		return count + campaign.jumpStart;
	}

	/**
	 * Ranks are derived, never stored, so referrers move up as soon as a referral lands: most referrals first, then
	 * earliest signup. Contest ranks order by score the same way.
	 */
	standings(campaignId: number): Map<number, LeadStanding> {
		const leads = this.leads(campaignId);
		const byReferrals = [...leads].sort((a, b) => b.referrals - a.referrals || a.id - b.id);
		const byScore = [...leads].sort((a, b) => b.contest_score - a.contest_score || a.id - b.id);
		const standings = new Map<number, LeadStanding>();
		byReferrals.forEach((lead, index) => standings.set(lead.id, { rank: index + 1, contestScoreRank: 0 }));
		byScore.forEach((lead, index) => {
			const standing = standings.get(lead.id);
			if (standing) standing.contestScoreRank = index + 1;
		});
		return standings;
	}

	/**
	 * One lead's standing, the same as `standings(...).get(lead.id)` but counting instead of sorting, so an answer
	 * costs O(leads) and a 20,000-lead benchmark campaign stays fast.
	 */
	standingOf(lead: KickoffLabsLead): LeadStanding {
		let rank = 1;
		let contestScoreRank = 1;
		for (const other of this.leadList) {
			if (other.campaign_id !== lead.campaign_id || other === lead) continue;
			if (other.referrals > lead.referrals || (other.referrals === lead.referrals && other.id < lead.id)) rank++;
			if (other.contest_score > lead.contest_score || (other.contest_score === lead.contest_score && other.id < lead.id)) contestScoreRank++;
		}
		return { rank, contestScoreRank };
	}
}

function identifierMatcher(identifier: LeadIdentifier): (lead: KickoffLabsLead) => boolean {
	switch (identifier.kind) {
		case 'email': {
			const email = identifier.value.trim().toLowerCase();
			return (lead) => lead.email !== null && lead.email === email;
		}
		case 'phone_number': {
			const digits = phoneDigits(identifier.value);
			return (lead) => lead.phone_number !== null && phoneDigits(lead.phone_number) === digits;
		}
		case 'social_id': {
			const socialId = identifier.value.trim().toUpperCase();
			return (lead) => lead.social_id === socialId;
		}
	}
}

/** Phone numbers match on their digits, so "+1 (555) 123-4567" and "+15551234567" are the same lead. */
function phoneDigits(phone: string): string {
	return phone.replace(/\D/g, '');
}

const SOCIAL_ID_SPACE = 36 ** 6;
// Coprime with 36, so multiplying by it permutes the 6-character space: unique, stable, random-looking ids.
const SOCIAL_ID_SCRAMBLE = 1_000_003;

function socialIdFor(id: number): string {
	const scrambled = Number((BigInt(id) * BigInt(SOCIAL_ID_SCRAMBLE)) % BigInt(SOCIAL_ID_SPACE));
	return scrambled.toString(36).toUpperCase().padStart(6, '0');
}

/** KickoffLabs sends `when` with an explicit offset ("2025-07-15T14:29:23-04:00"); the sandbox lives in UTC. */
function nowWithOffset(): string {
	return `${new Date().toISOString().slice(0, 19)}+00:00`;
}
