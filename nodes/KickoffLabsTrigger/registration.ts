import type { IHookFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { campaignPath, kickoffLabs } from '../KickoffLabs/transport/service';
import { clearRegistration, readRegistration } from '../shared/webhooks';

/**
 * What the trigger registered with KickoffLabs, kept in the workflow's static data: the full URL (n8n's webhook URL
 * plus the node's own token), the campaign, the events, and the token every delivery must carry.
 */
export const registrationSchema = z.object({
	url: z.string().min(1),
	campaignId: z.string().min(1),
	events: z.array(z.string()),
	token: z.string().min(1),
	referenceId: z.union([z.string(), z.number()]).optional(),
});

export type Registration = z.infer<typeof registrationSchema>;

/** `{"message":"Webhook Created","referenceId":123,"events":[...]}` (docs/api-notes.md#kickofflabs-other-lead-actions); only the reference is read. */
export const createdWebhookSchema = z
	.object({ referenceId: z.union([z.string(), z.number()]).optional() })
	.passthrough();

/** Anything KickoffLabs answers to a delete that succeeded; its shape is not documented. */
const anyAnswerSchema = z.unknown();

/** n8n's webhook URL with the token as a query parameter: KickoffLabs calls exactly this URL. */
export function urlWithToken(webhookUrl: string, token: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

export function registrationOf(context: IHookFunctions): Registration | undefined {
	return readRegistration(context, registrationSchema);
}

/**
 * Removes a registration from KickoffLabs (by URL, its only key) and forgets it. A 404 in KickoffLabs's own words
 * means it is already gone (a webhook or a campaign deleted in the dashboard); every other failure is an error.
 */
export async function unregister(context: IHookFunctions, registration: Registration): Promise<void> {
	const request = {
		method: 'DELETE' as const,
		path: campaignPath(registration.campaignId, 'outbound-webhook'),
		qs: { url: registration.url },
		secrets: [registration.token],
	};
	const response = await kickoffLabs.send(context, request);
	if (response.statusCode >= 200 && response.statusCode < 300) kickoffLabs.parse(context, response, anyAnswerSchema, request);
	else if (!kickoffLabs.saysNotFound(context, response, request)) throw kickoffLabs.error(context, response, request);
	clearRegistration(context);
}
