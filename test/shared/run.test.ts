import { DEFAULT_TIMEOUT_MS } from '../../nodes/shared/sendSettings';
import { PaceRegistry, processPaces } from '../../nodes/shared/paces';
import { standaloneRun, startItemPoolRun } from '../../nodes/shared/run';
import { contextWithOptions } from './optionsContext';

describe('the run of a node execution', () => {
	it('sends with the Concurrency and Timeout options, through a pool and a limit of that size', () => {
		const context = contextWithOptions({ concurrency: 7, timeout: 2500 });

		const run = startItemPoolRun(context);

		expect(run.context).toBe(context);
		expect(run.settings).toEqual({ concurrency: 7, timeoutMs: 2500 });
		expect(run.limits).toBeDefined();
		expect(run.semaphore).toBeDefined();
	});

	it('lets at most Concurrency requests out at once, even while items lend their places', async () => {
		const run = startItemPoolRun(contextWithOptions({ concurrency: 1 }));
		await run.limits.inFlight.acquire();
		let secondOut = false;
		const second = run.limits.inFlight.acquire().then(() => (secondOut = true));
		await Promise.resolve();
		expect(secondOut).toBe(false);
		run.limits.inFlight.release();
		await second;
		expect(secondOut).toBe(true);
	});

	it('takes its pace from the registry it is given, the process\'s by default', () => {
		const paces = new PaceRegistry();

		expect(startItemPoolRun(contextWithOptions({}), paces).limits.paces).toBe(paces);
		expect(startItemPoolRun(contextWithOptions({})).limits.paces).toBe(processPaces);
	});

	it('stops before anything is sent when an option is out of range, naming it', () => {
		expect(() => startItemPoolRun(contextWithOptions({ concurrency: 101 }))).toThrow(/^Invalid "Concurrency" in item 0/);
	});

	it('starts with nothing read yet: no parameters, no credential', () => {
		const run = startItemPoolRun(contextWithOptions({}));

		expect(run.parameters.size).toBe(0);
		expect(run.connections.size).toBe(0);
	});
});

describe('a run outside an item pool (a picker, a trigger)', () => {
	it('sends one request at a time, without a shared limit, with the default timeout, whatever the options say', () => {
		const run = standaloneRun(contextWithOptions({ concurrency: 7 }));

		expect(run.settings).toMatchObject({ concurrency: 1, timeoutMs: DEFAULT_TIMEOUT_MS });
		expect(run.limits).toBeUndefined();
		expect(run.semaphore).toBeUndefined();
	});
});
