import { applyVariants, parseCliOptions } from '../../sandbox/cli';
import { KICKOFFLABS_VARIANTS } from '../../sandbox/kickofflabs/variants';
import { SENDKIT_VARIANTS } from '../../sandbox/sendkit/variants';
import { client, useSandbox } from './helpers';

const sandbox = useSandbox();

describe('variant switches for what the API docs leave open', () => {
	it('start at the first answer of every switch', () => {
		expect(sandbox().sendKit.store.variants.current).toEqual({
			listOrder: 'oldestFirst',
			cursor: 'lastId',
			pagination: 'cursor',
			signature: 'hex',
			webhookSecret: 'sent',
			conflict: 'resource',
			webhookDelete: 'supported',
		});
		expect(sandbox().kickoffLabs.store.variants.current).toEqual({ lookupNotFound: 'status404', deleteIds: 'either', webhookDeleteAnswer: 'message' });
	});

	it('are listed with their choices and set over HTTP, the switches not given going back to their default', async () => {
		const sendKit = client(sandbox().sendKit.url);
		expect((await sendKit.get('/__sandbox/variants')).data).toEqual({ current: sandbox().sendKit.store.variants.current, choices: SENDKIT_VARIANTS });

		sandbox().sendKit.store.variants.set({ signature: 'base64' });
		const answer = await sendKit.post('/__sandbox/variants', { listOrder: 'newestFirst' });

		expect(answer.status).toBe(200);
		expect(sandbox().sendKit.store.variants.current).toMatchObject({ listOrder: 'newestFirst', signature: 'hex' });
	});

	it('refuse an unknown switch or value and change nothing', async () => {
		const kickoffLabs = client(sandbox().kickoffLabs.url);
		sandbox().kickoffLabs.store.variants.set({ deleteIds: 'body' });

		const unknownValue = await kickoffLabs.post('/__sandbox/variants', { deleteIds: 'header' });
		const unknownSwitch = await kickoffLabs.post('/__sandbox/variants', { listOrder: 'newestFirst' });

		expect([unknownValue.status, unknownSwitch.status]).toEqual([400, 400]);
		expect(unknownValue.data.error).toMatch(/^deleteIds: Invalid enum value/);
		expect(sandbox().kickoffLabs.store.variants.current.deleteIds).toBe('body');
		expect(Object.keys(KICKOFFLABS_VARIANTS)).not.toContain('listOrder');
	});

	it('go back to their defaults on a reset, with the rest of the seeded state', async () => {
		sandbox().sendKit.store.variants.set({ listOrder: 'newestFirst', conflict: 'generic' });

		await client(sandbox().sendKit.url).post('/__sandbox/reset');

		expect(sandbox().sendKit.store.variants.current).toMatchObject({ listOrder: 'oldestFirst', conflict: 'resource' });
	});

	it('answer 404 on a service without switches', async () => {
		const answer = await client(sandbox().openAi.url).get('/__sandbox/variants');

		expect(answer.status).toBe(404);
	});

	it('are set from the command line per service, and a service without switches is an error', () => {
		const options = parseCliOptions(['--variants', '{"sendKit":{"listOrder":"newestFirst"},"kickoffLabs":{"deleteIds":"query"}}'], {});
		applyVariants(sandbox(), options.variants ?? {});

		expect(sandbox().sendKit.store.variants.current.listOrder).toBe('newestFirst');
		expect(sandbox().kickoffLabs.store.variants.current.deleteIds).toBe('query');
		expect(() => applyVariants(sandbox(), { openAi: {} })).toThrow('"openAi" is not a service with variant switches');
		expect(() => applyVariants(sandbox(), { sendKit: { listOrder: 'sideways' } })).toThrow(/^--variants sendKit: listOrder/);
		expect(() => parseCliOptions(['--variants', '[1]'], {})).toThrow('--variants needs a JSON object');
	});
});
