import { matchRoute, type RoutePattern } from '../core/routes';
import type { ApiHandler, JsonObject, SandboxRequest, SandboxResponse } from '../core/types';
import { createLead, findSubmittedLead, resubmitLead } from './leads';
import { collectParams, flagParam, listParam, textParam } from './params';
import {
	CAMPAIGN_NOT_FOUND,
	INVALID_API_KEY,
	INVALID_JSON,
	MISSING_IDENTIFIER,
	NO_LEAD_FOUND,
	ROUTE_NOT_FOUND,
	kickoffLabsMessage,
} from './responses';
import type { KickoffLabsCampaign, StoredKickoffLabsLead, KickoffLabsStore, LeadIdentifier, LeadIdentifierKind } from './store';
import { parsePoints, parseSubmission } from './submission';
import { leadView } from './views';
import { isKickoffLabsWebhookEvent, type KickoffLabsWebhookEvent } from './webhooks';

interface CampaignContext {
	request: SandboxRequest;
	params: JsonObject;
	store: KickoffLabsStore;
	campaign: KickoffLabsCampaign;
	authenticated: boolean;
	/** Path segments captured after the campaign id, e.g. the action id. */
	pathParams: string[];
}

/** A route under /v2/{campaign_id}: the first group of its `pattern` captures the campaign id. */
interface CampaignRoute extends RoutePattern {
	/** Only create and lookup work without a key, like KickoffLabs' public signup form. */
	allowsAnonymous: boolean;
	handle: (context: CampaignContext) => SandboxResponse;
}

const CAMPAIGN_ROUTES: readonly CampaignRoute[] = [
	{ method: 'POST', pattern: /^\/v2\/([^/]+)$/, allowsAnonymous: true, handle: createOrUpdateLead },
	{ method: 'GET', pattern: /^\/v2\/([^/]+)$/, allowsAnonymous: true, handle: lookUpLead },
	{ method: 'DELETE', pattern: /^\/v2\/([^/]+)$/, allowsAnonymous: false, handle: deleteLeads },
	{ method: 'POST', pattern: /^\/v2\/([^/]+)\/points$/, allowsAnonymous: false, handle: addPoints },
	{ method: 'GET', pattern: /^\/v2\/([^/]+)\/actions$/, allowsAnonymous: false, handle: listActions },
	{ method: 'POST', pattern: /^\/v2\/([^/]+)\/actions\/([^/]+)$/, allowsAnonymous: false, handle: completeAction },
	{ method: 'GET', pattern: /^\/v2\/([^/]+)\/stats$/, allowsAnonymous: false, handle: campaignStats },
	{ method: 'POST', pattern: /^\/v2\/([^/]+)\/outbound-webhook$/, allowsAnonymous: false, handle: createOutboundWebhook },
	{ method: 'DELETE', pattern: /^\/v2\/([^/]+)\/outbound-webhook$/, allowsAnonymous: false, handle: deleteOutboundWebhook },
];

const MAX_BULK_ITEMS = 250;
const BULK_IDENTIFIER_KINDS: readonly LeadIdentifierKind[] = ['email', 'phone_number', 'social_id'];

type Access = 'authenticated' | 'anonymous' | 'denied';

/** The KickoffLabs API (api.kickofflabs.com/v2). Unknown routes answer 404 before any key check. */
export function createKickoffLabsHandler(store: KickoffLabsStore, apiKey: string): ApiHandler {
	return (request) => {
		const params = collectParams(request);
		const access = accessOf(request, params, apiKey);
		if (request.method === 'GET' && request.path === '/v2/campaigns') {
			return access === 'authenticated' ? listCampaigns(store) : INVALID_API_KEY;
		}
		const match = matchRoute(CAMPAIGN_ROUTES, request);
		if (!match) return ROUTE_NOT_FOUND;
		const [campaignId, ...pathParams] = match.params;
		if (access === 'denied' || (access === 'anonymous' && !match.route.allowsAnonymous)) return INVALID_API_KEY;
		if (request.bodyIsInvalid) return INVALID_JSON;
		const campaign = /^\d+$/.test(campaignId) ? store.campaign(Number(campaignId)) : undefined;
		if (!campaign) return CAMPAIGN_NOT_FOUND;
		return match.route.handle({ request, params, store, campaign, authenticated: access === 'authenticated', pathParams });
	};
}

