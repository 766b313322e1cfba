import { defineService } from '../core/service';
import { createKickoffLabsHandler } from './handler';
import { kickoffLabsIdentity } from './keys';
import { kickoffLabsFaultBody } from './responses';
import { KickoffLabsStore } from './store';

/** KickoffLabs (api.kickofflabs.com/v2): API paths start with /v2. */
export const kickoffLabsService = defineService({
	name: 'kickoffLabs',
	title: 'KickoffLabs',
	envPrefix: 'KICKOFFLABS',
	defaultPort: 5681,
	keys: kickoffLabsIdentity,
	createStore: (identity) => new KickoffLabsStore(identity),
	handler: (store, identity) => createKickoffLabsHandler(store, identity.apiKey),
	faultBody: kickoffLabsFaultBody,
	secrets: (identity) => [identity.apiKey],
	info: (identity) => ({
		apiKey: identity.apiKey,
		defaultCampaignId: String(identity.defaultCampaignId),
		otherCampaignId: String(identity.otherCampaignId),
	}),
	credentials: (service) => ({
		id: 'kickoffLabsSbx01',
		name: 'KickoffLabs sandbox',
		type: 'kickoffLabsApi',
		data: { apiKey: service.apiKey, campaignId: service.defaultCampaignId, baseUrl: service.url },
	}),
});
