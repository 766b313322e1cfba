import { defineService } from '../core/service';
import { SEEDED_CAMPAIGNS } from './campaigns';
import { createSendKitHandler, sendKitFaultBody } from './handler';
import { sendKitIdentity } from './keys';
import { SendKitStore } from './store';

/** SendKit (api.sendkit.ai/v1): API paths start with /v1. */
export const sendKitService = defineService({
	name: 'sendKit',
	title: 'SendKit',
	envPrefix: 'SENDKIT',
	defaultPort: 5680,
	keys: sendKitIdentity,
	createStore: (identity) => new SendKitStore(identity),
	handler: (store) => createSendKitHandler(store),
	faultBody: sendKitFaultBody,
	secrets: (identity) => [identity.workspaceKey, identity.platformKey],
	info: (identity) => ({
		workspaceKey: identity.workspaceKey,
		platformKey: identity.platformKey,
		workspaceId: identity.workspaceId,
		/** Exists, but the platform key's user is not a member (403). */
		otherWorkspaceId: identity.otherWorkspaceId,
		/** Seeded campaigns, the same ids in every mode: one active (adding leads starts sending), one draft. */
		activeCampaignId: SEEDED_CAMPAIGNS[0]._id,
		draftCampaignId: SEEDED_CAMPAIGNS[1]._id,
	}),
	credentials: (service) => ({
		id: 'sendKitSandbox01',
		name: 'SendKit sandbox',
		type: 'sendKitApi',
		data: { apiKey: service.workspaceKey, workspaceId: '', baseUrl: service.url },
	}),
});
