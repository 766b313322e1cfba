import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { REDACTED } from '../../shared/secrets';
import { readRegistration, unregister } from '../../shared/webhooks';
import type { Run } from '../../shared/run';
import { sendKit } from '../transport/service';

/** What the trigger registered with SendKit, kept in the workflow's static data. */
const registrationSchema = z.object({
	webhookId: z.string().min(1),
	secret: z.string().min(1),
	url: z.string().min(1),
	events: z.array(z.string()),
});

type SendKitRegistration = z.infer<typeof registrationSchema>;

/** A webhook as SendKit returns it (docs: GET/POST /v1/webhooks); only what the node reads is checked. */
const webhookSchema = z
	.object({
		_id: z.string().min(1),
		url: z.string(),
		events: z.array(z.string()),
		status: z.string().optional(),
		secret: z.string().optional(),
	})
	.passthrough();

/** `{ success: true, data: webhook }`, like every other SendKit resource. */
export const webhookEnvelopeSchema = z.object({ data: webhookSchema }).passthrough();

type SendKitWebhook = z.infer<typeof webhookSchema>;

/**
 * The secret deliveries are signed with. SendKit's answer quotes the secret it stored: the node's own comes back
 * replaced (like every secret a request sends), and another one means SendKit generated its own (its docs: "if omitted,
 * a random secret is generated"), which it then signs with.
 */
export function verifyingSecret(sent: string, answered: string | undefined): string {
	return answered && answered !== sent && !answered.includes(REDACTED) ? answered : sent;
}

/** Ids go into a path; SendKit's are ObjectIds. */
function webhookPath(id: string, ...segments: string[]): string {
	return ['', 'v1', 'webhooks', id, ...segments].map((segment) => encodeURIComponent(segment)).join('/');
}

/** The registration kept at activation, in the workflow's static data. */
export function registrationOf(context: IHookFunctions | IWebhookFunctions): SendKitRegistration | undefined {
	return readRegistration(context, registrationSchema);
}

/**
 * The registered webhook as SendKit has it now, or undefined when SendKit says it no longer exists. Any other failure
 * (a wrong key, an outage) is an error: it says nothing about the webhook.
 */
export async function fetchWebhook(run: Run<IHookFunctions>, registration: SendKitRegistration): Promise<SendKitWebhook | undefined> {
	const { context } = run;
	const request = { method: 'GET' as const, path: webhookPath(registration.webhookId), secrets: [registration.secret] };
	const response = await sendKit.send(run, request);
	if (sendKit.saysNotFound(context, response, request)) return undefined;
	if (response.statusCode < 200 || response.statusCode >= 300) throw sendKit.error(context, response, request);
	return sendKit.parse(context, response, webhookEnvelopeSchema, request).data;
}

/**
 * Deletes the registered webhook and forgets it; one that SendKit no longer has counts as deleted. `DELETE
 * /v1/webhooks/{id}` is not in SendKit's docs: a 404 could also mean the route does not exist, so the webhook is
 * looked up (a documented route) before it counts as gone, and one still there is an error that says so.
 */
export async function removeWebhook(run: Run<IHookFunctions>, registration: SendKitRegistration): Promise<void> {
	const request = { method: 'DELETE' as const, path: webhookPath(registration.webhookId), secrets: [registration.secret] };
	await unregister(run, sendKit, request, {
		confirmGone: async () => {
			if (!(await fetchWebhook(run, registration))) return;
			throw new NodeOperationError(run.context.getNode(), `SendKit did not delete the webhook ${registration.webhookId}`, {
				description:
					'SendKit answered 404 to DELETE /v1/webhooks/{id} but still lists the webhook, so it may keep sending deliveries. Delete it in SendKit (Settings > Webhooks).',
			});
		},
	});
}
