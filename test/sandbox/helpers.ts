/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code: runs in plain Node, not inside n8n */
import axios, { type AxiosInstance } from 'axios';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { startSandbox, type RunningSandbox } from '../../sandbox';

/** The seed documents, checked in beside the tests (test/fixtures/seeds/README.md says where they come from). */
const SEEDS_DIR = path.resolve(__dirname, '..', 'fixtures', 'seeds');

export function readSeed(fileName: string): string {
	return readFileSync(path.join(SEEDS_DIR, fileName), 'utf8');
}

/**
 * The JSON object that encloses `marker` (or the first object in the text), found by matching braces outside strings:
 * the seeds are documentation pages with code samples around their JSON examples.
 */
export function extractJsonObject(text: string, marker?: string): Record<string, unknown> {
	const start = marker === undefined ? text.indexOf('{') : text.lastIndexOf('{', text.indexOf(marker));
	if (start < 0 || (marker !== undefined && text.indexOf(marker) < 0)) throw new Error(`No JSON object found for ${marker ?? 'text'}`);
	let depth = 0;
	let inString = false;
	for (let index = start; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (char === '\\') index++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) return JSON.parse(text.slice(start, index + 1)) as Record<string, unknown>;
	}
	throw new Error('Unbalanced JSON object in seed');
}

/** An axios client that never throws on an HTTP status, so tests assert on status and body directly. */
export function client(baseURL: string, headers: Record<string, string> = {}): AxiosInstance {
	return axios.create({ baseURL, headers, validateStatus: () => true, timeout: 5000 });
}

/**
 * The test file's own sandbox, started once, with every service's state (or only `resetOnly`'s) reset before each
 * test. Read it inside tests: `sandbox()` throws outside them.
 */
export function useSandbox(resetOnly?: 'sendKit' | 'kickoffLabs'): () => RunningSandbox {
	let sandbox: RunningSandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(() => sandbox?.close());
	beforeEach(() => {
		const services = sandbox === undefined ? [] : resetOnly ? [sandbox[resetOnly]] : sandbox.services;
		for (const service of services) service.control.reset();
	});
	return () => {
		if (sandbox === undefined) throw new Error('useSandbox(): only inside tests');
		return sandbox;
	};
}

/** The test file's own sandbox with its SendKit state reset before each test, and a client sending the workspace key. */
export function useSendKitSandbox(): { sandbox: () => RunningSandbox; api: () => AxiosInstance } {
	const sandbox = useSandbox('sendKit');
	return { sandbox, api: () => client(sandbox().sendKit.url, { 'X-Api-Key': sandbox().sendKit.workspaceKey }) };
}
