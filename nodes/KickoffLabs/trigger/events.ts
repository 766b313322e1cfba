import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * KickoffLabs outbound-webhook events. `new_signup`, `repeat_signup`, `score_change` and `referral` are the API's own
 * names (its outbound-webhook docs); the other four are the dashboard's events under inferred API names, which
 * KickoffLabs has not documented (README, "What the API docs do not say"); the editor does not trouble users with that.
 */
export const KICKOFFLABS_EVENTS: INodePropertyOptions[] = [
	{ name: 'Marked as Fraudulent', value: 'fraudulent', description: 'KickoffLabs flagged the lead as fraudulent' },
	{ name: 'New Signup', value: 'new_signup', description: 'A new lead signed up' },
	{ name: 'Opted Out', value: 'opted_out', description: 'The lead opted out' },
	{ name: 'Referral', value: 'referral', description: 'An existing lead referred a new lead' },
	{ name: 'Repeat Signup', value: 'repeat_signup', description: 'An existing lead signed up again' },
	{ name: 'Reward Level', value: 'reward_level', description: 'The lead reached a reward level' },
	{ name: 'Score Change', value: 'score_change', description: "The lead's contest score changed" },
	{ name: 'Tagged', value: 'tagged', description: 'The lead was tagged' },
];
