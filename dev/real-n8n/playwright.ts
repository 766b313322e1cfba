/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * playwright-core from the runtime cache (not a dependency of this repository) and the few parts
 * of its API the screenshot script uses, typed here because its own types are not installed at
 * compile time.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import { cleanEnv, runtimeRoot } from './runtime';
import { log, runWithProgress, writeJson } from './util';

export const PLAYWRIGHT_VERSION = '1.65.1';
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
];

export interface Locator {
	click(options?: { timeout?: number; force?: boolean }): Promise<void>;
	dblclick(options?: { timeout?: number }): Promise<void>;
	fill(value: string, options?: { timeout?: number }): Promise<void>;
	first(): Locator;
	waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
	count(): Promise<number>;
	isVisible(): Promise<boolean>;
	screenshot(options: { path: string }): Promise<Buffer>;
}

export interface Page {
	goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'networkidle'; timeout?: number }): Promise<unknown>;
	locator(selector: string): Locator;
	getByText(text: string | RegExp, options?: { exact?: boolean }): Locator;
	getByRole(role: string, options?: { name?: string | RegExp; exact?: boolean }): Locator;
	screenshot(options: { path: string; fullPage?: boolean }): Promise<Buffer>;
	waitForURL(url: RegExp, options?: { timeout?: number }): Promise<void>;
	waitForTimeout(ms: number): Promise<void>;
	keyboard: { press(key: string): Promise<void> };
	url(): string;
}

export interface BrowserContext {
	newPage(): Promise<Page>;
	pages(): Page[];
	close(): Promise<void>;
}

interface Chromium {
	launchPersistentContext(
		userDataDir: string,
		options: {
			executablePath: string;
			headless: boolean;
			args: string[];
			viewport: { width: number; height: number };
			deviceScaleFactor?: number;
			colorScheme?: 'light' | 'dark';
			locale?: string;
			timezoneId?: string;
		},
	): Promise<BrowserContext>;
}

/** Installs playwright-core (no browser download) into the runtime cache once, then loads it. */
export async function loadPlaywright(): Promise<Chromium> {
	const dir = path.join(runtimeRoot(), `playwright-core-${PLAYWRIGHT_VERSION}`);
	const marker = path.join(dir, '.install-complete.json');
	if (!fs.existsSync(marker)) {
		log(`[screenshots] installing playwright-core ${PLAYWRIGHT_VERSION} into ${dir} (once)`);
		writeJson(path.join(dir, 'package.json'), {
			private: true,
			description: 'playwright-core for dev/real-n8n/screenshots.ts (written by dev/real-n8n/playwright.ts)',
			dependencies: { 'playwright-core': PLAYWRIGHT_VERSION },
		});
		await runWithProgress('npm install playwright-core', 'npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
			cwd: dir,
			env: { ...cleanEnv(), PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
			logFile: path.join(dir, 'install.log'),
		});
		writeJson(marker, { 'playwright-core': PLAYWRIGHT_VERSION });
	}
	const requireFromDir = createRequire(path.join(dir, 'package.json'));
	const playwright = requireFromDir('playwright-core') as { chromium: Chromium };
	return playwright.chromium;
}
