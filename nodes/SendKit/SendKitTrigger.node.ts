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
	headerOf,
	newSecret,
	rawBodyOf,
	refuseCall,
	sameEvents,
	saveRegistration,
} from '../shared/webhooks';
import { sendKit } from './transport/service';
import { SENDKIT_EVENTS, TEST_DELIVERY_NOTE, TEST_EVENT } from './trigger/events';
import { fetchWebhook, registrationOf, removeWebhook, verifyingSecret, webhookEnvelopeSchema } from './trigger/registration';
import { FORMS_TRIED, describeSignatureHeader, logSignatureFormOnce, signatureFormOf } from './trigger/signature';

/**
 * Starts a workflow on SendKit webhook events. The node registers its webhook with a secret of its own (or SendKit's,
 * when SendKit answers with another) and checks the HMAC-SHA256 signature of every delivery against it, in any of the
 * encodings SendKit may use: unsigned or forged calls get 401 and start nothing.
 */
export class SendKitTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SendKit Trigger',
		documentationUrl: readmeSection('sendkit-trigger-sendkittrigger'),
		name: 'sendKitTrigger',
		icon: { light: 'file:sendKit.svg', dark: 'file:sendKit.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on SendKit email and lead events (replies, bounces, tag changes). For each new lead, use SendKit New Lead Trigger',
		defaults: { name: 'SendKit Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sendKitApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Publishing the workflow registers a signed webhook in SendKit; unpublishing deletes it. For new leads, use the SendKit New Lead Trigger: SendKit has no lead-created event. SendKit\'s test delivery starts the workflow with event "test" and no lead or email fields: map fields from a real event.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['email.replied'],
				description: 'The SendKit events that start the workflow',
				options: SENDKIT_EVENTS,
			},
		],
	};

	webhookMethods = {
		default: {
			/**
			 * True only when the webhook registered at activation still exists in SendKit, active, with this URL and
			 * these events; otherwise create() replaces it. Nothing is deleted here, and a failed check is an error.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const registration = registrationOf(this);
				const webhookUrl = this.getNodeWebhookUrl('default');
				if (!registration || !webhookUrl || registration.url !== webhookUrl) return false;
				const events = chosenEvents(this);
				if (!sameEvents(registration.events, events)) return false;
				const webhook = await fetchWebhook(standaloneRun(this), registration);
				// SendKit may switch a webhook to "inactive" (the API has the status); such a webhook delivers nothing.
				const delivering = webhook?.status === undefined || webhook.status === 'active';
				return webhook !== undefined && delivering && webhook.url === webhookUrl && sameEvents(webhook.events, events);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default');
				if (!url) return false;
				const events = chosenEvents(this);
				// One run for both requests: the credential is read once.
				const run = standaloneRun(this);
				const previous = registrationOf(this);
				if (previous) await removeWebhook(run, previous);
				const secret = newSecret();
				const workflow = this.getWorkflow();
				const name = `n8n: workflow "${workflow.name ?? ''}" (${workflow.id ?? ''}), node "${this.getNode().name}"`;
				const created = await sendKit.request(
					run,
					{ method: 'POST', path: '/v1/webhooks', body: { name, url, events, secret }, secrets: [secret] },
					webhookEnvelopeSchema,
				);
				saveRegistration(this, { webhookId: created.data._id, secret: verifyingSecret(secret, created.data.secret), url, events });
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
		if (!registration) return refuseCall(this, 'this trigger has no registered SendKit webhook');
		const signature = headerOf(this, 'x-webhook-signature');
		const form = signatureFormOf(registration.secret, rawBodyOf(this), signature);
		const nodeName = this.getNode().name;
		if (!form) {
			// One line per refusal, never the secret or the expected value: what SendKit sent settles how it signs.
			this.logger.warn(
				`SendKit Trigger "${nodeName}": refused a delivery (401): its signature matched none of the forms tried (${FORMS_TRIED}); it had ${describeSignatureHeader(signature)}`,
			);
			return refuseCall(this, 'missing or wrong X-Webhook-Signature');
		}
		logSignatureFormOnce(this.logger, nodeName, registration.webhookId, form);
		const body: unknown = this.getBodyData();
		const bodyEvent = typeof body === 'object' && body !== null ? (body as { event?: unknown }).event : undefined;
		const event = headerOf(this, 'x-webhook-event') ?? (typeof bodyEvent === 'string' ? bodyEvent : undefined);
		if (event === TEST_EVENT) return { workflowData: [[deliveryItem(event, body, { test: true, note: TEST_DELIVERY_NOTE })]] };
		if (!event || !registration.events.includes(event)) return ignoreEvent(event);
		return { workflowData: [[deliveryItem(event, body)]] };
	}
}
