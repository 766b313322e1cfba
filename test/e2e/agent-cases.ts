/**
 * The AI Agent cases of the real-n8n e2e run (see agents.ts): which workflow of test/e2e/agents/, the tool call the
 * fake model makes, the state seeded before, and the tool result the model must receive.
 */
import type { RunningSandbox } from '../../sandbox';
import type { Matcher } from './expect';

/**
 * An expected JSON value: objects must have exactly these keys (unless OTHER_FIELDS is one of them), arrays exactly
 * these entries; leaves are Matchers.
 */
export type Shape = Matcher | Shape[] | { [key: string]: Shape };

/** As a key of an expected object: fields not listed may be there too (for records of dozens of API fields). */
export const OTHER_FIELDS = '(other fields)';

export interface AgentCase {
	/** Short name, unique: part of the workflow id. */
	name: string;
	title: string;
	/** The workflow file in test/e2e/agents/. */
	workflow: string;
	/** The tool call the fake model makes. */
	toolArguments: Record<string, string>;
	/** Parameters set on the tool node (a tool-form option), over the workflow's own. */
	toolParameters?: Record<string, unknown>;
	/** Replaces the tool node's credentials (e.g. a wrong key). */
	toolCredentials?: Record<string, { id: string; name: string }>;
	/** Runs after the sandbox reset, before the model is scripted (e.g. an existing lead). */
	seed?: (sandbox: RunningSandbox) => Promise<void>;
	/** The tool result the model must receive, parsed from its JSON. */
	toolResult: Shape;
}

const LEAD_ID = /^[a-f0-9]{24}$/;
const present = { present: true } as const;

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<void> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`seeding: POST ${url.replace(/api_key=[^&]+/, 'api_key=***')} answered HTTP ${response.status}`);
}

const seedSendKitLead = (email: string, firstName: string) => async (sandbox: RunningSandbox) =>
	await post(`${sandbox.sendKit.url}/v1/leads`, { email, firstName }, { 'x-api-key': sandbox.sendKit.workspaceKey });

const seedKickoffLabsLead = (email: string, firstName: string) => async (sandbox: RunningSandbox) =>
	await post(
		`${sandbox.kickoffLabs.url}/v2/${sandbox.kickoffLabs.defaultCampaignId}?api_key=${encodeURIComponent(sandbox.kickoffLabs.apiKey)}`,
		{ email, first_name: firstName },
	);

/** A SendKit lead as a tool answers with it by default: the fields its description names, of those the lead has. */
const sendKitLead = (email: string, firstName: string): Record<string, Shape> => ({
	_id: LEAD_ID,
	email,
	firstName,
	tags: [],
	emailVerified: false,
});

/** A KickoffLabs lead as a tool answers with it by default: the fields its description names, of those the lead has. */
const kickoffLabsLead = (email: string, firstName: string, counter: number): Record<string, Shape> => ({
	id: present,
	// The sign-up gave neither; KickoffLabs sends them as null.
	family_name: null,
	phone_number: null,
	email,
	first_name: firstName,
	social_id: /^[A-Za-z0-9]+$/,
	social_url: /^https?:\/\//,
	rank: present,
	referrals: present,
	contest_score: present,
	counter,
	campaign_id: 135544,
});

const ERROR_FIELDS = {
	input: 'Correct the value named in the error and call the tool again. Nothing was sent.',
	credential: 'Calling again will not help: the API key of this tool is rejected. Tell the user the integration needs fixing.',
};

