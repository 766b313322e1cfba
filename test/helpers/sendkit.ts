import { runWorkflow } from '../../dev/engine';
import { fixture } from './fixtures';
import { items, sendKitCredentials, useWorld } from './world';

export const CREATED = 0;
export const ALREADY_EXISTS = 1;
export const FOUND = 0;
export const NOT_FOUND = 1;
export const ERROR_OUTPUT = 2;

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
