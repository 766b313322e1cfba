import { update } from '../../../nodes/SendKit/actions/lead/update.operation';
import { errorOutputIndex, fixture, outputIndex } from '../../helpers/fixtures';
import { withNodeSettings, withParameters } from '../../helpers/world';
import { useSendKit } from '../../helpers/sendkit';

const UPDATED = outputIndex(update.outputs, 'updated');
const NOT_FOUND = outputIndex(update.outputs, 'notFound');
const ERROR_OUTPUT = errorOutputIndex(update.outputs);

const { asTool, run, requests, seedLeads } = useSendKit();
const workflow = fixture('sendkit/lead/update');

describe('SendKit › Lead › Update', () => {
	it('patches the fields set, merges custom fields, and puts the updated lead on Updated', async () => {
		const [lead] = seedLeads(1, () => ({ jobTitle: 'CTO', customFields: { source: 'webinar' } }));

		const result = await run(workflow, { leadId: lead._id, jobTitle: 'CEO', tags: 'vip', stage: 'customer' });

		expect(result.error).toBeUndefined();
		const [updated] = result.output('SendKit', UPDATED);
		expect(updated.json).toMatchObject({ _id: lead._id, jobTitle: 'CEO', tags: ['vip'], customFields: { source: 'webinar', stage: 'customer' } });
		expect(updated.pairedItem).toEqual({ item: 0 });
		const [patch] = requests('PATCH');
		expect(patch.path).toBe(`/v1/leads/${lead._id}`);
		expect(patch.body).toEqual({ jobTitle: 'CEO', tags: ['vip'], customFields: { stage: 'customer' } });
	});

	it('adds Tags to the lead\'s own by default: SendKit only replaces them, so the lead is read first and its tags kept', async () => {
		const [lead] = seedLeads(1, () => ({ tags: ['vip', 'webinar'] }));

		const result = await run(workflow, { leadId: lead._id, tags: 'returning, vip' });

		expect(result.output('SendKit', UPDATED).map((item) => item.json.tags)).toEqual([['vip', 'webinar', 'returning']]);
		expect(requests().map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/leads/${lead._id}`, `PATCH /v1/leads/${lead._id}`]);
	});

	it('with Tags Mode Remove, takes only the given tags off the lead', async () => {
		const [lead] = seedLeads(1, () => ({ tags: ['vip', 'webinar', 'cold'] }));

		const result = await run(withParameters(workflow, 'SendKit', { tagsMode: 'remove' }), { leadId: lead._id, tags: 'cold, absent' });

		expect(result.output('SendKit', UPDATED).map((item) => item.json.tags)).toEqual([['vip', 'webinar']]);
	});

	it('with Tags Mode Replace All, the lead\'s tags become exactly the given ones, without reading the lead first', async () => {
		const [lead] = seedLeads(1, () => ({ tags: ['vip', 'webinar'] }));

		const result = await run(withParameters(workflow, 'SendKit', { tagsMode: 'replace' }), { leadId: lead._id, tags: 'returning' });

		expect(result.output('SendKit', UPDATED).map((item) => item.json.tags)).toEqual([['returning']]);
		expect(requests().map((request) => request.method)).toEqual(['PATCH']);
	});

	it('adding tags to a lead SendKit does not know puts the input item on Not Found, with nothing written', async () => {
		const missing = { leadId: 'cccccccccccccccccccccccc', tags: 'vip' };

		const result = await run(workflow, missing);

		expect(result.output('SendKit', NOT_FOUND).map((item) => item.json)).toEqual([missing]);
		expect(requests('PATCH')).toHaveLength(0);
	});

	it('puts a lead SendKit does not know on Not Found with the input item unchanged', async () => {
		const [lead] = seedLeads(1);
		const missing = { leadId: 'aaaaaaaaaaaaaaaaaaaaaaaa', jobTitle: 'CEO', crmId: 42 };

		const result = await run(workflow, { leadId: lead._id, jobTitle: 'CFO' }, missing);

		expect(result.output('SendKit', UPDATED).map((item) => item.json._id)).toEqual([lead._id]);
		expect(result.output('SendKit', NOT_FOUND).map((item) => [item.json, item.pairedItem])).toEqual([[missing, { item: 1 }]]);
	});

	it('checks every item before sending: a malformed id or no field to change goes to the Error output, nothing is sent for it', async () => {
		const [lead] = seedLeads(1);

		const result = await run(workflow, { leadId: 'not-an-id', jobTitle: 'CEO' }, { leadId: lead._id }, { leadId: lead._id, jobTitle: 'CTO' });

		const errors = result.output('SendKit', ERROR_OUTPUT);
		expect(errors.map((item) => [item.json.error, item.pairedItem])).toEqual([
			[expect.stringMatching(/^Invalid "Lead ID" in item 0: must be a SendKit lead ID/), { item: 0 }],
			[
				'Invalid "Update Fields" in item 1: Job Title, Tags and Custom Fields "stage" are empty, so there is nothing to change',
				{ item: 1 },
			],
		]);
		expect(result.output('SendKit', UPDATED)).toHaveLength(1);
		expect(requests('PATCH')).toHaveLength(1);
	});

	it('an item whose fields are all left out fails with "add at least one field to change"', async () => {
		const [lead] = seedLeads(1);

		const result = await run(withParameters(workflow, 'SendKit', { updateFields: {} }), { leadId: lead._id });

		expect(result.output('SendKit', ERROR_OUTPUT).map((item) => item.json.error)).toEqual(['Invalid "Update Fields" in item 0: add at least one field to change']);
	});

	it('with If Nothing to Change set to Pass the Lead On, an item whose fields came out empty changes nothing: its lead goes to Updated as it is', async () => {
		const [lead] = seedLeads(1, () => ({ jobTitle: 'CTO', tags: ['vip'] }));
		const passing = withParameters(workflow, 'SendKit', { options: { ifNothingToChange: 'passOn' } });

		const result = await run(passing, { leadId: lead._id, jobTitle: '  ' }, { leadId: 'dddddddddddddddddddddddd' });

		expect(result.output('SendKit', UPDATED).map((item) => [item.json._id, item.json.jobTitle, item.json.tags, item.pairedItem])).toEqual([
			[lead._id, 'CTO', ['vip'], { item: 0 }],
		]);
		expect(result.output('SendKit', NOT_FOUND).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(requests('PATCH')).toHaveLength(0);
	});

	it('without an error output, an invalid item stops the node before any request', async () => {
		const [lead] = seedLeads(1);

		const result = await run(withNodeSettings(workflow, 'SendKit', { onError: 'stopWorkflow' }), { leadId: lead._id, jobTitle: 'CEO' }, { leadId: 'x' });

		expect(result.error?.message).toMatch(/^Invalid "Lead ID" in item 1/);
		expect(requests()).toHaveLength(0);
	});

	it('as an AI tool, reports Not Found on output 0 with an outcome field', async () => {
		const node = { ...workflow.nodes[1], parameters: { ...workflow.nodes[1].parameters, leadId: 'bbbbbbbbbbbbbbbbbbbbbbbb', updateFields: { jobTitle: 'CEO' } } };

		const answer = JSON.parse(await asTool(node, {})) as Array<Record<string, unknown>>;

		expect(answer[0]).toMatchObject({ outcome: 'notFound' });
	});
});
