/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * n8n's own verification scanner, `@n8n/scan-community-package`, installed at check time into the runtime cache
 * (beside the cached n8n, `LEAD_CAPTURE_RUNTIME_DIR` or .cache/n8n-runtime) rather than as a devDependency: the
 * project's dependency list stays as it is, and the pinned version is installed once per cache.
 * Its `analyzePackage` is what `npx @n8n/scan-community-package` runs on a published package's source and tarball;
 * here it runs offline, on folders, without the provenance and download steps that need the npm registry's copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';

import { cleanEnv, runtimeRoot, withLock } from '../dev/real-n8n/runtime';
import { log, runOrThrow, runWithProgress, writeJson } from '../dev/real-n8n/util';

/** The only version on the registry here; its rules are those of @n8n/eslint-plugin-community-nodes 0.29.0. */
const SCANNER_VERSION = '0.32.0';
const MARKER = '.install-complete.json';

/** The scanner's module file, installed first if this cache has none. */
export async function ensureScanner(): Promise<string> {
	const dir = path.join(runtimeRoot(), `scan-community-package-${SCANNER_VERSION}`);
	const moduleFile = path.join(dir, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (fs.existsSync(path.join(dir, MARKER))) return moduleFile;
	return withLock(dir, async () => {
		if (fs.existsSync(path.join(dir, MARKER))) return moduleFile;
		writeJson(path.join(dir, 'package.json'), {
			private: true,
			description: "n8n's community package scanner for npm run pack:check (written by packaging/scanner.ts)",
			dependencies: { '@n8n/scan-community-package': SCANNER_VERSION },
		});
		await runWithProgress(`npm install @n8n/scan-community-package@${SCANNER_VERSION}`, 'npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
			cwd: dir,
			env: cleanEnv(),
			logFile: path.join(dir, 'install.log'),
		});
		writeJson(path.join(dir, MARKER), { version: SCANNER_VERSION, installedAt: new Date().toISOString() });
		log(`[scanner] @n8n/scan-community-package ${SCANNER_VERSION} installed in ${path.relative(process.cwd(), dir)}`);
		return moduleFile;
	});
}

export interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

/** What the scanner lints: the source at the package's root, and the tarball's compiled files and package.json. */
export const SOURCE_PATTERNS = 'source';
export const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

/**
 * `analyzePackage(dir, patterns)` in a Node of its own (the scanner is an ES module; this project compiles to
 * CommonJS). `patterns` 'source' means the scanner's own SOURCE_FILE_PATTERNS.
 */
export async function analyze(scannerModule: string, dir: string, patterns: string[] | typeof SOURCE_PATTERNS): Promise<ScanResult> {
	const script = [
		'const [moduleUrl, dir, patternsJson] = process.argv.slice(1);',
		'const scanner = await import(moduleUrl);',
		'const patterns = JSON.parse(patternsJson);',
		"const result = await scanner.analyzePackage(dir, patterns === 'source' ? scanner.SOURCE_FILE_PATTERNS : patterns);",
		"process.stdout.write('\\n@@result ' + JSON.stringify({ passed: result.passed, message: result.message, details: result.details }));",
	].join('\n');
	const args = ['--input-type=module', '-e', script, pathToFileURL(scannerModule).href, dir, JSON.stringify(patterns)];
	const { stdout } = await runOrThrow(process.execPath, args, { cwd: dir, env: cleanEnv() });
	const line = stdout.split('\n').find((candidate) => candidate.startsWith('@@result '));
	if (!line) throw new Error(`the scanner printed no result:\n${stdout}`);
	return JSON.parse(line.slice('@@result '.length)) as ScanResult;
}
