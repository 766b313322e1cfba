/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test tooling: runs in plain Node, not inside n8n */
/**
 * Checks that a backgrounded `npm start` stops completely when SIGINT or SIGTERM reaches the npm
 * process itself (what `kill -INT $!` after `npm start &` does), not only when Ctrl-C reaches the
 * whole process group.
 *
 *   npm run test:stop        # builds, then: node .build/test/e2e/stop.js [SIGINT|SIGTERM]
 *
 * Also checks SIGINT to npm's whole process group, which is what Ctrl-C in a terminal sends.
 *
 * For each case: starts `npm start &` from a non-interactive shell (as a script would, so the
 * shell hands npm an ignored SIGINT), waits for the banner and until the editor and both sandbox ports answer, records
 * every process below npm, sends the signal to the npm process only (or to its process group), then waits
 * for npm to exit and checks that none of the recorded processes is left, that ports 5678, 5680 and 5681
 * are free, and that the start script stopped n8n itself (it printed "[start] stopped.", not a forced kill).
 * Needs those ports free (no other `npm start` running). Output of each run: .cache/stop-<signal>-<target>.log.
 * Ends with the line `N passed, M failed`; exits 1 on any failure.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cleanEnv, statePath } from '../../dev/real-n8n/runtime';
import { isProcessAlive, log, portInUse, repoRoot, sleep } from '../../dev/real-n8n/util';

const PORTS = { n8n: 5678, 'SendKit sandbox': 5680, 'KickoffLabs sandbox': 5681 };
/** Guards against a hung run only; nothing is asserted about how fast anything happens. */
const START_GUARD_MS = 15 * 60 * 1000;
const STOP_GUARD_MS = 60 * 1000;

/** Every process whose parent chain leads to `root` (from /proc). */
function descendants(root: number): Array<{ pid: number; command: string }> {
	const parents = new Map<number, number>();
	const commands = new Map<number, string>();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			// pid (comm) state ppid ...: comm may contain spaces, so read after the last ')'.
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			parents.set(Number(entry), ppid);
			commands.set(Number(entry), fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim());
		} catch {
			// gone meanwhile
		}
	}
	const found: Array<{ pid: number; command: string }> = [];
	const queue = [root];
	while (queue.length > 0) {
		const parent = queue.shift() as number;
		for (const [pid, ppid] of parents) {
			if (ppid !== parent) continue;
			found.push({ pid, command: commands.get(pid) ?? '' });
			queue.push(pid);
		}
	}
	return found;
}

async function busyPorts(): Promise<string[]> {
	const busy: string[] = [];
	for (const [what, port] of Object.entries(PORTS)) if (await portInUse(port)) busy.push(`${port} (${what})`);
	return busy;
}

async function editorAnswers(): Promise<boolean> {
	try {
		return (await fetch(`http://127.0.0.1:${PORTS.n8n}/rest/settings`)).ok;
	} catch {
		return false;
	}
}

/**
 * Starts `npm start &` the way a shell script does and returns the npm process id. With `ownGroup`,
 * npm leads a process group of its own (setsid), as a terminal's foreground job does, so that a
 * signal to the group reaches every process in it, like Ctrl-C.
 */
