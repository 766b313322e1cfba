/** Input checked before any request, in words users understand; custom fields from expressions; nothing half-sent. */
import { runWorkflow } from '../../dev/engine';
import type { WorkflowJson } from '../../dev/engine';
import { items, kickoffLabsCredentials, sendKitCredentials, useWorld, withErrorOutput, withNodeSettings, withParameters } from '../helpers/world';
import { fixture } from '../helpers/fixtures';

const world = useWorld();

const sendKitCreate = fixture('sendkit/lead/create');
const sendKitGetByEmail = fixture('sendkit/lead/get-by-email');
const kickoffLabsCreate = fixture('kickofflabs/lead/create');
const kickoffLabsGet = fixture('kickofflabs/lead/get');

const sendKit = () => world().sandbox.sendKit;
const kickoffLabs = () => world().sandbox.kickoffLabs;
const stopping = (workflow: WorkflowJson, node: string) => withNodeSettings(workflow, node, { onError: 'stopWorkflow' });

async function runSendKit(workflow: WorkflowJson, inputs: Array<Record<string, unknown>>) {
	return await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox), input: items(...inputs) });
}

async function runKickoffLabs(workflow: WorkflowJson, inputs: Array<Record<string, unknown>>, overrides = {}) {
	return await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox, overrides), input: items(...inputs) });
}

