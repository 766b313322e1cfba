import type { KickoffLabsIdentity } from './keys';
import { KickoffLabsWebhooks } from './webhooks';
import { kickoffLabsVariants } from './variants';

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
export interface StoredKickoffLabsLead {
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

/** Each lead's rank in its campaign, by referrals and by contest score (1 = first). */
interface Ranking {
	byReferrals: Map<StoredKickoffLabsLead, number>;
	byScore: Map<StoredKickoffLabsLead, number>;
}

export type NewKickoffLabsLead = Omit<StoredKickoffLabsLead, 'id' | 'social_id' | 'campaign_id' | 'counter' | 'when'>;

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
	/** How the sandbox answers where KickoffLabs's docs are silent. */
	readonly variants = kickoffLabsVariants();
	private leadList: StoredKickoffLabsLead[] = [];
	/**
	 * Each campaign's leads in signup order, and its leads by email and by social id: a signup is looked up by these,
	 * so a 20,000-lead benchmark campaign answers as fast as an empty one (a real API does not slow down either).
	 * Kept in step by `addLead`, `removeLeads` and `setContact`, the only ways a lead joins, leaves or changes email.
	 */
	private byCampaign = new Map<number, StoredKickoffLabsLead[]>();
	private byEmail = new Map<string, StoredKickoffLabsLead>();
	private bySocialId = new Map<string, StoredKickoffLabsLead>();
	private rankings = new Map<number, Ranking>();
	// Not reset with the leads, so a social id from before a reset never names a new lead.
	private nextLeadId = FIRST_LEAD_ID;

	constructor(identity: KickoffLabsIdentity) {
		this.campaigns = seededCampaigns(identity);
	}

	reset(): void {
		this.leadList = [];
		this.byCampaign.clear();
		this.byEmail.clear();
		this.bySocialId.clear();
		this.rankings.clear();
		this.webhooks.reset();
		this.variants.reset();
	}

	campaign(id: number): KickoffLabsCampaign | undefined {
		return this.campaigns.find((campaign) => campaign.id === id);
	}

	/** Every lead of every campaign, in signup order (`when`; `counter` counts re-submissions of the same lead). */
	allLeads(): StoredKickoffLabsLead[] {
		return [...this.leadList];
	}

	/** The campaign's leads in signup order. */
	leads(campaignId: number): StoredKickoffLabsLead[] {
		return [...this.campaignLeads(campaignId)];
	}

	leadById(campaignId: number, id: number): StoredKickoffLabsLead | undefined {
		return this.campaignLeads(campaignId).find((lead) => lead.id === id);
	}

	findLead(campaignId: number, identifier: LeadIdentifier): StoredKickoffLabsLead | undefined {
		if (identifier.kind === 'email') return this.byEmail.get(emailKey(campaignId, identifier.value));
		if (identifier.kind === 'social_id') return this.bySocialId.get(socialIdKey(campaignId, identifier.value));
		const digits = phoneDigits(identifier.value);
		return this.campaignLeads(campaignId).find((lead) => lead.phone_number !== null && phoneDigits(lead.phone_number) === digits);
	}

	addLead(campaignId: number, fields: NewKickoffLabsLead): StoredKickoffLabsLead {
		const id = this.nextLeadId++;
		const lead: StoredKickoffLabsLead = { ...fields, id, social_id: socialIdFor(id), campaign_id: campaignId, counter: 1, when: nowWithOffset() };
		this.leadList.push(lead);
		const campaignLeads = this.byCampaign.get(campaignId) ?? [];
		campaignLeads.push(lead);
		this.byCampaign.set(campaignId, campaignLeads);
		this.bySocialId.set(socialIdKey(campaignId, lead.social_id), lead);
		if (lead.email !== null) this.byEmail.set(emailKey(campaignId, lead.email), lead);
		const ranking = this.rankings.get(campaignId);
		if (ranking && lead.referrals === 0 && lead.contest_score === 0) {
			ranking.byReferrals.set(lead, campaignLeads.length);
			ranking.byScore.set(lead, campaignLeads.length);
		} else {
			this.rankings.delete(campaignId);
		}
		return lead;
	}

	/** Sets a lead's email and phone number (a submission may change them). */
	setContact(lead: StoredKickoffLabsLead, email: string | null, phoneNumber: string | null): void {
		if (lead.email !== null && this.byEmail.get(emailKey(lead.campaign_id, lead.email)) === lead) {
			this.byEmail.delete(emailKey(lead.campaign_id, lead.email));
		}
		lead.email = email;
		lead.phone_number = phoneNumber;
		if (email !== null) this.byEmail.set(emailKey(lead.campaign_id, email), lead);
	}

	removeLeads(leads: readonly StoredKickoffLabsLead[]): void {
		const removed = new Set(leads);
		this.leadList = this.leadList.filter((lead) => !removed.has(lead));
		for (const lead of removed) {
			this.rankings.delete(lead.campaign_id);
			const campaignLeads = this.byCampaign.get(lead.campaign_id);
			if (campaignLeads) this.byCampaign.set(lead.campaign_id, campaignLeads.filter((other) => !removed.has(other)));
			this.bySocialId.delete(socialIdKey(lead.campaign_id, lead.social_id));
			if (lead.email !== null && this.byEmail.get(emailKey(lead.campaign_id, lead.email)) === lead) {
				this.byEmail.delete(emailKey(lead.campaign_id, lead.email));
			}
		}
	}

	/** Listed lead count: real leads plus the campaign's jump-start. */
	leadCount(campaign: KickoffLabsCampaign): number {
		return this.campaignLeads(campaign.id).length + campaign.jumpStart;
	}

	/**
	 * Ranks: most referrals first, then earliest signup; contest ranks order by score the same way. They are worked out
	 * by sorting once and kept until a referral, a score change or a removal reorders them: a new lead (no referrals,
	 * no score, the newest) simply ranks last, so a signup costs no sort.
	 */
	standingOf(lead: StoredKickoffLabsLead): LeadStanding {
		const ranking = this.ranking(lead.campaign_id);
		return { rank: ranking.byReferrals.get(lead) ?? 0, contestScoreRank: ranking.byScore.get(lead) ?? 0 };
	}

	/** A direct referral for the lead (it may move up). */
	addReferral(lead: StoredKickoffLabsLead): void {
		lead.referrals += 1;
		this.rankings.delete(lead.campaign_id);
	}

	/** Sets the lead's contest score (it may move). */
	setScore(lead: StoredKickoffLabsLead, score: number): void {
		if (lead.contest_score === score) return;
		lead.contest_score = score;
		this.rankings.delete(lead.campaign_id);
	}

	private ranking(campaignId: number): Ranking {
		let ranking = this.rankings.get(campaignId);
		if (!ranking) {
			const leads = this.campaignLeads(campaignId);
			const rankBy = (score: (lead: StoredKickoffLabsLead) => number) =>
				new Map([...leads].sort((a, b) => score(b) - score(a) || a.id - b.id).map((lead, index) => [lead, index + 1] as const));
			ranking = { byReferrals: rankBy((lead) => lead.referrals), byScore: rankBy((lead) => lead.contest_score) };
			this.rankings.set(campaignId, ranking);
		}
		return ranking;
	}

	private campaignLeads(campaignId: number): readonly StoredKickoffLabsLead[] {
		return this.byCampaign.get(campaignId) ?? [];
	}
}

function emailKey(campaignId: number, email: string): string {
	return `${campaignId} ${email.trim().toLowerCase()}`;
}

function socialIdKey(campaignId: number, socialId: string): string {
	return `${campaignId} ${socialId.trim().toUpperCase()}`;
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
