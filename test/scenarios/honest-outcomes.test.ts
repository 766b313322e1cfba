/** Answers that are not what they seem: each is an error or the API's real outcome, never a guess that loses data. */
import { runWorkflow } from '../../dev/engine';
import type { WorkflowJson } from '../../dev/engine';
import { items, kickoffLabsCredentials, sendKitCredentials, useWorld, withErrorOutput, withParameters } from '../helpers/world';
import { fixture } from '../helpers/fixtures';

const world = useWorld();

const sendKitCreate = fixture('sendkit/lead/create');
const sendKitGetById = fixture('sendkit/lead/get-by-id');
const sendKitGetByEmail = fixture('sendkit/lead/get-by-email');
const kickoffLabsGet = fixture('kickofflabs/lead/get');
const kickoffLabsUpdate = fixture('kickofflabs/lead/update');
const kickoffLabsDelete = fixture('kickofflabs/lead/delete');
const kickoffLabsCreate = fixture('kickofflabs/lead/create');

const sendKit = () => world().sandbox.sendKit;
const kickoffLabs = () => world().sandbox.kickoffLabs;

async function runSendKit(workflow: WorkflowJson, inputs: Array<Record<string, unknown>>, overrides = {}) {
	return await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox, overrides), input: items(...inputs) });
}

async function runKickoffLabs(workflow: WorkflowJson, inputs: Array<Record<string, unknown>>, overrides = {}) {
	return await runWorkflow(world().engine, workflow, { credentials: kickoffLabsCredentials(world().sandbox, overrides), input: items(...inputs) });
}

const PROXY_404 = { respond: { status: 404, body: '<html><body><h1>404 Not Found</h1>nginx</body></html>', headers: { 'content-type': 'text/html' } } };

describe('Not Found only when the API says so', () => {
	it('SendKit Get by ID: a proxy\'s HTML 404 is an error, not Not Found', async () => {
		sendKit().control.setFaults({ queue: [PROXY_404] });
		const result = await runSendKit(withErrorOutput(sendKitGetById, 'SendKit'), [{ leadId: '665d4e5f6a7b8c9d0e1f2a3b' }]);

		expect(result.output('SendKit', 1)).toHaveLength(0);
		const [failed] = result.output('SendKit', 2);
		expect(failed.json.error).toBe('SendKit: the answer (HTTP 404) did not come from the SendKit API');
		expect(failed.pairedItem).toEqual({ item: 0 });
	});

	it('SendKit Get by ID: SendKit\'s own 404 is Not Found', async () => {
		const result = await runSendKit(sendKitGetById, [{ leadId: '665d4e5f6a7b8c9d0e1f2a3b' }]);
		expect(result.output('SendKit', 1)).toHaveLength(1);
	});

	it('KickoffLabs Get and Update: an HTML 404 is an error, not Not Found', async () => {
		for (const workflow of [kickoffLabsGet, kickoffLabsUpdate]) {
			kickoffLabs().control.setFaults({ queue: [PROXY_404] });
			const result = await runKickoffLabs(withErrorOutput(workflow, 'KickoffLabs'), [{ email: 'nobody@example.com' }]);
			expect(result.output('KickoffLabs', 1)).toHaveLength(0);
			expect(result.output('KickoffLabs', 2)[0].json.error).toBe('KickoffLabs: the answer (HTTP 404) did not come from the KickoffLabs API');
		}
	});

	it('KickoffLabs Delete: a 200 HTML page is an error, not deleted: true', async () => {
		kickoffLabs().control.setFaults({
			queue: [{ respond: { status: 200, body: '<html>Welcome to our proxy</html>', headers: { 'content-type': 'text/html' } } }],
		});
		const result = await runKickoffLabs(withErrorOutput(kickoffLabsDelete, 'KickoffLabs'), [{ email: 'a@example.com' }]);

		expect(result.output('KickoffLabs', 0)).toHaveLength(0);
		expect(result.output('KickoffLabs', 1)[0].json.error).toBe('KickoffLabs: the answer (HTTP 200) did not come from the KickoffLabs API');
	});
});

