import { NODE, deleteWorkflow, errorOutput, campaignById, useKickoffLabs } from '../../helpers/kickofflabs';
import { withNodeSettings, withParameters } from '../../helpers/world';
import { KICKOFFLABS_VARIANTS } from '../../../sandbox/kickofflabs/variants';

const { kickoffLabs, requests, defaultCampaign, run, seed } = useKickoffLabs();

describe('KickoffLabs › Delete', () => {
	it('deletes 600 leads in 3 requests of at most 250 identifiers, one output item per input item', async () => {
		const emails = Array.from({ length: 600 }, (_, index) => `bulk${index}@example.com`);
		for (const email of emails.slice(0, 10)) kickoffLabs().store.addLead(defaultCampaign(), blankLead(email));

		const result = await run(deleteWorkflow, emails.map((email) => ({ email })));

		expect(result.error).toBeUndefined();
		const deletes = requests().filter((request) => request.method === 'DELETE');
		expect(deletes).toHaveLength(3);
		expect(deletes.map((request) => (request.body as { email: string[] }).email.length)).toEqual([250, 250, 100]);
		expect(deletes.every((request) => request.path === `/v2/${defaultCampaign()}` && request.query.api_key === '***')).toBe(true);
		expect((deletes[0].body as { email: string[] }).email.slice(0, 2)).toEqual(['bulk0@example.com', 'bulk1@example.com']);

		const output = result.output(NODE, 0);
		expect(output).toHaveLength(600);
		expect(output.map((item) => item.pairedItem)).toEqual(emails.map((_, index) => ({ item: index })));
		// The first request found 10 of its 250 leads and does not say which: none of its items is told a guess.
		expect(output[0].json).toEqual({
			email: 'bulk0@example.com',
			deleted: 'unknown',
			message: 'Your leads have been equeued for deletion',
			deletedInRequest: 10,
		});
		expect(output[599].json).toMatchObject({ email: 'bulk599@example.com', deleted: false, deletedInRequest: 0 });
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('batches per campaign, keeps input order, and sends an invalid item to the Error output without sending it', async () => {
		const other = kickoffLabs().otherCampaignId;
		await seed({ email: 'gone@example.com' });
		const workflow = withParameters(deleteWorkflow, NODE, { campaign: campaignById('={{ $json.campaign }}') });

		const result = await run(workflow, [
			{ email: 'a@example.com', campaign: kickoffLabs().defaultCampaignId },
			{ email: 'b@example.com', campaign: other },
			{ email: 'broken', campaign: other },
			{ email: 'gone@example.com', campaign: kickoffLabs().defaultCampaignId },
		]);

		expect(requests().map((request) => [request.path, request.body])).toEqual([
			[`/v2/${defaultCampaign()}`, { email: ['a@example.com', 'gone@example.com'] }],
			[`/v2/${other}`, { email: ['b@example.com'] }],
		]);
		expect(result.output(NODE, 0).map((item) => [item.json, item.pairedItem])).toEqual([
			[{ email: 'a@example.com', deleted: 'unknown', message: 'Your leads have been equeued for deletion', deletedInRequest: 1 }, { item: 0 }],
			[{ email: 'b@example.com', deleted: false, message: 'Your leads have been equeued for deletion', deletedInRequest: 0 }, { item: 1 }],
			[{ email: 'gone@example.com', deleted: 'unknown', message: 'Your leads have been equeued for deletion', deletedInRequest: 1 }, { item: 3 }],
		]);
		expect((result.run.data.resultData.runData[NODE][0].hints ?? []).map((hint) => hint.message)).toEqual([
			'2 item(s) say deleted: "unknown". KickoffLabs deleted fewer leads than a request named (some did not exist) and only counts them, so which were deleted is not known. Get a lead to check it.',
		]);
		expect(errorOutput(result).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['Invalid "Email" in item 2: must be a valid email address, like name@example.com', { item: 2 }],
		]);
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('deletes by social ID or phone number, sent under the API\'s name for it', async () => {
		const [lead] = await seed({ email: 'kid@example.com' }, { email: 'phone@example.com', phone: '+1 555 222 3333' });
		const bySocialId = withParameters(deleteWorkflow, NODE, { deleteBy: 'socialId', socialId: '={{ $json.kid }}' });
		const byPhone = withParameters(deleteWorkflow, NODE, { deleteBy: 'phoneNumber', phoneNumber: '={{ $json.phone }}' });

		const social = await run(bySocialId, [{ kid: lead.social_id }]);
		const phone = await run(byPhone, [{ phone: '+15552223333' }]);

		expect(requests().map((request) => request.body)).toEqual([
			{ social_id: [lead.social_id] },
			{ phone_number: ['+15552223333'] },
		]);
		expect(social.output(NODE, 0)[0].json).toMatchObject({ social_id: lead.social_id, deleted: 'queued' });
		expect(phone.output(NODE, 0)[0].json).toMatchObject({ phone_number: '+15552223333', deleted: 'queued' });
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('a failed batch fails each of its items once; without an error output, an invalid item stops before any request', async () => {
		kickoffLabs().control.setFaults({ queue: [{ respond: { status: 403, body: { message: 'Forbidden campaign' } } }] });

		const failed = await run(deleteWorkflow, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);

		expect(errorOutput(failed).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['KickoffLabs: Forbidden campaign', { item: 0 }],
			['KickoffLabs: Forbidden campaign', { item: 1 }],
		]);
		expect(requests()).toHaveLength(1);

		requests().length = 0;
		const stopped = await run(withNodeSettings(deleteWorkflow, NODE, { onError: 'stopWorkflow' }), [
			{ email: 'a@example.com' },
			{ email: '' },
		]);
		expect(stopped.error?.message).toBe('Invalid "Email" in item 1: is required');
		expect(requests()).toHaveLength(0);
	});
});

describe.each(KICKOFFLABS_VARIANTS.deleteIds)('KickoffLabs › Delete, when KickoffLabs reads the identifiers from %s', (from) => {
	beforeEach(() => kickoffLabs().store.variants.set({ deleteIds: from }));
	const readsOnlyQuery = from === 'query';

	it('deletes the leads, each item out once; the ids go in the query string only after the body was not read', async () => {
		for (const email of ['one@example.com', 'two@example.com']) kickoffLabs().store.addLead(defaultCampaign(), blankLead(email));

		const result = await run(deleteWorkflow, [{ email: 'one@example.com' }, { email: 'two@example.com' }, { email: 'none@example.com' }]);

		expect(errorOutput(result)).toEqual([]);
		expect(result.output(NODE, 0).map((item) => [item.json.email, item.json.deleted, item.json.deletedInRequest, item.pairedItem])).toEqual([
			['one@example.com', 'unknown', 2, { item: 0 }],
			['two@example.com', 'unknown', 2, { item: 1 }],
			['none@example.com', 'unknown', 2, { item: 2 }],
		]);
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
		const deletes = requests().filter((request) => request.method === 'DELETE');
		expect(deletes.map((request) => (request.body === undefined || request.body === null ? 'query' : 'body'))).toEqual(readsOnlyQuery ? ['body', 'query'] : ['body']);
		if (readsOnlyQuery) expect(deletes[1].query['email[]']).toEqual(['one@example.com', 'two@example.com', 'none@example.com']);
	});

	it('leads that do not exist come out once each, deleting nothing', async () => {
		kickoffLabs().store.addLead(defaultCampaign(), blankLead('stays@example.com'));

		const result = await run(deleteWorkflow, [{ email: 'ghost@example.com' }]);

		expect(errorOutput(result)).toEqual([]);
		expect(result.output(NODE, 0).map((item) => [item.json.email, item.json.deletedInRequest])).toEqual([['ghost@example.com', 0]]);
		expect(kickoffLabs().store.leads(defaultCampaign()).map((lead) => lead.email)).toEqual(['stays@example.com']);
	});
});

describe('KickoffLabs › Delete, answers that say the identifiers were not read', () => {
	it('a 400 "No leads to update" for the body, then the query read: the query\'s answer counts', async () => {
		kickoffLabs().store.addLead(defaultCampaign(), blankLead('body-ignored@example.com'));
		kickoffLabs().control.setFaults({ queue: [{ method: 'DELETE', respond: { status: 400, body: { message: 'No leads to update' } } }] });

		const result = await run(deleteWorkflow, [{ email: 'body-ignored@example.com' }]);

		expect(result.output(NODE, 0).map((item) => [item.json.deleted, item.json.deletedInRequest])).toEqual([['queued', 1]]);
		expect(kickoffLabs().store.leads(defaultCampaign())).toHaveLength(0);
	});

	it('"no such leads" for the body and "no identifier" for the query: nothing existed, nothing deleted', async () => {
		kickoffLabs().store.variants.set({ deleteIds: 'body' });
		kickoffLabs().control.setFaults({ queue: [{ method: 'DELETE', respond: { status: 404, body: { message: 'No leads found' } } }] });

		const result = await run(deleteWorkflow, [{ email: 'nobody@example.com' }]);

		expect(result.output(NODE, 0).map((item) => [item.json.deleted, item.json.message])).toEqual([[false, 'No leads found']]);
		expect(requests().filter((request) => request.method === 'DELETE')).toHaveLength(2);
	});

	it('no identifier read from either place is an error on each item, naming KickoffLabs\'s message', async () => {
		const noIdentifier = { method: 'DELETE', respond: { status: 409, body: { message: 'Please include a lead id or email' } } };
		kickoffLabs().control.setFaults({ queue: [noIdentifier, noIdentifier] });

		const result = await run(deleteWorkflow, [{ email: 'a@example.com' }, { email: 'b@example.com' }]);

		expect(errorOutput(result).map((item) => [item.json.error, item.pairedItem])).toEqual([
			['KickoffLabs: Please include a lead id or email', { item: 0 }],
			['KickoffLabs: Please include a lead id or email', { item: 1 }],
		]);
	});
});

function blankLead(email: string) {
	return {
		contest_score: 0,
		first_name: null,
		family_name: null,
		email,
		phone_number: null,
		completed_actions: [],
		custom_fields: {},
		uid: null,
		parent_id: null,
		opted_out: false,
		utm: {},
		tags: [],
		referrals: 0,
		unverified_leads: { indirect: 0, direct: 0 },
		influence: { indirect: 0, direct: 0 },
		ip: '127.0.0.1',
		referrer: null,
	};
}
