import type { ToolAnswer } from '../../../shared/toolAnswer';

/** What an agent acts on in a KickoffLabs lead: who it is, its place in line and its referral link. */
const LEAD_FIELDS = ['id', 'email', 'phone_number', 'first_name', 'family_name', 'social_id', 'social_url', 'rank', 'referrals', 'contest_score', 'counter', 'campaign_id'];

/** A compact answer for the outcomes that carry a KickoffLabs lead (of its 48 or so fields). */
export function leadToolAnswer(...outcomes: string[]): ToolAnswer {
	return { outcomes, fields: LEAD_FIELDS };
}
