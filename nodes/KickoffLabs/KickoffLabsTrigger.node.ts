import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readmeSection } from '../shared/documentation';
import { standaloneRun } from '../shared/run';
import {
	chosenEvents,
	deliveryItem,
	ignoreEvent,
	newSecret,
	refuseCall,
	sameEvents,
	sameSecret,
	saveRegistration,
} from '../shared/webhooks';
import { campaignIdForTrigger, campaignLocator, searchCampaigns } from './fields/campaign.locator';
import { campaignPath, kickoffLabs } from './transport/service';
import { leadFromBody } from './trigger/body';
import { KICKOFFLABS_EVENTS } from './trigger/events';
import { createdWebhookSchema, registrationOf, removeWebhook, urlWithToken } from './trigger/registration';

/**
 * Starts a workflow on KickoffLabs outbound-webhook events of one campaign. KickoffLabs does not sign its calls, so the
 * node registers its URL with a random token of its own and refuses every call that does not carry it.
 */
export class KickoffLabsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'KickoffLabs Trigger',
		documentationUrl: readmeSection('kickofflabs-trigger-kickofflabstrigger'),
		name: 'kickoffLabsTrigger',
		icon: { light: 'file:kickoffLabs.svg', dark: 'file:kickoffLabs.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a lead signs up to a KickoffLabs waitlist (new lead), refers someone, scores points, and more',
		defaults: { name: 'KickoffLabs Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'kickoffLabsApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Publishing the workflow registers its webhook in the KickoffLabs campaign; unpublishing removes it. Calls without the secret token the node puts in that URL are refused. Each item is the lead as KickoffLabs sent it, with the event\'s name in event.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			campaignLocator,
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['new_signup'],
				description: 'The KickoffLabs events that start the workflow',
				options: KICKOFFLABS_EVENTS,
			},
		],
	};

	methods = { listSearch: { searchCampaigns } };

	webhookMethods = {
		default: {
			/**
			 * KickoffLabs has no endpoint that lists webhooks, so the registration kept at activation is the truth: it
			 * exists if it was made for this URL, campaign and set of events. Anything else is registered again by
			 * create(), which removes the old one first. Nothing is deleted here.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const registration = registrationOf(this);
				const webhookUrl = this.getNodeWebhookUrl('default');
				if (!registration || !webhookUrl) return false;
				const campaignId = await campaignIdForTrigger(this);
				return (
					registration.url === urlWithToken(webhookUrl, registration.token) &&
					registration.campaignId === campaignId &&
					sameEvents(registration.events, chosenEvents(this))
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const webhookUrl = this.getNodeWebhookUrl('default');
				if (!webhookUrl) return false;
				const campaignId = await campaignIdForTrigger(this);
				const events = chosenEvents(this);
				// One run for both requests: the credential is read once.
				const run = standaloneRun(this);
				const previous = registrationOf(this);
				if (previous) await removeWebhook(run, previous);
				const token = newSecret();
				const url = urlWithToken(webhookUrl, token);
				const created = await kickoffLabs.request(
					run,
					{ method: 'POST', path: campaignPath(campaignId, 'outbound-webhook'), body: { url, events }, secrets: [token] },
					createdWebhookSchema,
				);
				saveRegistration(this, { url, campaignId, events, token, ...(created.referenceId !== undefined ? { referenceId: created.referenceId } : {}) });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const registration = registrationOf(this);
				if (registration) await removeWebhook(standaloneRun(this), registration);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const registration = registrationOf(this);
		const query = this.getQueryData() as { token?: unknown };
		if (!registration || !sameSecret(registration.token, query.token)) {
			return refuseCall(this, 'this URL needs the token the KickoffLabs Trigger registered');
		}
		// KickoffLabs names the event in `__event`; the item names it once, in `event`, as the SendKit Trigger does.
		const { __event: sentEvent, ...lead } = leadFromBody(this.getBodyData());
		const event = typeof sentEvent === 'string' ? sentEvent : undefined;
		if (!event || !registration.events.includes(event)) return ignoreEvent(event);
		return { workflowData: [[deliveryItem(event, lead)]] };
	}
}
