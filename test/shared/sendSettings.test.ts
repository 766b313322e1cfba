import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, readSendSettings } from '../../nodes/shared/sendSettings';
import { contextWithOptions } from './optionsContext';

describe('the send settings of a run', () => {
	it('come from the Concurrency and Timeout options', () => {
		expect(readSendSettings(contextWithOptions({ concurrency: 7, timeout: 2500 }))).toEqual({ concurrency: 7, timeoutMs: 2500 });
	});

	it('are the defaults when the operation has no such options, or no items', () => {
		expect(readSendSettings(contextWithOptions({}))).toMatchObject({ concurrency: DEFAULT_CONCURRENCY, timeoutMs: DEFAULT_TIMEOUT_MS });
		expect(readSendSettings(contextWithOptions({ concurrency: 0 }, 0))).toMatchObject({ concurrency: DEFAULT_CONCURRENCY });
	});

	it('stop the run before anything is sent when an option is out of range, naming it', () => {
		expect(() => readSendSettings(contextWithOptions({ concurrency: 101 }))).toThrow(/^Invalid "Concurrency" in item 0/);
		expect(() => readSendSettings(contextWithOptions({ timeout: 50 }))).toThrow(/^Invalid "Timeout" in item 0/);
	});
});
