import { createHash } from 'node:crypto';

import type { KickoffLabsCampaign, StoredKickoffLabsLead, LeadStanding } from './store';

export interface LeadViewOptions {
	/** Without a valid key KickoffLabs withholds PII and request metadata (create-response docs). */
	authenticated: boolean;
	skipUrls: boolean;
	skipActions: boolean;
}

export interface LeadViewContext {
	campaign: KickoffLabsCampaign;
	standing: LeadStanding;
	leadCount: number;
}

// Withheld from unauthenticated responses.
const PRIVATE_KEYS: ReadonlySet<string> = new Set([
	'email',
	'phone_number',
	'custom_fields',
	'uid',
	'parent_id',
	'opted_out',
	'utm',
	'tags',
	'ip',
	'referrer',
	'fraudulent',
]);
const URL_KEYS: ReadonlySet<string> = new Set(['social_url', 'redirect_url', 'thankyou_url', 'status_url', 'unsubscribe_url']);
const ACTION_KEYS: ReadonlySet<string> = new Set(['completed_actions']);

/** The lead object field for field and in the key order of the create-response example (seeds/kickofflabs-create-lead-response.txt). */
export function leadView(lead: StoredKickoffLabsLead, context: LeadViewContext, options: LeadViewOptions): Record<string, unknown> {
	const full = completeLeadObject(lead, context);
	const view: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(full)) {
		if (!options.authenticated && PRIVATE_KEYS.has(key)) continue;
		if (options.skipUrls && URL_KEYS.has(key)) continue;
		if (options.skipActions && ACTION_KEYS.has(key)) continue;
		view[key] = value;
	}
	return view;
}

function completeLeadObject(lead: StoredKickoffLabsLead, { campaign, standing, leadCount }: LeadViewContext): Record<string, unknown> {
	const statusUrl = `${campaign.thankYouUrlBase}?kolid=${lead.social_id}`;
	return {
		id: lead.id,
		social_id: lead.social_id,
		rank: standing.rank,
		counter: lead.counter,
		lead_count: leadCount,
		contest_score: lead.contest_score,
		contest_score_rank: standing.contestScoreRank,
		contest_score_rank_relative_position: standing.contestScoreRank - 1,
		rank_relative_position: standing.rank - 1,
		campaign_id: campaign.id,
		list_id: campaign.id,
		given_name: lead.first_name,
		first_name: lead.first_name,
		avatar: `https://www.gravatar.com/avatar/${md5(lead.email ?? lead.phone_number ?? lead.social_id)}?r=g&d=identicon&s=600`,
		when: lead.when,
		enhanced: true,
		anonymous: false,
		verified: false,
		verified_email: false,
		verified_phone_number: false,
		waitlisted: true,
		display_name: displayName(lead),
		completed_actions: [...lead.completed_actions],
		social_url: `${campaign.socialUrlBase}?kid=${lead.social_id}`,
		redirect_url: statusUrl,
		thankyou_url: statusUrl,
		status_url: statusUrl,
		email: lead.email,
		phone_number: lead.phone_number,
		family_name: lead.family_name,
		custom_fields: { ...lead.custom_fields },
		unsubscribe_url: unsubscribeUrls(lead),
		uid: lead.uid,
		parent_id: lead.parent_id,
		opted_out: lead.opted_out,
		utm: { ...lead.utm },
		tags: [...lead.tags],
		referrals: lead.referrals,
		unverified_leads: { ...lead.unverified_leads },
		// Leads are never verified in the sandbox; the example shows null, not 0, for these.
		verified_leads: { indirect: null, direct: null },
		influence: { ...lead.influence },
		subscription_number: standing.rank,
		ip: lead.ip,
		referrer: lead.referrer,
		fraudulent: false,
	};
}

function displayName(lead: StoredKickoffLabsLead): string {
	return lead.first_name ?? lead.email?.split('@')[0] ?? lead.social_id;
}

// The real links point at oo.kickoffpages.com; the sandbox keeps them on example.com so nothing real is ever hit.
function unsubscribeUrls(lead: StoredKickoffLabsLead): { default: string; safe: string } {
	const token = createHash('sha256').update(`${lead.campaign_id}:${lead.social_id}`).digest('hex').slice(0, 32);
	return { default: `https://example.com/opt-out/${token}`, safe: `https://example.com/opt-out/${token}?safe=1` };
}

function md5(text: string): string {
	return createHash('md5').update(text.trim().toLowerCase()).digest('hex');
}
