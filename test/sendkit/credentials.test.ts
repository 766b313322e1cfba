import { CREATED, ERROR_OUTPUT, createWorkflow, useSendKit } from '../helpers/sendkit';
import { withNodeSettings } from '../helpers/world';

const { sendKit, requests, runWith } = useSendKit();

describe('SendKit API credential in a run', () => {
	it('reports a wrong API key as a clear authorization error, with the key nowhere in the run', async () => {
		const wrongKey = `sk_${'0'.repeat(48)}`;
		const workflow = withNodeSettings(createWorkflow, 'SendKit', { onError: 'stopWorkflow' });

		const result = await runWith({ apiKey: wrongKey }, workflow, { email: 'ada@example.com' });

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		expect(result.error?.message).toBe('SendKit: Invalid or missing API key');
		expect(JSON.stringify(result.run)).not.toContain(wrongKey);
	});

	it('works with a platform key and its workspace id, sending X-Workspace-Id', async () => {
		const { platformKey, workspaceId } = sendKit();
		const result = await runWith({ apiKey: platformKey, workspaceId }, createWorkflow, { email: 'platform@example.com' });

		expect(result.output('SendKit', CREATED)[0].json).toMatchObject({ email: 'platform@example.com', workspaceId });
		expect(requests()[0].headers['x-workspace-id']).toBe(workspaceId);
	});

	it('stops a platform key without workspace id with a clear error, before any request', async () => {
		const result = await runWith({ apiKey: sendKit().platformKey, workspaceId: '' }, createWorkflow, { email: 'a@example.com' }, { email: 'b@example.com' });

		const errors = result.output('SendKit', ERROR_OUTPUT);
		expect(errors).toHaveLength(2);
		expect(errors[0].json.error).toBe(
			'The SendKit credential uses a platform API key (sk_user_...), which needs a Workspace ID',
		);
		expect(requests()).toHaveLength(0);
	});
});
