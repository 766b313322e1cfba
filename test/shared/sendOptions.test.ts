import type { IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, sendSettingsOf, startSending } from '../../nodes/shared/sendOptions';
import { fakeNode } from './fakeNode';


/** Just what the options are read from: the input items and the first item's Options collection. */
function runWith(options: Record<string, unknown>, itemCount = 2): IExecuteFunctions {
	const context: Partial<IExecuteFunctions> = {
		getNode: () => fakeNode(),
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		getNodeParameter: ((name: string, _itemIndex: number, fallback: unknown) =>
			options[name.replace(/^options\./, '')] ?? fallback) as IExecuteFunctions['getNodeParameter'],
	};
	return context as IExecuteFunctions;
}

describe('the send settings of a run', () => {
	it('come from the Concurrency and Timeout options, and every request of the run finds them', () => {
		const context = runWith({ concurrency: 7, timeout: 2500 });

		const settings = startSending(context);

		expect(settings).toMatchObject({ concurrency: 7, timeoutMs: 2500 });
		expect(sendSettingsOf(context)).toBe(settings);
	});

	it('are the defaults when the operation has no such options, or no items', () => {
		expect(startSending(runWith({}))).toMatchObject({ concurrency: DEFAULT_CONCURRENCY, timeoutMs: DEFAULT_TIMEOUT_MS });
		expect(startSending(runWith({ concurrency: 0 }, 0))).toMatchObject({ concurrency: DEFAULT_CONCURRENCY });
	});

	it('stop the run before anything is sent when an option is out of range, naming it', () => {
		expect(() => startSending(runWith({ concurrency: 101 }))).toThrow(/^Invalid "Concurrency" in item 0/);
		expect(() => startSending(runWith({ timeout: 50 }))).toThrow(/^Invalid "Timeout" in item 0/);
	});

	it('outside a run (a picker, a trigger) send one request at a time, without a shared limit, with the default timeout', () => {
		const settings = sendSettingsOf(runWith({ concurrency: 7 }));

		expect(settings).toMatchObject({ concurrency: 1, timeoutMs: DEFAULT_TIMEOUT_MS });
		expect(settings.adaptiveLimit).toBeUndefined();
		expect(settings.semaphore).toBeUndefined();
	});
});
