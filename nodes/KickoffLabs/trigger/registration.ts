import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { readRegistration, unregister } from '../../shared/webhooks';
import type { Run } from '../../shared/run';
import { campaignPath, kickoffLabs } from '../transport/service';

/**
 * What the trigger registered with KickoffLabs, kept in the workflow's static data: the full URL (n8n's webhook URL
 * plus the node's own token), the campaign, the events, and the token every delivery must carry.
 */
const registrationSchema = z.object({
	url: z.string().min(1),
	campaignId: z.string().min(1),
	events: z.array(z.string()),
	token: z.string().min(1),
	referenceId: z.union([z.string(), z.number()]).optional(),
});

type KickoffLabsRegistration = z.infer<typeof registrationSchema>;

/**
 * `{"message":"Webhook Created","referenceId":123,"events":[...]}` (docs/api-notes.md#kickofflabs-other-lead-actions);
 * only the reference is read.
 */
export const createdWebhookSchema = z
	.object({ referenceId: z.union([z.string(), z.number()]).optional() })
	.passthrough();

/**
 * KickoffLabs's answer to a removal. Its answer to this delete is not documented: every success answer it documents
 * is `{"message": "..."}`, and a delete may plausibly answer 204 with no body, so both count as removed. Another
 * success answer (`{}`, another object, or a proxy's page) is an error, and the registration is kept as after any
 * failed removal.
 */
const removedWebhookSchema = z.union([z.object({ message: z.string() }).passthrough(), z.literal(''), z.null(), z.undefined()]);

/** n8n's webhook URL with the token as a query parameter: KickoffLabs calls exactly this URL. */
export function urlWithToken(webhookUrl: string, token: string): string {
	return `${webhookUrl}${webhookUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}

/** The registration kept at activation, in the workflow's static data. */
export function registrationOf(context: IHookFunctions | IWebhookFunctions): KickoffLabsRegistration | undefined {
	return readRegistration(context, registrationSchema);
}

/**
 * Removes the registration from KickoffLabs (by URL, its only key) and forgets it. A 404 means it is already gone: a
 * webhook or a campaign deleted in the dashboard.
 */
export async function removeWebhook(run: Run<IHookFunctions>, registration: KickoffLabsRegistration): Promise<void> {
	await unregister(
		run,
		kickoffLabs,
		{
			method: 'DELETE',
			path: campaignPath(registration.campaignId, 'outbound-webhook'),
			qs: { url: registration.url },
			secrets: [registration.token],
		},
		{ answerSchema: removedWebhookSchema },
	);
}
