import type { StoredKickoffLabsLead, KickoffLabsStore, LeadIdentifier, NewKickoffLabsLead } from './store';
import type { LeadSubmission } from './submission';

/** The lead a submission is about: same email first, else same phone number (docs: "create or update"). */
export function findSubmittedLead(store: KickoffLabsStore, campaignId: number, submission: LeadSubmission): StoredKickoffLabsLead | undefined {
	const identifiers: LeadIdentifier[] = [];
	if (submission.email) identifiers.push({ kind: 'email', value: submission.email });
	if (submission.phoneNumber) identifiers.push({ kind: 'phone_number', value: submission.phoneNumber });
	for (const identifier of identifiers) {
		const lead = store.findLead(campaignId, identifier);
		if (lead) return lead;
	}
	return undefined;
}

export function createLead(store: KickoffLabsStore, campaignId: number, submission: LeadSubmission, clientIp: string): StoredKickoffLabsLead {
	const lead = store.addLead(campaignId, blankLead(clientIp));
	applySubmission(store, lead, submission, clientIp);
	const parent = submission.referrerSocialId
		? store.findLead(campaignId, { kind: 'social_id', value: submission.referrerSocialId })
		: undefined;
	if (parent) creditReferral(store, campaignId, lead, parent);
	return lead;
}

/** A re-submission counts as another signup of the same lead (`counter`) and, by default, re-subscribes it. */
export function resubmitLead(store: KickoffLabsStore, lead: StoredKickoffLabsLead, submission: LeadSubmission, clientIp: string): StoredKickoffLabsLead {
	lead.counter += 1;
	applySubmission(store, lead, submission, clientIp);
	return lead;
}

function applySubmission(store: KickoffLabsStore, lead: StoredKickoffLabsLead, submission: LeadSubmission, clientIp: string): void {
	store.setContact(lead, submission.email ?? lead.email, submission.phoneNumber ?? lead.phone_number);
	lead.first_name = submission.firstName ?? lead.first_name;
	lead.family_name = submission.familyName ?? lead.family_name;
	lead.custom_fields = { ...lead.custom_fields, ...submission.customFields };
	lead.uid = submission.uid ?? lead.uid;
	lead.utm = { ...lead.utm, ...submission.utm };
	lead.ip = submission.ip ?? clientIp;
	lead.referrer = submission.referrer ?? lead.referrer;
	if (submission.points !== undefined) store.setScore(lead, Math.max(0, submission.points));
	if (!submission.keepOptOut) lead.opted_out = false;
}

function blankLead(clientIp: string): NewKickoffLabsLead {
	return {
		contest_score: 0,
		first_name: null,
		family_name: null,
		email: null,
		phone_number: null,
		completed_actions: [],
		custom_fields: {},
		uid: null,
		parent_id: null,
		opted_out: false,
		utm: {},
		tags: [],
		referrals: 0,
		unverified_leads: { indirect: 0, direct: 0 },
		influence: { indirect: 0, direct: 0 },
		ip: clientIp,
		referrer: null,
	};
}

/** The referrer gets a direct referral; the referrer's own referrer an indirect one. */
function creditReferral(store: KickoffLabsStore, campaignId: number, lead: StoredKickoffLabsLead, parent: StoredKickoffLabsLead): void {
	lead.parent_id = parent.id;
	store.addReferral(parent);
	parent.unverified_leads.direct += 1;
	parent.influence.direct += 1;
	const grandparent = parent.parent_id === null ? undefined : store.leadById(campaignId, parent.parent_id);
	if (grandparent) {
		grandparent.unverified_leads.indirect += 1;
		grandparent.influence.indirect += 1;
	}
}
