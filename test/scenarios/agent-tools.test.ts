import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { invokeAsTool, runAsEngineTool } from '../../dev/engine';
import { create as kickoffLabsCreateOperation } from '../../nodes/KickoffLabs/actions/lead/create.operation';
import { allCredentials, useWorld } from '../helpers/world';

const world = useWorld();

/** A node as a user sets it up under an AI Agent: parameters from $fromAI, no error setting of its own. */
function toolNode(type: 'sendKit' | 'kickoffLabs', parameters: INodeParameters, settings: Partial<INode> = {}): INode {
	return {
		id: `tool-${type}`,
		name: type === 'sendKit' ? 'SendKit' : 'KickoffLabs',
		type: `n8n-nodes-lead-capture.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { [`${type}Api`]: { id: `${type}-sandbox`, name: `${type} sandbox` } },
		...settings,
	};
}

const EMAIL_FROM_AI = "={{ $fromAI('email', 'Email of the person', 'string') }}";
const sendKitCreate = (settings: Partial<INode> = {}) =>
	toolNode('sendKit', { resource: 'lead', operation: 'create', email: EMAIL_FROM_AI }, settings);
const sendKitGet = () => toolNode('sendKit', { resource: 'lead', operation: 'get', getBy: 'email', email: EMAIL_FROM_AI });
const kickoffLabsCreate = () => toolNode('kickoffLabs', { resource: 'lead', operation: 'create', email: EMAIL_FROM_AI });
const kickoffLabsGet = () => toolNode('kickoffLabs', { resource: 'lead', operation: 'get', getBy: 'email', email: EMAIL_FROM_AI });
const kickoffLabsAddPoints = () =>
	toolNode('kickoffLabs', {
		resource: 'lead',
		operation: 'addPoints',
		identifyBy: 'email',
		email: EMAIL_FROM_AI,
		points: "={{ $fromAI('points', 'Points to add', 'number') }}",
	});

type ToolCall = (node: INode, args: IDataObject, credentialOverrides?: IDataObject) => Promise<unknown>;

/** The two ways n8n runs a tool: Agent 2.x through n8n-core's tool invocation, Agent 3.x through the engine. */
const AGENTS: Array<[string, ToolCall]> = [
	[
		'Agent 2.x (n8n-core tool invocation)',
		async (node, args, overrides = {}) => JSON.parse(await invokeAsTool(world().engine, node, args, credentials(overrides))) as unknown,
	],
	[
		'Agent 3.x (the engine runs the tool node)',
		async (node, args, overrides = {}) => JSON.parse(await runAsEngineTool(world().engine, node, args, credentials(overrides))) as unknown,
	],
];

function credentials(overrides: IDataObject) {
	const all = allCredentials(world().sandbox);
	for (const [type, values] of Object.entries(overrides)) all[type] = { ...all[type], ...(values as Record<string, string>) };
	return all;
}

const LEAD_ID = expect.stringMatching(/^[a-f0-9]{24}$/);

describe.each(AGENTS)('as a tool of %s', (_agent, call) => {
	it('SendKit Create: created, then existingLead with the existing lead, both on the one output the agent reads', async () => {
		const created = await call(sendKitCreate(), { email: 'Agent@Example.com' });
		const again = await call(sendKitCreate(), { email: 'agent@example.com' });

		expect(created).toEqual([expect.objectContaining({ outcome: 'created', email: 'agent@example.com', _id: LEAD_ID })]);
		expect(again).toEqual([
			expect.objectContaining({
				outcome: 'existingLead',
				email: 'agent@example.com',
				_id: LEAD_ID,
				conflict: expect.objectContaining({ message: expect.any(String) }),
			}),
		]);
	});

	it('additional fields from $fromAI: the values the model gives are stored, the ones it leaves empty are left out', async () => {
		// n8n makes every $fromAI argument required, so a model without a value sends "" (or 0 for a number).
		const node = toolNode('sendKit', {
			resource: 'lead',
			operation: 'create',
			email: EMAIL_FROM_AI,
			additionalFields: {
				firstName: "={{ $fromAI('first_name', 'First name', 'string') }}",
				companyName: "={{ $fromAI('company', 'Company', 'string') }}",
				tags: "={{ $fromAI('tags', 'Comma-separated tags', 'string') }}",
				linkedinUrl: "={{ $fromAI('linkedin', 'LinkedIn profile URL', 'string') }}",
			},
		});

		const answer = await call(node, { email: 'fields@example.com', first_name: 'Fay', company: '', tags: 'vip, beta', linkedin: '' });

		expect(answer).toEqual([expect.objectContaining({ outcome: 'created', firstName: 'Fay', tags: ['vip', 'beta'] })]);
		expect(world().sandbox.sendKit.control.requests[0].body).toEqual({ email: 'fields@example.com', firstName: 'Fay', tags: ['vip', 'beta'] });
	});

	it('SendKit Get: found, and notFound with only what was looked for (not the agent\'s input)', async () => {
		await call(sendKitCreate(), { email: 'known@example.com' });

		expect(await call(sendKitGet(), { email: 'known@example.com' })).toEqual([
			expect.objectContaining({ outcome: 'found', email: 'known@example.com' }),
		]);
		expect(await call(sendKitGet(), { email: 'nobody@example.com' })).toEqual([{ outcome: 'notFound', email: 'nobody@example.com' }]);
	});

	it('an invalid email is an answer saying what to correct, and nothing is sent', async () => {
		const answer = await call(sendKitCreate(), { email: 'not-an-email' });

		expect(answer).toEqual([
			{
				outcome: 'error',
				error: 'Invalid "Email" in item 0: must be a valid email address, like name@example.com',
				details: 'Fix the "Email" parameter (or the input data it comes from) of item 0. Nothing was sent for this item.',
				nextStep: 'Correct the value named in the error and call the tool again. Nothing was sent.',
			},
		]);
		expect(world().sandbox.sendKit.control.requests).toHaveLength(0);
	});

	it('a rejected API key is an answer with the status, telling the model not to retry', async () => {
		const answer = await call(sendKitCreate(), { email: 'agent@example.com' }, { sendKitApi: { apiKey: `sk_${'0'.repeat(48)}` } });

		expect(answer).toEqual([
			{
				outcome: 'error',
				error: 'SendKit: Invalid or missing API key',
				details: expect.stringContaining('HTTP 401'),
				httpCode: '401',
				nextStep: expect.stringMatching(/^Calling again will not help: the API key of this tool is rejected/),
			},
		]);
		expect(JSON.stringify(answer)).not.toContain(world().sandbox.sendKit.workspaceKey);
	});

	it('KickoffLabs Create and Get: newLead, existingLead, notFound', async () => {
		expect(await call(kickoffLabsCreate(), { email: 'kay@example.com' })).toEqual([
			expect.objectContaining({ outcome: 'newLead', email: 'kay@example.com', counter: 1 }),
		]);
		expect(await call(kickoffLabsCreate(), { email: 'kay@example.com' })).toEqual([
			expect.objectContaining({ outcome: 'existingLead', email: 'kay@example.com', counter: 2 }),
		]);
		expect(await call(kickoffLabsGet(), { email: 'nobody@example.com' })).toEqual([{ outcome: 'notFound', email: 'nobody@example.com' }]);
	});

	it('a lead comes back compact: the outcome and only the fields the tool\'s description names', async () => {
		const kickoffLabs = (await call(kickoffLabsCreate(), { email: 'lean@example.com' })) as IDataObject[];
		const sendKit = (await call(sendKitCreate(), { email: 'lean@example.com' })) as IDataObject[];

		expect(Object.keys(kickoffLabs[0]).sort()).toEqual(
			['outcome', 'id', 'email', 'first_name', 'family_name', 'phone_number', 'social_id', 'social_url', 'rank', 'referrals', 'contest_score', 'counter', 'campaign_id'].sort(),
		);
		expect(Object.keys(sendKit[0]).sort()).toEqual(['outcome', '_id', 'email', 'tags', 'emailVerified'].sort());
		const description = String(kickoffLabsCreateOperation.properties.find((property) => property.name === 'toolDescription')?.default);
		for (const field of Object.keys(kickoffLabs[0]).filter((name) => name !== 'outcome')) expect(description).toContain(field);
	});

	it('a single-output operation answers with outcome "success"; its failure with outcome "error"', async () => {
		await call(kickoffLabsCreate(), { email: 'points@example.com' });

		expect(await call(kickoffLabsAddPoints(), { email: 'points@example.com', points: 5 })).toEqual([
			{ outcome: 'success', email: 'points@example.com', points: 5, success: true, message: 'Custom Points added' },
		]);
		expect(await call(kickoffLabsAddPoints(), { email: 'points@example.com', points: 0 })).toEqual([
			expect.objectContaining({ outcome: 'error', error: 'Invalid "Points" in item 0: must not be 0' }),
		]);
	});
});

describe('a tool set to "Stop Workflow" on error', () => {
	it('fails the call instead of answering: the agent gets only n8n\'s own { error } and the workflow stops', async () => {
		const stopping = sendKitCreate({ onError: 'stopWorkflow' });

		await expect(invokeAsTool(world().engine, stopping, { email: 'broken' }, credentials({}))).rejects.toThrow(
			'Invalid "Email" in item 0: must be a valid email address, like name@example.com',
		);
		// workflow-execute.js logs a stopping tool's error as [{ json: { error: message } }] on ai_tool.
		expect(JSON.parse(await runAsEngineTool(world().engine, stopping, { email: 'broken' }, credentials({})))).toEqual([
			{ error: 'Invalid "Email" in item 0: must be a valid email address, like name@example.com' },
		]);
	});
});
