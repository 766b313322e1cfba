import { defineService } from '../core/service';
import { randomHex, type KeyMode } from '../core/keys';
import { createFakeModelHandler, fakeModelControl, fakeModelFaultBody, FAKE_MODEL } from './handler';
import { FakeModelStore } from './script';

export { FAKE_MODEL, messageText } from './handler';
export { DEFAULT_ANSWER, FakeModelStore } from './script';
export type { ModelScript, ScriptedToolCall } from './script';

/** The fake model's key: no real OpenAI key ever; random per start in tests, readable for `npm start`. */
function fakeModelKey(mode: KeyMode): { apiKey: string } {
	return { apiKey: mode === 'fixed' ? 'sk-sandbox-fake-model-key' : `sk-sandbox-${randomHex(12)}` };
}

/**
 * An OpenAI-compatible chat model for AI Agent workflows offline (API paths start with /v1): scripted per test
 * through POST /__sandbox/script (which tool to call with which arguments, then a final answer quoting the tool's
 * result); every chat request it receives is in GET /__sandbox/requests, so tests read exactly what the model was
 * told.
 */
export const fakeModelService = defineService({
	name: 'openAi',
	title: 'Fake model',
	envPrefix: 'OPENAI',
	defaultPort: 5682,
	keys: fakeModelKey,
	createStore: () => new FakeModelStore(),
	handler: (store, keys) => createFakeModelHandler(store, keys.apiKey),
	control: (store) => fakeModelControl(store),
	faultBody: fakeModelFaultBody,
	secrets: (keys) => [keys.apiKey],
	info: (keys) => ({ apiKey: keys.apiKey, model: FAKE_MODEL }),
	// n8n's own OpenAI credential (n8n-nodes-base), used by the OpenAI Chat Model node; `url` is its Base URL.
	credentials: (service) => ({
		id: 'openAiSandbox001',
		name: 'Fake model (sandbox)',
		type: 'openAiApi',
		data: { apiKey: service.apiKey, url: `${service.url}/v1` },
	}),
});
