import { startSandbox, type RunningSandbox } from '../../sandbox';
import { client } from './helpers';

let sandbox: RunningSandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.openAi.control.reset());

const model = () => client(`${sandbox.openAi.url}/v1`, { authorization: `Bearer ${sandbox.openAi.apiKey}` });
const control = () => client(`${sandbox.openAi.url}/__sandbox`);

const TOOL = {
	type: 'function',
	function: {
		name: 'Create_Lead',
		description: 'Adds a lead',
		parameters: { type: 'object', properties: { email: { type: 'string' }, first_name: { type: 'string' } } },
	},
};
const user = (content: string) => ({ role: 'user', content });

describe('fake chat model (OpenAI chat completions)', () => {
	it('calls the scripted tool with the scripted arguments, then answers quoting the tool result', async () => {
		expect((await control().post('/script', { toolCalls: [{ tool: 'Create_Lead', arguments: { email: 'a@example.com' } }] })).status).toBe(200);

		const first = await model().post('/chat/completions', { model: 'm', messages: [user('hi')], tools: [TOOL] });
		expect(first.status).toBe(200);
		const [choice] = first.data.choices;
		expect(choice.finish_reason).toBe('tool_calls');
		expect(choice.message.tool_calls).toEqual([
			{ id: 'call_sandbox_1', type: 'function', function: { name: 'Create_Lead', arguments: '{"email":"a@example.com"}' } },
		]);

		const second = await model().post('/chat/completions', {
			model: 'm',
			messages: [user('hi'), { role: 'assistant', content: null, tool_calls: choice.message.tool_calls }, { role: 'tool', tool_call_id: 'call_sandbox_1', content: '[{"outcome":"created"}]' }],
			tools: [TOOL],
		});
		expect(second.data.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'The tool answered: [{"outcome":"created"}]' } });
	});

	it('unscripted, reads the arguments from the user\'s message', async () => {
		const answer = await model().post('/chat/completions', {
			model: 'm',
			messages: [user('Please add grace@example.com (first name: Grace) to the list')],
			tools: [TOOL],
		});
		expect(JSON.parse(answer.data.choices[0].message.tool_calls[0].function.arguments)).toEqual({ email: 'grace@example.com', first_name: 'Grace' });
	});

	it('streams the same answer as server-sent events when asked to', async () => {
		const answer = await model().post('/chat/completions', { model: 'm', messages: [user('a@example.com')], tools: [TOOL], stream: true });
		expect(answer.headers['content-type']).toMatch(/^text\/event-stream/);
		const events = String(answer.data).trim().split('\n\n');
		expect(events[events.length - 1]).toBe('data: [DONE]');
		expect(JSON.parse(events[0].slice('data: '.length)).choices[0].delta.tool_calls[0].function.name).toBe('Create_Lead');
	});

	it('refuses a wrong key, answers the model list, and logs requests without the key', async () => {
		expect((await client(`${sandbox.openAi.url}/v1`, { authorization: 'Bearer sk-wrong' }).get('/models')).status).toBe(401);
		expect((await model().get('/models')).data.data[0].id).toBe(sandbox.openAi.model);
		expect(JSON.stringify(sandbox.openAi.control.requests)).not.toContain(sandbox.openAi.apiKey);
		expect(sandbox.openAi.control.requests[1].headers.authorization).toBe('Bearer ***');
	});

	it('rejects an invalid script, and forgets the script on reset', async () => {
		expect((await control().post('/script', { toolCalls: [{ arguments: 'nope' }] })).status).toBe(400);
		await control().post('/script', { toolCalls: [], answer: 'Done.' });
		expect((await control().get('/script')).data).toEqual({ toolCalls: [], answer: 'Done.' });
		await control().post('/reset');
		expect((await control().get('/script')).data).toEqual({ answer: 'The tool answered: {{result}}' });
	});
});