describe('Stop Workflow with an invalid item: nothing is sent', () => {
	it('SendKit Create: the valid items before and after the invalid one are not sent either', async () => {
		const result = await runSendKit(stopping(sendKitCreate, 'SendKit'), [
			{ email: 'first@example.com' },
			{ email: 'not-an-email' },
			{ email: 'third@example.com' },
		]);

		expect(result.error?.message).toBe('Invalid "Email" in item 1: must be a valid email address, like name@example.com');
		expect(sendKit().control.requests).toHaveLength(0);
	});

	it('KickoffLabs Create: the same', async () => {
		const result = await runKickoffLabs(stopping(kickoffLabsCreate, 'KickoffLabs'), [{ email: 'first@example.com' }, { email: 'bad@' }]);
		expect(result.error?.message).toMatch(/^Invalid "Email" in item 1/);
		expect(kickoffLabs().control.requests).toHaveLength(0);
	});

	it('with the error output, the valid items are still sent and the invalid one goes to Error', async () => {
		const result = await runSendKit(withErrorOutput(sendKitCreate, 'SendKit'), [{ email: 'ok1@example.com' }, { email: 'nope' }, { email: 'ok2@example.com' }]);
		expect(result.output('SendKit', 0).map((item) => item.json.email)).toEqual(['ok1@example.com', 'ok2@example.com']);
		expect(result.output('SendKit', 2).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});
});

describe('email and id limits', () => {
	const longLocal = `${'a'.repeat(65)}@example.com`;
	const tooLong = `${'a'.repeat(60)}@${'b'.repeat(190)}.com`;

	it('refuses emails over 254 characters or with over 64 before the @, in every operation that takes one', async () => {
		for (const [workflow, node, run] of [
			[sendKitCreate, 'SendKit', runSendKit],
			[sendKitGetByEmail, 'SendKit', runSendKit],
			[kickoffLabsCreate, 'KickoffLabs', runKickoffLabs],
			[kickoffLabsGet, 'KickoffLabs', runKickoffLabs],
		] as const) {
			const result = await run(withErrorOutput(workflow, node), [{ email: tooLong }, { email: longLocal }]);
			const errors = result.output(node, result.outputCount(node) - 1).map((item) => item.json.error);
			expect(errors).toEqual([
				'Invalid "Email" in item 0: must be at most 254 characters',
				'Invalid "Email" in item 1: must have at most 64 characters before the @',
			]);
		}
		expect(sendKit().control.requests).toHaveLength(0);
		expect(kickoffLabs().control.requests).toHaveLength(0);
	});

	it('refuses campaign ids beyond JavaScript\'s safe integers', async () => {
		const workflow = withParameters(kickoffLabsGet, 'KickoffLabs', { campaign: { __rl: true, mode: 'id', value: '9007199254740993' } });
		const result = await runKickoffLabs(withErrorOutput(workflow, 'KickoffLabs'), [{ email: 'a@example.com' }]);
		expect(result.output('KickoffLabs', 2)[0].json.error).toBe(
			'Invalid "Campaign" in item 0: must be a KickoffLabs campaign ID: digits only, like 135544 (at most 9007199254740991)',
		);
		expect(kickoffLabs().control.requests).toHaveLength(0);
	});

	it('says what is wrong in words, never the validator\'s "Invalid input"', async () => {
		const workflow = withParameters(sendKitCreate, 'SendKit', { additionalFields: { tags: '={{ { "a": 1 } }}', firstName: '={{ ["x"] }}' } });
		const result = await runSendKit(withErrorOutput(workflow, 'SendKit'), [{ email: 'words@example.com' }]);
		const [failed] = result.output('SendKit', 2);
		expect(failed.json.error).toBe('Invalid "First Name" in item 0: must be text');
		expect(JSON.stringify(failed.json)).not.toMatch(/Invalid input|Expected/);
	});
});

describe('Custom Fields (JSON): an object from an expression reaches the API', () => {
	it('SendKit: custom fields from {{ $json.fields }} are sent and stored', async () => {
		const workflow = withParameters(sendKitCreate, 'SendKit', { additionalFields: { customFieldsJson: '={{ $json.fields }}' } });
		const result = await runSendKit(workflow, [{ email: 'json@example.com', fields: { plan: 'pro', seats: 12 } }]);

		expect(sendKit().control.requests[0].body).toMatchObject({ customFields: { plan: 'pro', seats: '12' } });
		expect(result.output('SendKit', 0)[0].json.customFields).toEqual({ plan: 'pro', seats: '12' });
	});

	it('KickoffLabs: custom fields from JSON text are sent as extra parameters, combined with the list', async () => {
		const workflow = withParameters(kickoffLabsCreate, 'KickoffLabs', {
			additionalFields: { customFieldsJson: '{"Company": "Acme"}', customFields: { field: [{ name: 'plan', value: 'pro' }] } },
		});
		await runKickoffLabs(workflow, [{ email: 'json@example.com' }]);
		expect(kickoffLabs().control.requests[0].body).toMatchObject({ company: 'Acme', plan: 'pro' });
	});

	it('refuses JSON that is not an object of values, naming the field', async () => {
		const workflow = withParameters(sendKitCreate, 'SendKit', { additionalFields: { customFieldsJson: '={{ $json.fields }}' } });
		const result = await runSendKit(withErrorOutput(workflow, 'SendKit'), [{ email: 'j@example.com', fields: ['a', 'b'] }]);
		expect(result.output('SendKit', 2)[0].json.error).toBe('Invalid "Custom Fields (JSON)" in item 0: must be a JSON object like {"company": "Acme"}');
	});

	it('ignores a Custom Fields row left blank, and refuses a value without a name', async () => {
		const blankRow = withParameters(sendKitCreate, 'SendKit', {
			additionalFields: { customFields: { field: [{ name: '', value: '' }, { name: 'plan', value: 'pro' }] } },
		});
		const ok = await runSendKit(blankRow, [{ email: 'blank@example.com' }]);
		expect(ok.output('SendKit', 0)[0].json.customFields).toEqual({ plan: 'pro' });

		const nameless = withParameters(sendKitCreate, 'SendKit', { additionalFields: { customFields: { field: [{ name: '', value: 'x' }] } } });
		const failed = await runSendKit(withErrorOutput(nameless, 'SendKit'), [{ email: 'nameless@example.com' }]);
		expect(failed.output('SendKit', 2)[0].json.error).toBe('Invalid "Custom Fields" in item 0: the row with value "x" needs a name');
	});
});

describe('KickoffLabs Points on a signup', () => {
	it('an untouched Points field (0) is not sent, so it cannot reset a score; a set value is', async () => {
		const withPoints = (points: number) => withParameters(kickoffLabsCreate, 'KickoffLabs', { additionalFields: { points } });
		await runKickoffLabs(withPoints(0), [{ email: 'points@example.com' }]);
		await runKickoffLabs(withPoints(25), [{ email: 'points@example.com' }]);

		const [untouched, set] = kickoffLabs().control.requests.map((request) => request.body as Record<string, unknown>);
		expect(untouched).not.toHaveProperty('points');
		expect(set).toMatchObject({ points: 25 });
	});
});