function startInBackground(logFile: string, ownGroup: boolean): Promise<number> {
	const command = `${ownGroup ? 'setsid ' : ''}npm start >"$LOG" 2>&1 </dev/null & echo $!`;
	return new Promise((resolve, reject) => {
		const shell = spawn('sh', ['-c', command], {
			cwd: repoRoot(),
			env: { ...cleanEnv(), LOG: logFile },
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		shell.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
		shell.on('error', reject);
		shell.on('close', () => {
			const pid = Number(out.trim());
			if (Number.isInteger(pid) && pid > 0) resolve(pid);
			else reject(new Error(`could not start npm start in the background: "${out.trim()}"`));
		});
	});
}

async function waitUntil(what: string, guardMs: number, check: () => Promise<boolean>): Promise<void> {
	const deadline = Date.now() + guardMs;
	while (!(await check())) {
		if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
		await sleep(500);
	}
}

interface StopCase {
	signal: NodeJS.Signals;
	/** 'npm': only the npm process gets the signal (kill -INT <npm pid>); 'group': npm's whole process group (Ctrl-C). */
	target: 'npm' | 'group';
}

async function stopTest({ signal, target }: StopCase): Promise<string[]> {
	const logFile = `${statePath(`stop-${signal}-${target}`)}.log`;
	const busy = await busyPorts();
	if (busy.length > 0) return [`port(s) busy before the test: ${busy.join(', ')}; stop the other npm start first`];

	const npmPid = await startInBackground(logFile, target === 'group');
	log(`[stop] ${signal}: npm start in the background as pid ${npmPid}, log in ${path.relative(repoRoot(), logFile)}`);
	const failures: string[] = [];
	let tree: Array<{ pid: number; command: string }> = [];
	try {
		await waitUntil('the banner, the editor and both sandbox ports', START_GUARD_MS, async () => {
			if (!isProcessAlive(npmPid)) throw new Error(`npm start exited before it was up; see ${logFile}`);
			const banner = fs.existsSync(logFile) && fs.readFileSync(logFile, 'utf8').includes('Press Ctrl-C to stop');
			return banner && (await editorAnswers()) && (await portInUse(PORTS['SendKit sandbox'])) && (await portInUse(PORTS['KickoffLabs sandbox']));
		});
		tree = descendants(npmPid);
		log(`[stop] ${signal}: up; ${tree.length} processes below npm (pid ${npmPid}); sending ${signal} to ` +
			(target === 'npm' ? 'npm only' : "npm's process group, as Ctrl-C does"));
		process.kill(target === 'npm' ? npmPid : -npmPid, signal);

		await waitUntil(`npm (pid ${npmPid}) to exit after ${signal}`, STOP_GUARD_MS, async () => !isProcessAlive(npmPid)).catch(
			(error: unknown) => failures.push(error instanceof Error ? error.message : String(error)),
		);
		await waitUntil('every process below npm to exit', STOP_GUARD_MS, async () =>
			tree.every(({ pid }) => !isProcessAlive(pid)),
		).catch(() => undefined);
		const left = tree.filter(({ pid }) => isProcessAlive(pid));
		for (const { pid, command } of left) failures.push(`still running after ${signal}: pid ${pid}  ${command.slice(0, 120)}`);
		const output = fs.readFileSync(logFile, 'utf8');
		if (!output.includes('[start] stopped.')) failures.push(`the start script did not print "[start] stopped." (see ${logFile})`);
		if (output.includes('again: killing n8n now')) failures.push('the start script took the signal as a second one and killed n8n');
		const stillBusy = await busyPorts();
		if (stillBusy.length > 0) failures.push(`port(s) still in use after ${signal}: ${stillBusy.join(', ')}`);
	} catch (error) {
		failures.push(error instanceof Error ? error.message : String(error));
	} finally {
		// Clean up whatever this test started and left behind, so the next run starts from free ports.
		for (const { pid } of [{ pid: npmPid }, ...tree, ...descendants(npmPid)]) {
			if (isProcessAlive(pid)) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		}
	}
	return failures;
}

async function main(): Promise<number> {
	const only = process.argv[2];
	const cases: StopCase[] = [
		{ signal: 'SIGINT', target: 'npm' },
		{ signal: 'SIGTERM', target: 'npm' },
		{ signal: 'SIGINT', target: 'group' },
	].filter((stopCase) => !only || stopCase.signal === only) as StopCase[];
	let passed = 0;
	let failed = 0;
	for (const stopCase of cases) {
		const failures = await stopTest(stopCase);
		const what = `${stopCase.signal} to ${stopCase.target === 'npm' ? 'the npm process of' : 'the process group (Ctrl-C) of'} a backgrounded npm start`;
		if (failures.length === 0) {
			passed++;
			log(`PASS  ${what} stops n8n, the sandbox and every process below npm`);
		} else {
			failed++;
			log(`FAIL  ${what}`);
			for (const failure of failures) log(`      - ${failure}`);
		}
	}
	log(`${passed} passed, ${failed} failed`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[stop] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		log('0 passed, 1 failed');
		process.exit(1);
	},
);
