/**
 * Every output schema against what the node really outputs: real workflows through the n8n engine against the sandbox,
 * every item of the operation's first output (and of the outputs that carry the same kind of item) validated with ajv
 * against the schema n8n-core loads from dist/. Each item must match the schema as shipped and must not carry a field the
 * schema does not name.
 */
import { everyLeadField, useSendKit, createWorkflow as sendKitCreate, getByEmailWorkflow as sendKitGetByEmail, getByIdWorkflow as sendKitGetById } from '../helpers/sendkit';
import { expectMatchingItems, outputNamed } from '../helpers/output-schemas';
import { withParameters } from '../helpers/world';

const SENDKIT = 'SendKit';

const { run } = useSendKit();

describe('SendKit output schemas', () => {
	const everyField = everyLeadField;

	it('lead/create: Created, Existing Lead, and Existing Lead after an update match the create schema', async () => {
		const created = await run(
			withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }),
			{ email: 'full@example.com' },
		);
		const minimal = await run(sendKitCreate, { email: 'minimal@example.com' }, { email: 'named@example.com', firstName: 'Grace' });
		const duplicates = await run(sendKitCreate, { email: 'full@example.com' }, { email: 'minimal@example.com' });
		const updated = await run(
			withParameters(sendKitCreate, SENDKIT, { updateExisting: true, additionalFields: { jobTitle: 'CEO', city: 'Paris' } }),
			{ email: 'named@example.com' },
		);

		const createdItems = [...outputNamed(created, SENDKIT, 'Created'), ...outputNamed(minimal, SENDKIT, 'Created')];
		const existingItems = [...outputNamed(duplicates, SENDKIT, 'Existing Lead'), ...outputNamed(updated, SENDKIT, 'Existing Lead')];
		expect(createdItems).toHaveLength(3);
		expect(existingItems).toHaveLength(3);
		expect(existingItems.every((item) => item.json.conflict !== undefined)).toBe(true);
		expectMatchingItems(SENDKIT, 'lead', 'create', createdItems);
		expectMatchingItems(SENDKIT, 'lead', 'create', existingItems);
	});

	it('lead/get: Found by email (the list\'s shorter lead) and by ID (the full lead) match the get schema', async () => {
		const seeded = await run(
			withParameters(sendKitCreate, SENDKIT, { email: '={{ $json.email }}', additionalFields: everyField }),
			{ email: 'full@example.com' },
		);
		await run(sendKitCreate, { email: 'minimal@example.com' });
		const fullId = outputNamed(seeded, SENDKIT, 'Created')[0].json._id;

		const byEmail = await run(sendKitGetByEmail, { email: 'full@example.com' }, { email: 'minimal@example.com' });
		const byId = await run(sendKitGetById, { leadId: fullId });

		const found = [...outputNamed(byEmail, SENDKIT, 'Found'), ...outputNamed(byId, SENDKIT, 'Found')];
		expect(found).toHaveLength(3);
		expectMatchingItems(SENDKIT, 'lead', 'get', found);
	});
});
