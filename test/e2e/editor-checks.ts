/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test tooling: runs in plain Node, not inside n8n */
/**
 * Checks against the running n8n server (`n8n start`, set up exactly as `npm start` sets it up),
 * through the REST API the editor itself uses, logged in as the instance owner:
 * - Settings > Community Nodes lists this package with its version and all its nodes;
 * - the node types the node panel searches carry the codex aliases (waitlist, cold email, ...);
 * - "Test credential" with a wrong key shows the credential's own advice, and passes with the right key.
 */
import * as fs from 'fs';
import * as path from 'path';
import { communityListingFailures } from '../../dev/real-n8n/community-listing';
import { startEditor, type RunningEditor } from '../../dev/real-n8n/editor';
import { OWNER_EMAIL, OWNER_PASSWORD } from '../../dev/real-n8n/owner';
import { cacheRoot, statePath } from '../../dev/real-n8n/runtime';
import { freePort, isRecord, readJson, repoRoot } from '../../dev/real-n8n/util';

export interface EditorCheck {
	title: string;
	failures: string[];
}

/** Words users type into the node panel, and the node of this package each must find. */
export const SEARCH_WORDS: Array<{ word: string; nodes: string[] }> = [
	{ word: 'waitlist', nodes: ['kickoffLabs'] },
	{ word: 'referral', nodes: ['kickoffLabs'] },
	{ word: 'lead', nodes: ['kickoffLabs', 'sendKit'] },
	{ word: 'cold email', nodes: ['sendKit'] },
	{ word: 'outreach', nodes: ['sendKit'] },
	// Where users look for "on new lead": SendKit has no lead-created event, so its new-lead trigger is an entry of its
	// own; the panel shows the KickoffLabs Trigger inside the KickoffLabs entry, which it finds by that node's aliases.
	{ word: 'new lead', nodes: ['sendKitNewLeadTrigger', 'kickoffLabs'] },
	{ word: 'signup', nodes: ['kickoffLabs', 'sendKitNewLeadTrigger'] },
];

const BROWSER_ID = 'lead-capture-e2e';

class Session {
	private cookie = '';

	constructor(readonly url: string) {}

	async login(): Promise<void> {
		const response = await fetch(`${this.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER_EMAIL, password: OWNER_PASSWORD }),
		});
		if (!response.ok) throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
		this.cookie = (response.headers.getSetCookie?.() ?? [])
			.map((cookie) => cookie.split(';')[0])
			.join('; ');
	}

	async json(method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
		const response = await fetch(`${this.url}${route}`, {
			method,
			headers: { cookie: this.cookie, 'browser-id': BROWSER_ID, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
		const parsed = JSON.parse(text) as unknown;
		// n8n's REST API wraps answers in { data }; the static type files are not wrapped.
		return isRecord(parsed) && 'data' in parsed ? parsed.data : parsed;
	}
}

async function searchAliases(session: Session, packageName: string): Promise<string[]> {
	const types = await session.json('GET', '/types/nodes.json');
	if (!Array.isArray(types)) return ['GET /types/nodes.json did not answer a list'];
	const failures: string[] = [];
	for (const { word, nodes } of SEARCH_WORDS) {
		for (const node of nodes) {
			const description = types.find((type) => isRecord(type) && type.name === `${packageName}.${node}`);
			const codex = isRecord(description) && isRecord(description.codex) ? description.codex : undefined;
			const aliases = codex && Array.isArray(codex.alias) ? codex.alias.map(String) : [];
			if (!aliases.some((alias) => alias.toLowerCase().includes(word))) {
				failures.push(`the node panel data of ${node} has no alias matching "${word}" (aliases: ${JSON.stringify(aliases)})`);
			}
		}
	}
	return failures;
}

interface CredentialCase {
	type: string;
	data: Record<string, string>;
	status: 'OK' | 'Error';
	/** Text the message shown to the user must contain. */
	says?: string[];
}

async function credentialTests(session: Session, editor: RunningEditor): Promise<string[]> {
	const { sandbox } = editor;
	const cases: Array<CredentialCase & { title: string }> = [
		{
			title: 'SendKit, right key',
			type: 'sendKitApi',
			data: { apiKey: sandbox.sendKit.workspaceKey, workspaceId: '', baseUrl: sandbox.sendKit.url },
			status: 'OK',
		},
		{
			title: 'SendKit, wrong key',
			type: 'sendKitApi',
			data: { apiKey: `sk_${'0'.repeat(48)}`, workspaceId: '', baseUrl: sandbox.sendKit.url },
			status: 'Error',
			says: ['HTTP 401', 'workspace settings > API', 'sk_user_'],
		},
		{
			title: 'KickoffLabs, right key',
			type: 'kickoffLabsApi',
			data: { apiKey: sandbox.kickoffLabs.apiKey, campaignId: '', baseUrl: sandbox.kickoffLabs.url },
			status: 'OK',
		},
		{
			title: 'KickoffLabs, wrong key',
			type: 'kickoffLabsApi',
			data: { apiKey: '0'.repeat(32), campaignId: '', baseUrl: sandbox.kickoffLabs.url },
			status: 'Error',
			says: ['HTTP 401', 'Setup > All Settings > API Access'],
		},
	];
	const failures: string[] = [];
	for (const test of cases) {
		const answer = await session.json('POST', '/rest/credentials/test', {
			// id '' is what the editor sends for a credential that is not saved yet.
			credentials: { id: '', name: test.title, type: test.type, data: test.data },
		});
		const status = isRecord(answer) ? answer.status : undefined;
		const message = isRecord(answer) ? String(answer.message) : JSON.stringify(answer);
		if (status !== test.status) failures.push(`${test.title}: status ${String(status)} ("${message}"), expected ${test.status}`);
		for (const text of test.says ?? []) {
			if (!message.includes(text)) failures.push(`${test.title}: the message "${message}" does not mention "${text}"`);
		}
	}
	return failures;
}

/** Starts n8n as `npm start` does (own ports and user folder) and runs every check against it. */
export async function runEditorChecks(): Promise<EditorCheck[]> {
	const pkg = readJson(path.join(repoRoot(), 'package.json')) as { name: string; version: string; n8n: { nodes: string[] } };
	const logFile = `${statePath('n8n-e2e-editor')}.log`;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	fs.writeFileSync(logFile, '');
	const editor = await startEditor({
		port: await freePort(),
		sandboxPorts: 'free',
		userFolder: statePath('n8n-e2e-editor'),
		fresh: true,
		n8nOutput: logFile,
	});
	const checks: EditorCheck[] = [];
	const attempt = async (title: string, fn: () => Promise<string[]>): Promise<void> => {
		try {
			checks.push({ title, failures: await fn() });
		} catch (error) {
			checks.push({ title, failures: [error instanceof Error ? error.message : String(error)] });
		}
	};
	try {
		const session = new Session(`http://127.0.0.1:${new URL(editor.url).port}`);
		await session.login();
		await attempt(`Settings > Community Nodes lists ${pkg.name}@${pkg.version} with all its nodes`, () =>
			session.json('GET', '/rest/community-packages').then((listed) => communityListingFailures(listed, { ...pkg, nodes: pkg.n8n.nodes })),
		);
		await attempt(`node panel search words ${SEARCH_WORDS.map(({ word }) => `"${word}"`).join(', ')} are codex aliases`, () =>
			searchAliases(session, pkg.name),
		);
		await attempt('Test credential: right keys pass, wrong keys say which key and where to find it', () =>
			credentialTests(session, editor),
		);
	} finally {
		await editor.stop();
	}
	return checks;
}
