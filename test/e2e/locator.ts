/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * The SendKit Campaign picker in the real n8n 2.41.1 editor backend: n8n, not the package, calls the node's
 * `searchCampaigns` list-search method (the editor's POST /rest/dynamic-node-parameters/resource-locator-results),
 * with the stored sandbox credential. `n8n execute` never does this, so test/e2e/run.ts cannot check it.
 *
 *   npm run test:e2e:locator     # builds, starts n8n on free ports (fresh user folder), checks, stops
 *
 * Ends with the line `N passed, M failed`; exits 1 on any failure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startEditor, type RunningEditor } from '../../dev/real-n8n/editor';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../../dev/real-n8n/owner';
import { freePort, isRecord, log } from '../../dev/real-n8n/util';

interface Check {
	title: string;
	filter: string;
	/** The picker's entries, as n8n hands them to the editor. */
	expected: Array<{ name: string; value: string }>;
}

const CHECKS: Check[] = [
	{
		title: 'lists every seeded campaign with its status',
		filter: '',
		expected: [
			{ name: 'Q3 Founders Outreach (active)', value: '6650a1b2c3d4e5f6a7b8c901' },
			{ name: 'Spring Webinar Follow-up (draft)', value: '6650a1b2c3d4e5f6a7b8c902' },
			{ name: 'Partner Introductions (paused)', value: '6650a1b2c3d4e5f6a7b8c903' },
			{ name: '2024 Newsletter Winback (completed)', value: '6650a1b2c3d4e5f6a7b8c904' },
		],
	},
	{
		title: 'filters by the typed part of the name',
		filter: 'partner',
		expected: [{ name: 'Partner Introductions (paused)', value: '6650a1b2c3d4e5f6a7b8c903' }],
	},
];

async function login(editor: RunningEditor): Promise<string> {
	const response = await fetch(`${editor.url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER_EMAIL, password: OWNER_PASSWORD }),
	});
	if (!response.ok) throw new Error(`login failed: HTTP ${response.status}`);
	return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

async function search(editor: RunningEditor, cookie: string, filter: string): Promise<unknown> {
	const response = await fetch(`${editor.url}/rest/dynamic-node-parameters/resource-locator-results`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, 'browser-id': 'e2e-locator' },
		body: JSON.stringify({
			nodeTypeAndVersion: { name: 'n8n-nodes-lead-capture.sendKit', version: 1 },
			path: 'parameters.campaign',
			methodName: 'searchCampaigns',
			filter,
			currentNodeParameters: { resource: 'campaign', operation: 'addLeads', campaign: { __rl: true, mode: 'list', value: '' } },
			credentials: { sendKitApi: { id: 'sendKitSandbox01', name: 'SendKit sandbox' } },
		}),
	});
	const body = (await response.json()) as unknown;
	if (!response.ok) throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
	return isRecord(body) && isRecord(body.data) ? body.data.results : body;
}

async function main(): Promise<number> {
	const userFolder = path.join(os.tmpdir(), `n8n-e2e-locator-${process.pid}`);
	const editor = await startEditor({
		port: await freePort(),
		sandboxPorts: 'free',
		userFolder,
		fresh: true,
		n8nOutput: `${userFolder}.log`,
	});
	let passed = 0;
	let failed = 0;
	try {
		const cookie = await login(editor);
		for (const check of CHECKS) {
			const results = await search(editor, cookie, check.filter);
			if (JSON.stringify(results) === JSON.stringify(check.expected)) {
				passed++;
				log(`PASS  Campaign picker ${check.title}`);
			} else {
				failed++;
				log(`FAIL  Campaign picker ${check.title}\n      - got ${JSON.stringify(results)}`);
			}
		}
	} finally {
		await editor.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.rmSync(`${userFolder}.log`, { force: true });
	}
	log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[e2e:locator] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		log('0 passed, 1 failed');
		process.exit(1);
	},
);