/**
 * The key may come as `api_key` (query or body), `Authorization: Bearer KEY` or `Authentication: ... KEY`; of the
 * headers KickoffLabs uses the final whitespace-separated token (docs/api-notes.md#kickofflabs-authentication). A blank
 * key counts as no key.
 */
function accessOf(request: SandboxRequest, params: JsonObject, apiKey: string): Access {
	const sent = textParam(params, 'api_key') ?? finalToken(request.headers.authorization) ?? finalToken(request.headers.authentication);
	if (sent === undefined) return 'anonymous';
	return sent === apiKey ? 'authenticated' : 'denied';
}

function finalToken(header: string | undefined): string | undefined {
	const tokens = (header ?? '').trim().split(/\s+/);
	return tokens[tokens.length - 1] || undefined;
}

function listCampaigns(store: KickoffLabsStore): SandboxResponse {
	return {
		status: 200,
		body: store.campaigns.map((campaign) => ({ id: campaign.id, name: campaign.name, lead_count: store.leadCount(campaign) })),
	};
}

function createOrUpdateLead({ request, params, store, campaign, authenticated }: CampaignContext): SandboxResponse {
	const parsed = parseSubmission(params, authenticated);
	if ('error' in parsed) return parsed.error;
	const { submission } = parsed;
	const existing = findSubmittedLead(store, campaign.id, submission);
	// must_exist with no match: the docs only say no lead is created; 404 "No lead found" is INFERRED.
	if (!existing && submission.mustExist) return NO_LEAD_FOUND;
	const previousScore = existing?.contest_score ?? 0;
	const lead = existing
		? resubmitLead(store, existing, submission, request.clientIp)
		: createLead(store, campaign.id, submission, request.clientIp);
	announceSubmission(store, campaign, lead, existing ? 'repeat_signup' : 'new_signup', previousScore);
	return leadResponse(store, campaign, lead, params, authenticated);
}

/** The webhook events a signup causes: the signup itself, the referrer's referral, and a score set by `points`. */
function announceSubmission(
	store: KickoffLabsStore,
	campaign: KickoffLabsCampaign,
	lead: StoredKickoffLabsLead,
	event: 'new_signup' | 'repeat_signup',
	previousScore: number,
): void {
	announce(store, campaign, lead, event);
	const parent = event === 'new_signup' && lead.parent_id !== null ? store.leadById(campaign.id, lead.parent_id) : undefined;
	if (parent) {
		announce(store, campaign, parent, 'referral', {
			__referral: { email: lead.email, social_id: lead.social_id, phone_number: lead.phone_number },
		});
	}
	if (lead.contest_score !== previousScore) announceScoreChange(store, campaign, lead, previousScore);
}

function announceScoreChange(store: KickoffLabsStore, campaign: KickoffLabsCampaign, lead: StoredKickoffLabsLead, previousScore: number): void {
	announce(store, campaign, lead, 'score_change', {
		__score_change: { current_contest_score: lead.contest_score, previous_contest_score: previousScore },
	});
}

/** Delivers the lead as KickoffLabs's webhooks send it (the full lead object, as to an authenticated request). */
function announce(
	store: KickoffLabsStore,
	campaign: KickoffLabsCampaign,
	lead: StoredKickoffLabsLead,
	event: KickoffLabsWebhookEvent,
	extra: Record<string, unknown> = {},
): void {
	// The view costs a pass over the campaign's leads: only built when a webhook will carry it.
	if (!store.webhooks.wants(campaign.id, event)) return;
	const standing = store.standingOf(lead);
	const view = leadView(lead, { campaign, standing, leadCount: store.leadCount(campaign) }, { authenticated: true, skipUrls: false, skipActions: false });
	store.webhooks.emit(campaign.id, event, { ...view, ...extra });
}

