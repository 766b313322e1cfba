/**
 * Parameters without an expression are evaluated once per execution (shared/parameters.ts); these check, through the
 * real engine, that every item still gets its own values, its own copy, and errors that name it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { runWorkflow } from '../../dev/engine';
import { itemParameter } from '../../nodes/shared/parameters';
import { standaloneRun } from '../../nodes/shared/run';
import { items, kickoffLabsCredentials, loadWorkflow, sendKitCredentials, useWorld, withErrorOutput, withParameters } from '../helpers/world';

const sendKitCreate = loadWorkflow('test/sendkit/lead/create.workflow.json');
const kickoffLabsCreate = loadWorkflow('test/kickofflabs/lead/create.workflow.json');

const world = useWorld();

describe('node parameters, item by item', () => {
	it('gives every item the same typed value and its own expression value, side by side in one collection', async () => {
		const workflow = withParameters(sendKitCreate, 'SendKit', {
			additionalFields: { firstName: 'Static', lastName: '={{ $json.last }}', tags: 'vip, beta' },
		});
		const result = await runWorkflow(world().engine, workflow, {
			credentials: sendKitCredentials(world().sandbox),
			input: items({ email: 'p0@example.com', last: 'Zero' }, { email: 'p1@example.com', last: 'One' }, { email: 'p2@example.com', last: 'Two' }),
		});
		expect(result.error).toBeUndefined();
		const created = result.output('SendKit', 0).map((item) => item.json);
		expect(created.map((lead) => [lead.email, lead.firstName, lead.lastName])).toEqual([
			['p0@example.com', 'Static', 'Zero'],
			['p1@example.com', 'Static', 'One'],
			['p2@example.com', 'Static', 'Two'],
		]);
		for (const lead of world().sandbox.sendKit.store.allLeads()) expect(lead.tags).toEqual(['vip', 'beta']);
	});

	it('names each item in the error of a typed value that is wrong for all of them', async () => {
		const workflow = withErrorOutput(withParameters(sendKitCreate, 'SendKit', { additionalFields: { linkedinUrl: 'not a link' } }), 'SendKit');
		const result = await runWorkflow(world().engine, workflow, {
			credentials: sendKitCredentials(world().sandbox),
			input: items({ email: 'e0@example.com' }, { email: 'e1@example.com' }, { email: 'e2@example.com' }),
		});
		const errors = result.output('SendKit', result.outputCount('SendKit') - 1);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(errors.map((item) => String(item.json.error))).toEqual([0, 1, 2].map((index) => expect.stringContaining(`item ${index}`)));
		expect(world().sandbox.sendKit.store.allLeads()).toEqual([]);
	});

	it('reads a typed campaign and typed options once for a KickoffLabs run of many items', async () => {
		const campaign = world().sandbox.kickoffLabs.otherCampaignId;
		const workflow = withParameters(kickoffLabsCreate, 'KickoffLabs', {
			campaign: { __rl: true, mode: 'id', value: String(campaign) },
			additionalFields: { firstName: 'Typed' },
		});
		const result = await runWorkflow(world().engine, workflow, {
			credentials: kickoffLabsCredentials(world().sandbox),
			input: items(...Array.from({ length: 12 }, (_, index) => ({ email: `k${index}@example.com` }))),
		});
		expect(result.error).toBeUndefined();
		const stored = world().sandbox.kickoffLabs.store.leads(Number(campaign));
		expect(stored.map((lead) => lead.email)).toEqual(Array.from({ length: 12 }, (_, index) => `k${index}@example.com`));
		expect(new Set(stored.map((lead) => lead.first_name))).toEqual(new Set(['Typed']));
	});
});

describe('itemParameter', () => {
	/** A context whose getNodeParameter counts its calls and reads `parameters` (raw) or evaluates "=" values per item. */
	function countingContext(parameters: Record<string, unknown>) {
		const calls: string[] = [];
		const context = {
			getNodeParameter: (name: string, itemIndex: number, fallback: unknown, options?: { rawExpressions?: boolean }) => {
				calls.push(`${name}:${itemIndex}${options?.rawExpressions ? ':raw' : ''}`);
				const raw = parameters[name] ?? fallback;
				if (options?.rawExpressions || typeof raw !== 'string' || !raw.startsWith('=')) return raw;
				return `${raw.slice(1)}#${itemIndex}`;
			},
		} as unknown as IExecuteFunctions;
		return { run: standaloneRun(context), calls };
	}

	it('evaluates a parameter without an expression once per run and gives each item its own copy', () => {
		const { run, calls } = countingContext({ additionalFields: { firstName: 'Ada', tags: ['a'] } });
		const values = [0, 1, 2].map((index) => itemParameter(run, 'additionalFields', index, {}) as { tags: string[] });
		expect(calls).toEqual(['additionalFields:0:raw', 'additionalFields:0']);
		values[0].tags.push('changed');
		expect(values[1]).toEqual({ firstName: 'Ada', tags: ['a'] });
	});

	it('evaluates a parameter with an expression anywhere in it for every item', () => {
		const { run, calls } = countingContext({ email: '=email' });
		expect([0, 1, 2].map((index) => itemParameter(run, 'email', index))).toEqual(['email#0', 'email#1', 'email#2']);
		expect(calls).toEqual(['email:0:raw', 'email:0', 'email:1', 'email:2']);
		const nested = countingContext({ options: { timeout: '=1000' } });
		itemParameter(nested.run, 'options', 0, {});
		itemParameter(nested.run, 'options', 1, {});
		expect(nested.calls).toEqual(['options:0:raw', 'options:0', 'options:1']);
	});

	it('leaves a parameter whose evaluation fails to the per-item call, so the error names the item that reads it', () => {
		const calls: string[] = [];
		const context = {
			getNodeParameter: (name: string, itemIndex: number, _fallback: unknown, options?: { rawExpressions?: boolean }) => {
				calls.push(`${name}:${itemIndex}${options?.rawExpressions ? ':raw' : ''}`);
				if (options?.rawExpressions) return 'static';
				throw new Error(`cannot read ${name} of item ${itemIndex}`);
			},
		} as unknown as IExecuteFunctions;
		const run = standaloneRun(context);
		expect(() => itemParameter(run, 'points', 2)).toThrow('cannot read points of item 2');
		expect(() => itemParameter(run, 'points', 3)).toThrow('cannot read points of item 3');
		expect(calls).toEqual(['points:0:raw', 'points:0', 'points:2', 'points:3']);
	});
});
