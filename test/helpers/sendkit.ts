import { runWorkflow } from '../../dev/engine';
import { create as createOperation } from '../../nodes/SendKit/actions/lead/create.operation';
import { get } from '../../nodes/SendKit/actions/lead/get.operation';
import { errorOutputIndex, fixture, outputIndex } from './fixtures';
import { items, sendKitCredentials, useWorld } from './world';

export const CREATED = outputIndex(createOperation.outputs, 'created');
export const EXISTING_LEAD = outputIndex(createOperation.outputs, 'existingLead');
export const FOUND = outputIndex(get.outputs, 'found');
export const NOT_FOUND = outputIndex(get.outputs, 'notFound');
/** The Error output of Create and Get, which both have two outputs of their own. */
export const ERROR_OUTPUT = errorOutputIndex(createOperation.outputs);

export const createWorkflow = fixture('sendkit/lead/create');
export const getByEmailWorkflow = fixture('sendkit/lead/get-by-email');
export const getByIdWorkflow = fixture('sendkit/lead/get-by-id');

/** The world of a SendKit test file and the helpers its tests share. */
export function useSendKit() {
	const world = useWorld();

	const requests = () => world().sandbox.sendKit.control.requests;
	const credentials = (overrides = {}) => sendKitCredentials(world().sandbox, overrides);

	async function create(...inputs: Array<Record<string, unknown>>) {
		return await runWorkflow(world().engine, createWorkflow, { credentials: credentials(), input: items(...inputs) });
	}

	return { world, requests, credentials, create };
}

/** A lead with every field SendKit's Create offers set, as Additional Fields (for output-schema checks). */
export const everyLeadField = {
	firstName: 'Ada',
	lastName: 'Lovelace',
	companyName: 'Analytical Engines',
	jobTitle: 'CTO',
	phone: '+1-555-123-4567',
	linkedinUrl: 'https://linkedin.com/in/ada',
	city: 'London',
	state: 'LDN',
	country: 'GB',
	tags: 'vip, enterprise',
	customFields: { field: [{ name: 'industry', value: 'SaaS' }] },
};