/**
 * POST /v2/{campaign_id}/outbound-webhook with `url` (must start with http) and `event` or `events`
 * (docs/api-notes.md#kickofflabs-other-lead-actions). Unknown event names and a missing URL answer 409, KickoffLabs's
 * status for incomplete requests (INFERRED).
 */
function createOutboundWebhook({ params, store, campaign }: CampaignContext): SandboxResponse {
	const url = textParam(params, 'url');
	if (!url || !/^https?:\/\//i.test(url)) return kickoffLabsMessage(409, 'Please include a valid url');
	const events = [...listParam(params, 'events'), ...listParam(params, 'event')];
	if (events.length === 0) return kickoffLabsMessage(409, 'Please include an event');
	const unknown = events.find((event) => !isKickoffLabsWebhookEvent(event));
	if (unknown !== undefined) return kickoffLabsMessage(409, `Invalid event: ${unknown}`);
	const hook = store.webhooks.register(campaign.id, url, events.filter(isKickoffLabsWebhookEvent), textParam(params, 'source'));
	return { status: 200, body: { message: 'Webhook Created', referenceId: hook.referenceId, events: hook.events } };
}

/**
 * DELETE /v2/{campaign_id}/outbound-webhook?url=…: by URL. The answers are INFERRED (not in the docs' excerpt); a
 * removal answers `{message}` or 204 with no body, as the `webhookDeleteAnswer` switch says.
 */
function deleteOutboundWebhook({ params, store, campaign }: CampaignContext): SandboxResponse {
	const url = textParam(params, 'url');
	if (!url) return kickoffLabsMessage(409, 'Please include a url');
	if (!store.webhooks.remove(campaign.id, url)) return kickoffLabsMessage(404, 'Webhook not found');
	return store.variants.current.webhookDeleteAnswer === 'noContent' ? { status: 204 } : kickoffLabsMessage(200, 'Webhook Deleted');
}

function lookUpLead({ params, store, campaign, authenticated }: CampaignContext): SandboxResponse {
	const identifier = singleIdentifierOf(params);
	if (!identifier) return MISSING_IDENTIFIER;
	const lead = store.findLead(campaign.id, identifier);
	return lead ? leadResponse(store, campaign, lead, params, authenticated) : noLeadAnswer(store);
}

/** A lookup of an unknown lead: 404 "No lead found", or a 200 with nothing in it, as the `lookupNotFound` switch says. */
function noLeadAnswer(store: KickoffLabsStore): SandboxResponse {
	const answers: Record<KickoffLabsStore['variants']['current']['lookupNotFound'], SandboxResponse> = {
		status404: NO_LEAD_FOUND,
		emptyObject: { status: 200, body: {} },
		emptyArray: { status: 200, body: [] },
		messageOnly: kickoffLabsMessage(200, 'No lead found'),
	};
	return answers[store.variants.current.lookupNotFound];
}

/**
 * Bulk delete: one identifier kind per request, at most 250 values (bulk docs). Where the identifiers are read (the
 * JSON body, the query string, or either) is the `deleteIds` switch: the docs do not say.
 */
function deleteLeads({ request, params: allParams, store, campaign }: CampaignContext): SandboxResponse {
	const from = store.variants.current.deleteIds;
	const params = from === 'either' ? allParams : collectParams(from === 'body' ? { ...request, query: {} } : { ...request, body: undefined });
	const kinds = BULK_IDENTIFIER_KINDS.filter((kind) => listParam(params, kind).length > 0);
	if (kinds.length !== 1) return MISSING_IDENTIFIER;
	const values = listParam(params, kinds[0]);
	if (values.length > MAX_BULK_ITEMS) return kickoffLabsMessage(413, 'Too many items to update or delete');
	const leads = findEach(store, campaign.id, values.map((value) => ({ kind: kinds[0], value })));
	store.removeLeads(leads);
	// "equeued" is KickoffLabs' own spelling.
	return { status: 202, body: { message: 'Your leads have been equeued for deletion', deleted: leads.length } };
}

function addPoints({ params, store, campaign }: CampaignContext): SandboxResponse {
	const points = parsePoints(params);
	if ('error' in points) return points.error;
	const identifiers: LeadIdentifier[] = [
		...[...listParam(params, 'email'), ...listParam(params, 'emails')].map((value) => ({ kind: 'email' as const, value })),
		...[...listParam(params, 'kid'), ...listParam(params, 'social_id')].map((value) => ({ kind: 'social_id' as const, value })),
	];
	if (identifiers.length === 0) return MISSING_IDENTIFIER;
	const leads = findEach(store, campaign.id, identifiers);
	if (leads.length === 0) return kickoffLabsMessage(404, 'No leads found');
	for (const lead of leads) {
		const previousScore = lead.contest_score;
		store.setScore(lead, Math.max(0, lead.contest_score + points.points));
		if (lead.contest_score !== previousScore) announceScoreChange(store, campaign, lead, previousScore);
	}
	return kickoffLabsMessage(200, 'Custom Points added');
}

function listActions({ campaign }: CampaignContext): SandboxResponse {
	return { status: 200, body: campaign.actions.map((action) => ({ id: action.id, text: action.text })) };
}

function completeAction({ params, store, campaign, pathParams }: CampaignContext): SandboxResponse {
	const identifier = singleIdentifierOf(params, ['email', 'kid', 'social_id']);
	if (!identifier) return MISSING_IDENTIFIER;
	const action = campaign.actions.find((candidate) => String(candidate.id) === pathParams[0]);
	if (!action) return kickoffLabsMessage(404, 'Action not found');
	const lead = store.findLead(campaign.id, identifier);
	if (!lead) return NO_LEAD_FOUND;
	if (!lead.completed_actions.includes(action.id)) lead.completed_actions.push(action.id);
	return kickoffLabsMessage(200, 'Lead added to action');
}

function campaignStats({ store, campaign }: CampaignContext): SandboxResponse {
	const leads = store.leads(campaign.id);
	return {
		status: 200,
		body: {
			leads: { total: leads.length, total_with_jumpstart: store.leadCount(campaign), removed_from_waitlist: 0 },
			referrals: { total: leads.reduce((sum, lead) => sum + lead.referrals, 0) },
			actions: { completed: leads.reduce((sum, lead) => sum + lead.completed_actions.length, 0) },
		},
	};
}

function leadResponse(
	store: KickoffLabsStore,
	campaign: KickoffLabsCampaign,
	lead: StoredKickoffLabsLead,
	params: JsonObject,
	authenticated: boolean,
): SandboxResponse {
	const standing = store.standingOf(lead);
	const view = leadView(
		lead,
		{ campaign, standing, leadCount: store.leadCount(campaign) },
		{ authenticated, skipUrls: flagParam(params, '__skip_urls'), skipActions: flagParam(params, '__skip_actions') },
	);
	return { status: 200, body: view };
}

/** The first identifier present, in the given order of preference; `kid` is another name for `social_id`. */
function singleIdentifierOf(
	params: JsonObject,
	names: readonly (LeadIdentifierKind | 'kid')[] = ['email', 'phone_number', 'social_id', 'kid'],
): LeadIdentifier | undefined {
	for (const name of names) {
		const value = textParam(params, name);
		if (value !== undefined) return { kind: name === 'kid' ? 'social_id' : name, value };
	}
	return undefined;
}

/** Each matching lead once, however many of the values name it. */
function findEach(store: KickoffLabsStore, campaignId: number, identifiers: readonly LeadIdentifier[]): StoredKickoffLabsLead[] {
	const leads = new Set<StoredKickoffLabsLead>();
	for (const identifier of identifiers) {
		const lead = store.findLead(campaignId, identifier);
		if (lead) leads.add(lead);
	}
	return [...leads];
}
