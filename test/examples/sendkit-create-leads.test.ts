import { runWorkflow } from '../../dev/engine';
import { loadWorkflow, sendKitCredentials, useWorld } from '../helpers/world';

const world = useWorld();

describe('examples/sendkit-create-leads.json', () => {
	it('runs as shipped: its pinned signups reach Created, Existing Lead and Error, and each branch continues', async () => {
		const workflow = loadWorkflow('examples/sendkit-create-leads.json');

		const result = await runWorkflow(world().engine, workflow, { credentials: sendKitCredentials(world().sandbox) });

		expect(result.error).toBeUndefined();
		expect(result.outputNames('Create Lead')).toEqual(['Created', 'Existing Lead', 'Error']);
		const emails = (node: string, output: number) => result.output(node, output).map((item) => item.json.email);
		expect(emails('Create Lead', 0)).toEqual(['ada@example.com', 'grace@example.com']);
		expect(emails('Create Lead', 1)).toEqual(['ada@example.com']);
		expect(result.output('Create Lead', 2).map((item) => item.pairedItem)).toEqual([{ item: 3 }]);
		expect(emails('Look Up New Lead', 0)).toEqual(['ada@example.com', 'grace@example.com']);
		const [updated] = result.output('Update Existing Lead', 1);
		expect(updated.json).toMatchObject({ email: 'ada@example.com', tags: ['vip', 'webinar', 'returning'] });
	});
});
