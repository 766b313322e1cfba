/**
 * What each example workflow in examples/ must do when run by the real n8n CLI against a freshly
 * reset sandbox, keyed by file name. Every examples/*.json needs an entry here (the e2e run fails
 * for an example without one, and for an entry without its example).
 */
import type { ItemCheck, WorkflowSpec } from './expect';

const LEAD_ID = /^[a-f0-9]{24}$/;

/** The agent example's answer to its pinned message `item`: the fake model quotes the tool's result word for word. */
function agentAnswer(item: number, outcome: string, email: string): ItemCheck {
	const quoted = new RegExp(`^The tool answered: \\[\\{"outcome":"${outcome}",.*"email":"${email.replace(/\./g, '\\.')}"`);
	return { node: 'Waitlist Agent', output: 0, item, fields: { output: quoted } };
}

export const exampleExpectations: Record<string, WorkflowSpec> = {
	'sendkit-create-leads.json': {
		title: 'four sign-ups: two Created, a duplicate updated, a typo to the Error output',
		outputs: {
			// ada and grace are new; ADA@example.com is ada again; not-an-email fails validation.
			'Create Lead': [2, 1, 1],
			'Look Up New Lead': [2, 0],
			'Update Existing Lead': [0, 1],
		},
		items: [
			{
				node: 'Create Lead',
				output: 0,
				item: 0,
				fields: { email: 'ada@example.com', firstName: 'Ada', companyName: 'Analytical Engines', _id: LEAD_ID },
			},
			{ node: 'Create Lead', output: 0, item: 1, fields: { email: 'grace@example.com', companyName: 'Navy' } },
			{ node: 'Create Lead', output: 1, fields: { email: 'ada@example.com', conflict: { present: true } } },
			{ node: 'Create Lead', output: 2, fields: { error: /email/i } },
			{ node: 'Look Up New Lead', output: 0, item: 1, fields: { email: 'grace@example.com', _id: LEAD_ID } },
			{ node: 'Update Existing Lead', output: 1, fields: { email: 'ada@example.com', firstName: 'Ada' } },
		],
		requests: [{ api: 'sendKit', method: 'PATCH', path: /^\/v1\/leads\/[a-f0-9]{24}$/, count: 1 }],
	},
	'sendkit-import-to-campaign.json': {
		title: 'five CSV rows: three imported in one bulk request, a duplicate skipped, a typo to Error; all valid ones added to the campaign',
		outputs: {
			// ada, grace and linus are new; ADA@acme.example is ada again (sent once); not-an-email fails validation.
			'Import Contacts': [4, 1],
			'Add to Campaign': [4, 0],
		},
		items: [
			{ node: 'Import Contacts', output: 0, item: 0, fields: { email: 'ada@acme.example', status: 'imported', 'batch.imported': 3 } },
			{ node: 'Import Contacts', output: 0, item: 2, fields: { email: 'ada@acme.example', status: 'skipped', reason: /item 0/ } },
			{ node: 'Import Contacts', output: 1, fields: { error: /email/i } },
			{ node: 'Add to Campaign', output: 0, item: 0, fields: { email: 'ada@acme.example', status: 'added', campaignStatus: 'draft' } },
			{ node: 'Add to Campaign', output: 0, item: 2, fields: { status: 'skipped' } },
			{ node: 'Add to Campaign', output: 0, item: 3, fields: { email: 'linus@kernel.example', status: 'added' } },
		],
		requests: [
			{ api: 'sendKit', method: 'POST', path: /^\/v1\/leads\/bulk$/, count: 1 },
			{ api: 'sendKit', method: 'POST', path: /^\/v1\/campaigns\/6650a1b2c3d4e5f6a7b8c902\/leads$/, count: 1 },
		],
	},
	'kickofflabs-waitlist-signup.json': {
		title: 'four sign-ups: two New Leads get a bonus, a returning one is updated, a typo to the Error output',
		outputs: {
			// hedy and katherine are new; HEDY@example.com is hedy again; not-an-email fails validation.
			'Join Waitlist': [2, 1, 1],
			'Welcome Bonus': [2],
			'Mark as Returning': [1, 0],
		},
		items: [
			{
				node: 'Join Waitlist',
				output: 0,
				item: 0,
				fields: { email: 'hedy@example.com', first_name: 'Hedy', social_id: { present: true } },
			},
			{ node: 'Join Waitlist', output: 0, item: 1, fields: { email: 'katherine@example.com', first_name: 'Katherine' } },
			{ node: 'Join Waitlist', output: 1, fields: { email: 'hedy@example.com' } },
			{ node: 'Join Waitlist', output: 2, fields: { error: /email/i } },
			{ node: 'Mark as Returning', output: 0, fields: { email: 'hedy@example.com' } },
		],
	},
	'agent-waitlist-signup.json': {
		title: 'an AI Agent (3.1) with the fake model signs up three messages: two new, one already on the list',
		outputs: { 'Waitlist Agent': [3] },
		items: [agentAnswer(0, 'newLead', 'alan@example.com'), agentAnswer(1, 'newLead', 'joan@example.com'), agentAnswer(2, 'existingLead', 'alan@example.com')],
		requests: [{ api: 'kickoffLabs', method: 'POST', path: /^\/v2\/135544$/, count: 3 }],
	},
};

/**
 * The same examples run a second time without a sandbox reset, as a user clicking Execute workflow again: every
 * valid signup now exists, which the examples' sticky notes and the README say.
 */
export const exampleRerunExpectations: Record<string, WorkflowSpec> = {
	'sendkit-create-leads.json': {
		title: 'run again without a reset: every valid signup goes to Already Exists, nothing to Created',
		outputs: { 'Create Lead': [0, 3, 1], 'Look Up New Lead': [], 'Update Existing Lead': [0, 3] },
		items: [
			// The trigger's items are ada, ADA (the same lead), grace.
			{ node: 'Create Lead', output: 1, item: 0, fields: { email: 'ada@example.com' } },
			{ node: 'Create Lead', output: 1, item: 2, fields: { email: 'grace@example.com' } },
		],
	},
	'kickofflabs-waitlist-signup.json': {
		title: 'run again without a reset: every valid signup goes to Existing Lead, nothing to New Lead',
		outputs: { 'Join Waitlist': [0, 3, 1], 'Welcome Bonus': [], 'Mark as Returning': [3, 0] },
		items: [
			{ node: 'Join Waitlist', output: 1, item: 0, fields: { email: 'hedy@example.com' } },
			{ node: 'Join Waitlist', output: 1, item: 1, fields: { email: 'katherine@example.com' } },
		],
	},
	'sendkit-import-to-campaign.json': {
		title: 'run again without a reset: every valid row skipped by the import and by the campaign, the typo to Error',
		outputs: { 'Import Contacts': [4, 1], 'Add to Campaign': [4, 0] },
		items: [0, 1, 2, 3].flatMap((item) => [
			{ node: 'Import Contacts', output: 0, item, fields: { status: 'skipped' } },
			{ node: 'Add to Campaign', output: 0, item, fields: { status: 'skipped' } },
		]),
	},
	'agent-waitlist-signup.json': {
		title: 'run again without a reset: the agent answers existingLead for all three messages',
		outputs: { 'Waitlist Agent': [3] },
		items: [agentAnswer(0, 'existingLead', 'alan@example.com'), agentAnswer(1, 'existingLead', 'joan@example.com'), agentAnswer(2, 'existingLead', 'alan@example.com')],
	},
};