describe('SendKit 409s', () => {
	it('a 409 without the lead in its body still goes to Existing Lead, with the lead found by email', async () => {
		const first = await runSendKit(sendKitCreate, [{ email: 'bare409@example.com', firstName: 'Bare' }]);
		const existingId = first.output('SendKit', 0)[0].json._id;
		sendKit().control.setFaults({
			queue: [{ method: 'POST', respond: { status: 409, body: { success: false, error: { code: 'CONFLICT', message: 'Lead with this email already exists' } } } }],
		});

		const result = await runSendKit(sendKitCreate, [{ email: 'bare409@example.com' }]);

		const [existing] = result.output('SendKit', 1);
		expect(existing.json).toMatchObject({ _id: existingId, email: 'bare409@example.com', conflict: { code: 'CONFLICT' } });
		expect(sendKit().control.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'GET']);
	});

	it('a 409 whose lead id is not an id ("..") is never put into a path: nothing is patched', async () => {
		sendKit().control.setFaults({
			queue: [
				{
					method: 'POST',
					respond: {
						status: 409,
						body: { success: false, error: { code: 'CONFLICT', message: 'exists' }, data: { _id: '..', email: 'dots@example.com' } },
					},
				},
			],
		});
		const workflow = withParameters(withErrorOutput(sendKitCreate, 'SendKit'), 'SendKit', {
			updateExisting: true,
			additionalFields: { firstName: 'New' },
		});

		const result = await runSendKit(workflow, [{ email: 'dots@example.com' }]);

		// The id is not used: the lead is looked up by email instead, and there is none, so nothing is patched.
		expect(sendKit().control.requests.filter((request) => request.method === 'PATCH')).toHaveLength(0);
		expect(result.output('SendKit', 1)[0].json).toMatchObject({ email: 'dots@example.com', conflict: { code: 'CONFLICT' } });
	});
});