export const agentCases: AgentCase[] = [
	{
		name: 'skNew',
		title: 'SendKit Create, new lead: created, with the lead',
		workflow: 'sendkit-create.json',
		toolArguments: { email: 'nia@example.com', first_name: 'Nia' },
		toolResult: [{ outcome: 'created', ...sendKitLead('nia@example.com', 'Nia') }],
	},
	{
		name: 'skExisting',
		title: 'SendKit Create, existing email: existingLead, with the existing lead and SendKit\'s conflict',
		workflow: 'sendkit-create.json',
		seed: seedSendKitLead('ada@example.com', 'Ada'),
		toolArguments: { email: 'ada@example.com', first_name: 'Augusta' },
		toolResult: [
			{
				outcome: 'existingLead',
				_id: LEAD_ID,
				email: 'ada@example.com',
				firstName: 'Ada',
				conflict: { code: present, message: present },
			},
		],
	},
	{
		name: 'skFound',
		title: 'SendKit Get, existing lead: found, with the lead',
		workflow: 'sendkit-get.json',
		seed: seedSendKitLead('grace@example.com', 'Grace'),
		toolArguments: { email: 'grace@example.com' },
		toolResult: [{ outcome: 'found', ...sendKitLead('grace@example.com', 'Grace') }],
	},
	{
		name: 'skNotFound',
		title: 'SendKit Get, unknown email: notFound, with what was looked for',
		workflow: 'sendkit-get.json',
		toolArguments: { email: 'nobody@example.com' },
		toolResult: [{ outcome: 'notFound', email: 'nobody@example.com' }],
	},
	{
		name: 'skInvalid',
		title: 'SendKit Create, invalid email: error, saying what to correct',
		workflow: 'sendkit-create.json',
		toolArguments: { email: 'grace-at-example', first_name: 'Grace' },
		toolResult: [
			{
				outcome: 'error',
				error: 'Invalid "Email" in item 0: must be a valid email address, like name@example.com',
				details: 'Fix the "Email" parameter (or the input data it comes from) of item 0. Nothing was sent for this item.',
				nextStep: ERROR_FIELDS.input,
			},
		],
	},
	{
		name: 'skWrongKey',
		title: 'SendKit Create, wrong API key: error with HTTP 401, not to be retried',
		workflow: 'sendkit-create.json',
		toolCredentials: { sendKitApi: { id: 'sendKitWrongKey1', name: 'SendKit wrong key' } },
		toolArguments: { email: 'nia@example.com', first_name: 'Nia' },
		toolResult: [
			{
				outcome: 'error',
				error: 'SendKit: Invalid or missing API key',
				details: /HTTP 401/,
				httpCode: '401',
				nextStep: ERROR_FIELDS.credential,
			},
		],
	},
	{
		name: 'kolNew',
		title: 'KickoffLabs Create, new signup: newLead, with rank and referral link',
		workflow: 'kickofflabs-create.json',
		toolArguments: { email: 'kay@example.com', first_name: 'Kay' },
		toolResult: [{ outcome: 'newLead', ...kickoffLabsLead('kay@example.com', 'Kay', 1) }],
	},
	{
		name: 'kolExisting',
		title: 'KickoffLabs Create, already signed up: existingLead',
		workflow: 'kickofflabs-create.json',
		seed: seedKickoffLabsLead('kay@example.com', 'Kay'),
		toolArguments: { email: 'kay@example.com', first_name: 'Kay' },
		toolResult: [{ outcome: 'existingLead', ...kickoffLabsLead('kay@example.com', 'Kay', 2) }],
	},
	{
		name: 'kolWhole',
		title: 'KickoffLabs Create with Return Whole Records: newLead, with every field KickoffLabs sent',
		workflow: 'kickofflabs-create.json',
		toolParameters: { toolWholeRecords: true },
		toolArguments: { email: 'kay@example.com', first_name: 'Kay' },
		toolResult: [{ outcome: 'newLead', ...kickoffLabsLead('kay@example.com', 'Kay', 1), [OTHER_FIELDS]: present, unsubscribe_url: present, verified_leads: present }],
	},
	{
		name: 'kolNotFound',
		title: 'KickoffLabs Get, unknown email: notFound, with what was looked for',
		workflow: 'kickofflabs-get.json',
		toolArguments: { email: 'nobody@example.com' },
		toolResult: [{ outcome: 'notFound', email: 'nobody@example.com' }],
	},
];
