/**
 * Items are sent several at a time, but two items about the same lead go one after the other, in input order: the first
 * signup with an email is the one that creates the lead, as when items were sent one at a time.
 */
import { runWorkflow } from '../../dev/engine';
import { create as kickoffLabsCreateOperation } from '../../nodes/KickoffLabs/actions/lead/create.operation';
import { create as sendKitCreateOperation } from '../../nodes/SendKit/actions/lead/create.operation';
import { outputIndex } from '../helpers/fixtures';
import { items, kickoffLabsCredentials, loadWorkflow, sendKitCredentials, useWorld, withParameters } from '../helpers/world';

const world = useWorld();

const sendKitCreate = loadWorkflow('test/sendkit/lead/create.workflow.json');
const kickoffLabsCreate = loadWorkflow('test/kickofflabs/lead/create.workflow.json');

describe('the same lead twice in one run, sent with others in parallel', () => {
	it('SendKit Create: the first item creates the lead with its fields, the second is Existing Lead', async () => {
		// The first create is answered 429 and retried: without ordering, the second item would create the lead first.
		world().sandbox.sendKit.control.setFaults({ latencyMs: 30, queue: [{ method: 'POST', status: 429, retryAfterSeconds: 0 }] });
		const workflow = withParameters(sendKitCreate, 'SendKit', { options: { concurrency: 10 } });
		const result = await runWorkflow(world().engine, workflow, {
			credentials: sendKitCredentials(world().sandbox),
			input: items(
				{ email: 'ada@example.com', companyName: 'Analytical Engines' },
				{ email: 'ADA@example.com' },
				{ email: 'grace@example.com' },
				{ email: 'ada@example.com' },
			),
		});

		expect(result.output('SendKit', outputIndex(sendKitCreateOperation.outputs, 'created')).map((item) => [item.json.email, item.json.companyName, item.pairedItem])).toEqual([
			['ada@example.com', 'Analytical Engines', { item: 0 }],
			['grace@example.com', undefined, { item: 2 }],
		]);
		expect(result.output('SendKit', outputIndex(sendKitCreateOperation.outputs, 'existingLead')).map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
	});

	it('KickoffLabs Create: the first signup is the New Lead', async () => {
		world().sandbox.kickoffLabs.control.setFaults({ latencyMs: 30, queue: [{ method: 'POST', status: 429, retryAfterSeconds: 0 }] });
		const workflow = withParameters(kickoffLabsCreate, 'KickoffLabs', { options: { concurrency: 10 } });
		const result = await runWorkflow(world().engine, workflow, {
			credentials: kickoffLabsCredentials(world().sandbox),
			input: items({ email: 'kay@example.com', firstName: 'Kay' }, { email: 'kay@example.com', firstName: 'Later' }),
		});

		expect(result.output('KickoffLabs', outputIndex(kickoffLabsCreateOperation.outputs, 'newLead')).map((item) => [item.json.first_name, item.pairedItem])).toEqual([['Kay', { item: 0 }]]);
		expect(result.output('KickoffLabs', outputIndex(kickoffLabsCreateOperation.outputs, 'existingLead')).map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	});
});
