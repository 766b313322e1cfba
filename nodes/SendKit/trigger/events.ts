import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * SendKit webhook events. The email.* names and lead.tag_changed appear in SendKit's API reference examples;
 * lead.updated is inferred (the full event list is not published).
 */
export const SENDKIT_EVENTS: INodePropertyOptions[] = [
	{ name: 'Email Bounced', value: 'email.bounced' },
	{ name: 'Email Clicked', value: 'email.clicked' },
	{ name: 'Email Opened', value: 'email.opened' },
	{ name: 'Email Positive Reply', value: 'email.positive_reply' },
	{ name: 'Email Replied', value: 'email.replied' },
	{ name: 'Email Sent', value: 'email.sent' },
	{ name: 'Email Unsubscribed', value: 'email.unsubscribed' },
	{ name: 'Lead Tag Changed', value: 'lead.tag_changed' },
	{ name: 'Lead Updated', value: 'lead.updated', description: "A lead's fields changed" },
];

/** The event SendKit sends for a delivery made with "send test" (POST /v1/webhooks/{id}/test). */
export const TEST_EVENT = 'test';

/** Said on the item a test delivery starts, where a user looks for fields to map and finds none. */
export const TEST_DELIVERY_NOTE =
	'This is SendKit\'s test delivery: it carries no lead or email fields. Real events carry the lead or the email: map fields from one of those.';
