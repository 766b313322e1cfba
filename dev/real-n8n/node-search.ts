/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run node-search`: proves in the real n8n editor that the node panel finds this package's nodes
 * by the words users search for (codex aliases). Starts its own n8n (free ports, fresh user folder
 * .cache/n8n-node-search, log in .cache/n8n-node-search.log) as `npm start` sets it up, logs in with
 * headless Debian Chromium (playwright-core), opens an example workflow, opens the node panel with
 * its + button, types each word into the search and checks which node names the panel lists.
 * Saves one screenshot per word in .cache/node-search/<word>.png.
 * Ends with the line `N passed, M failed`; exits 1 on any failure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SEARCH_WORDS } from '../../test/e2e/editor-checks';
import { startEditor } from './editor';
import { OWNER_EMAIL, OWNER_PASSWORD } from './owner';
import { CHROMIUM, CHROMIUM_FLAGS, loadPlaywright, type Page } from './playwright';
import { statePath } from './runtime';
import { freePort, log, repoRoot } from './util';

/** The node panel shows each node by its display name. */
const DISPLAY_NAMES: Record<string, string> = {
	sendKit: 'SendKit',
	kickoffLabs: 'KickoffLabs',
	sendKitNewLeadTrigger: 'SendKit New Lead Trigger',
};

interface Texts {
	allInnerTexts(): Promise<string[]>;
}

async function login(page: Page, url: string): Promise<void> {
	await page.goto(`${url}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('input[type="email"], input[name="emailOrLdapLoginId"]').first().fill(OWNER_EMAIL, { timeout: 60000 });
	await page.locator('input[type="password"]').first().fill(OWNER_PASSWORD);
	await page.getByRole('button', { name: /sign in/i }).first().click();
	await page.waitForURL(/\/(home|workflows|projects|workflow)/, { timeout: 60000 });
}

async function search(page: Page, word: string, shot: string): Promise<string[]> {
	const input = page.locator('[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]').first();
	await input.fill(word);
	// Wait until the panel shows results (or says it has none) for this word.
	await page
		.locator('[data-test-id="node-creator-item-name"], [data-test-id="node-creator-no-results"]')
		.first()
		.waitFor({ state: 'visible', timeout: 30000 });
	await page.waitForTimeout(500);
	await page.screenshot({ path: shot });
	const names = page.locator('[data-test-id="node-creator-item-name"]') as unknown as Texts;
	return (await names.allInnerTexts()).map((text) => text.trim());
}

async function main(): Promise<number> {
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing. Install Debian's Chromium first:  sudo apt-get install -y chromium`);
	const outDir = statePath('node-search');
	fs.mkdirSync(outDir, { recursive: true });
	const logFile = `${statePath('n8n-node-search')}.log`;
	fs.writeFileSync(logFile, '');
	const editor = await startEditor({
		port: await freePort(),
		sandboxPorts: 'free',
		userFolder: statePath('n8n-node-search'),
		fresh: true,
		n8nOutput: logFile,
	});
	const chromium = await loadPlaywright();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-capture-chromium-'));
	let passed = 0;
	let failed = 0;
	try {
		const context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: { width: 1440, height: 900 },
			locale: 'en-US',
			timezoneId: 'UTC',
		});
		const page = context.pages()[0] ?? (await context.newPage());
		try {
			await login(page, editor.url);
			const workflow = editor.workflows[0];
			await page.goto(`${editor.url}/workflow/${workflow.id}`, { waitUntil: 'domcontentloaded' });
			await page.locator('[data-test-id="canvas-node"]').first().waitFor({ state: 'visible', timeout: 60000 });
			for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
			await page.locator('[data-test-id="node-creator-plus-button"]').first().click({ timeout: 30000 });
			for (const { word, nodes } of SEARCH_WORDS) {
				const shot = path.join(outDir, `${word.replace(/\W+/g, '-')}.png`);
				const names = await search(page, word, shot);
				const missing = nodes.map((node) => DISPLAY_NAMES[node]).filter((name) => !names.includes(name));
				if (missing.length === 0) {
					passed++;
					log(`PASS  searching "${word}" lists ${nodes.map((node) => DISPLAY_NAMES[node]).join(' and ')}  (${path.relative(repoRoot(), shot)})`);
				} else {
					failed++;
					log(`FAIL  searching "${word}" does not list ${missing.join(', ')}; it lists: ${names.slice(0, 12).join(', ')}  (${path.relative(repoRoot(), shot)})`);
				}
			}
		} catch (error) {
			const debugFile = path.join(outDir, 'failure.png');
			await page.screenshot({ path: debugFile }).catch(() => undefined);
			log(`[node-search] what the browser showed when it failed: ${debugFile} (at ${page.url()})`);
			throw error;
		} finally {
			await context.close();
		}
	} finally {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		await editor.stop();
	}
	log(`${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[node-search] failed: ${error instanceof Error ? error.message : String(error)}`);
		log('0 passed, 1 failed');
		process.exit(1);
	},
);