describe('answers cut off or lost', () => {
	it('a create whose answer is cut off is looked up before anything is resent: its lead goes to Created, once', async () => {
		for (const fault of [{ truncate: true as const }, { dropAfterProcessing: true as const }]) {
			world().sandbox.sendKit.control.reset();
			sendKit().control.setFaults({ queue: [fault] });
			const result = await runSendKit(withErrorOutput(sendKitCreate, 'SendKit'), [{ email: 'cut@example.com' }]);

			expect(result.output('SendKit', 0).map((item) => item.json.email)).toEqual(['cut@example.com']);
			expect(result.output('SendKit', 2)).toHaveLength(0);
			expect(sendKit().store.allLeads().map((lead) => lead.email)).toEqual(['cut@example.com']);
			expect(sendKit().control.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		}
	});

	it('a create whose answer is cut off, when the look-up that follows fails too, says the lead may have been created', async () => {
		sendKit().control.setFaults({ queue: [{ method: 'POST', truncate: true }, { method: 'GET', respond: { status: 403, body: { success: false, error: { code: 'FORBIDDEN', message: 'Search is disabled' } } } }] });

		const result = await runSendKit(withErrorOutput(sendKitCreate, 'SendKit'), [{ email: 'cut-twice@example.com' }]);

		const [failed] = result.output('SendKit', 2);
		expect(failed.json.error).toMatch(/^SendKit: .+; the request may have been carried out \(for a create: the lead may have been created\)$/);
		expect(failed.error?.description).toMatch(/looking up whether it took effect failed too \(SendKit: Search is disabled\)/);
		expect(sendKit().store.allLeads().map((lead) => lead.email)).toEqual(['cut-twice@example.com']);
		expect(sendKit().control.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('a KickoffLabs signup whose answer is cut off is a New Lead, signed up once', async () => {
		kickoffLabs().control.setFaults({ queue: [{ truncate: true }] });
		const result = await runKickoffLabs(withErrorOutput(kickoffLabsCreate, 'KickoffLabs'), [{ email: 'cut@example.com' }]);
		expect(result.output('KickoffLabs', 0).map((item) => [item.json.email, item.json.counter])).toEqual([['cut@example.com', 1]]);
		expect(kickoffLabs().control.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});
});

describe('SendKit Get by email on an API that pages forever', () => {
	it('stops after 20 pages with an error that says the search was cut short, not Not Found', async () => {
		const page = (index: number) => ({
			path: '^/v1/leads$',
			respond: {
				status: 200,
				body: {
					success: true,
					data: [{ _id: `66000000000000000000${String(index).padStart(4, '0')}`, email: `other${index}@example.com` }],
					pagination: { hasMore: true, nextCursor: `cursor-${index}` },
				},
			},
		});
		sendKit().control.setFaults({ queue: Array.from({ length: 30 }, (_, index) => page(index)) });

		const result = await runSendKit(withErrorOutput(sendKitGetByEmail, 'SendKit'), [{ email: 'needle@example.com' }]);

		expect(result.output('SendKit', 1)).toHaveLength(0);
		expect(result.output('SendKit', 2)[0].json.error).toBe('SendKit: the search for needle@example.com was cut short after 20 pages without an exact match');
		expect(sendKit().control.requests).toHaveLength(20);
	});
});

describe('redirects', () => {
	it('a redirect to another server is not followed: the key never reaches it', async () => {
		const elsewhere = `${kickoffLabs().url}/v1/leads`;
		sendKit().control.setFaults({ queue: [{ redirect: { status: 307, location: elsewhere } }] });

		const result = await runSendKit(withErrorOutput(sendKitCreate, 'SendKit'), [{ email: 'redirect@example.com' }]);

		expect(result.output('SendKit', 2)[0].json.error).toBe(
			`SendKit: the server answered with a redirect (HTTP 307) to ${new URL(elsewhere).origin}, which is not followed`,
		);
		expect(kickoffLabs().control.requests).toHaveLength(0);
	});

	it('KickoffLabs: a redirect is not followed either (its key is in the URL)', async () => {
		kickoffLabs().control.setFaults({ queue: [{ redirect: { status: 302, location: `${sendKit().url}/steal` } }] });
		const result = await runKickoffLabs(withErrorOutput(kickoffLabsGet, 'KickoffLabs'), [{ email: 'r@example.com' }]);
		expect(result.output('KickoffLabs', 2)[0].json.error).toMatch(/redirect \(HTTP 302\).*not followed/);
		expect(sendKit().control.requests).toHaveLength(0);
	});
});

describe('credentials with control characters', () => {
	it('a key or workspace id with a line break is refused with a clear error, and nothing is sent', async () => {
		const cases: Array<[Record<string, string>, string]> = [
			[{ apiKey: 'sk_live\nInjected: header' }, 'API Key'],
			[{ apiKey: 'sk_user_abc', workspaceId: 'ws\r\n1' }, 'Workspace ID'],
		];
		for (const [overrides, label] of cases) {
			const result = await runSendKit(withErrorOutput(sendKitCreate, 'SendKit'), [{ email: 'cc@example.com' }], overrides);
			expect(result.output('SendKit', 2)[0].json.error).toBe(`The SendKit credential's ${label} contains a line break or another control character`);
		}
		const result = await runKickoffLabs(withErrorOutput(kickoffLabsGet, 'KickoffLabs'), [{ email: 'cc@example.com' }], { apiKey: 'key\twith tab' });
		expect(result.output('KickoffLabs', 2)[0].json.error).toBe("The KickoffLabs credential's API Key contains a line break or another control character");
		expect(sendKit().control.requests).toHaveLength(0);
		expect(kickoffLabs().control.requests).toHaveLength(0);
	});
});
