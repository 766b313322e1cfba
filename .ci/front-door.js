#!/usr/bin/env node
// Plain JavaScript on purpose: this runs in a fresh clone before anything is built, so it must need no build itself
// (a checker compiled by the project's own build would create the very files `npm start` has to build for itself).
/**
 * The front door, as a new user meets it: the README's two commands, run word for word in a fresh clone.
 *
 *   node .ci/front-door.js <fresh clone>
 *
 * 1. Reads the two commands from the README's quick start (the block after "The two commands").
 * 2. Runs the start command (`npm ci && npm start`) until n8n's editor answers with this package's nodes installed
 *    (Settings > Community Nodes lists every node of package.json `n8n.nodes`), the owner can log in and every example
 *    workflow is there; then presses Ctrl-C (SIGINT to the command's process group) and checks that it stops by
 *    itself within a minute, that no process it started is left and that ports 5678 and 5680-5682 are free. A failed check
 *    still stops what it started.
 * 3. Runs the test command (`npm ci && npm test`) and prints jest's tally as `npm test: N passed, M failed`.
 * Exits non-zero on the first failure.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const PORTS = { n8n: 5678, 'SendKit sandbox': 5680, 'KickoffLabs sandbox': 5681, 'fake chat model': 5682 };
const EDITOR = 'http://localhost:5678';
const OWNER = { emailOrLdapLoginId: 'owner@example.com', password: 'Sandbox-Pass-123' };
/** Guards against a hung run only (the first start installs n8n, ~5 min); nothing is asserted about speed here. */
const START_GUARD_MS = 25 * 60 * 1000;
const STOP_GUARD_MS = 60 * 1000;

/** The README's start and test commands: the lines of the fenced block after "The two commands", comments dropped. */
function readmeCommands(readme) {
	const section = readme.split(/^The two commands[^\n]*\n/m)[1];
	const block = section && /```bash\n([\s\S]*?)```/.exec(section);
	if (!block) throw new Error('README: no ```bash block after "The two commands"');
	const commands = block[1]
		.split('\n')
		.map((line) => line.replace(/\s+#.*$/, '').trim())
		.filter(Boolean);
	const start = commands.find((command) => /\bnpm start\b/.test(command));
	const test = commands.find((command) => /\bnpm test\b/.test(command));
	if (!start || !test || commands.length !== 2) {
		throw new Error(`README: "The two commands" must be one npm start and one npm test command, found ${JSON.stringify(commands)}`);
	}
	return { start, test };
}

const log = (line) => process.stdout.write(`[front-door] ${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a README command in its own process group (what a terminal gives it), echoing its output. */
function runCommand(command, cwd) {
	const child = spawn('bash', ['-c', command], { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const onData = (stream) => (chunk) => {
		output += chunk.toString();
		if (output.length > 4_000_000) output = output.slice(-2_000_000);
		stream.write(chunk);
	};
	child.stdout.on('data', onData(process.stdout));
	child.stderr.on('data', onData(process.stderr));
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return { child, exited, output: () => output };
}

/** Every process whose parent chain leads to `root`, read from /proc. */
function descendants(root) {
	const parents = new Map();
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
		} catch {
			// gone meanwhile
		}
	}
	const found = [];
	const queue = [root];
	while (queue.length > 0) {
		const parent = queue.shift();
		for (const [pid, ppid] of parents) if (ppid === parent) found.push(pid) && queue.push(pid);
	}
	return found;
}

const isAlive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** True when something accepts connections on 127.0.0.1:port. */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => socket.destroy() || resolve(true));
		socket.once('error', () => resolve(false));
	});
}

async function busyPorts() {
	const busy = [];
	for (const [name, port] of Object.entries(PORTS)) if (await portInUse(port)) busy.push(`${name} (${port})`);
	return busy;
}

async function rest(method, route, { cookie, body } = {}) {
	const response = await fetch(`${EDITOR}${route}`, {
		method,
		headers: { 'content-type': 'application/json', 'browser-id': 'front-door', ...(cookie ? { cookie } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
	const parsed = text ? JSON.parse(text) : undefined;
	return { data: parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed, response };
}

/** What a user sees once `npm start` says it is ready: a login, the package's nodes, every example. */
async function checkEditor(clone) {
	const failures = [];
	const { response } = await rest('POST', '/rest/login', { body: OWNER });
	const cookie = (response.headers.getSetCookie?.() ?? [])
		.map((line) => line.split(';')[0])
		.filter((pair) => pair.startsWith('n8n-auth='))
		.join('; ');
	if (!cookie) return ['the owner login answered without a session cookie'];
	log(`login as ${OWNER.emailOrLdapLoginId}: ok`);

	const pkg = JSON.parse(fs.readFileSync(path.join(clone, 'package.json'), 'utf8'));
	const wanted = pkg.n8n.nodes
		.map((file) => path.basename(file, '.node.js'))
		.map((name) => `${pkg.name}.${name.charAt(0).toLowerCase()}${name.slice(1)}`)
		.sort();
	const { data: packages } = await rest('GET', '/rest/community-packages', { cookie });
	const entry = Array.isArray(packages) ? packages.find((item) => item && item.packageName === pkg.name) : undefined;
	const installed = entry && Array.isArray(entry.installedNodes) ? entry.installedNodes.map((node) => node.type).sort() : [];
	if (!entry) failures.push(`Settings > Community Nodes does not list ${pkg.name}`);
	else if (JSON.stringify(installed) !== JSON.stringify(wanted)) {
		failures.push(`installed nodes ${JSON.stringify(installed)}, expected ${JSON.stringify(wanted)}`);
	} else log(`${pkg.name}@${entry.installedVersion} installed with its ${installed.length} nodes: ${installed.join(', ')}`);

	const examples = fs
		.readdirSync(path.join(clone, 'examples'))
		.filter((file) => file.endsWith('.json'))
		.map((file) => JSON.parse(fs.readFileSync(path.join(clone, 'examples', file), 'utf8')).name);
	const { data: workflows } = await rest('GET', '/rest/workflows', { cookie });
	const names = new Set((Array.isArray(workflows) ? workflows : []).map((workflow) => workflow.name));
	const missing = examples.filter((name) => !names.has(name));
	if (examples.length === 0) failures.push('examples/ holds no workflow');
	if (missing.length > 0) failures.push(`example workflows missing in the editor: ${missing.join(', ')}`);
	else log(`all ${examples.length} example workflows are in the editor`);
	return failures;
}

/** After a failed check: Ctrl-C, then SIGKILL for whatever is left (n8n runs in a process group of its own). */
async function stopEverything(run) {
	const started = descendants(run.child.pid);
	try {
		process.kill(-run.child.pid, 'SIGINT');
	} catch {
		// already gone
	}
	await Promise.race([run.exited, sleep(30_000)]);
	for (const pid of [run.child.pid, ...started].filter(isAlive)) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone meanwhile
		}
	}
}

async function frontDoorStart(clone, command) {
	const busy = await busyPorts();
	if (busy.length > 0) throw new Error(`ports in use before the start (stop the other npm start first): ${busy.join(', ')}`);
	const startedAt = Date.now();
	log(`$ ${command}`);
	const run = runCommand(command, clone);
	let exit;
	run.exited.then((result) => (exit = result));
	let failures;
	try {
		let banner;
		while (!banner) {
			if (exit) throw new Error(`"${command}" exited (${exit.code ?? exit.signal}) before the editor was ready`);
			if (Date.now() - startedAt > START_GUARD_MS) throw new Error(`"${command}": no ready banner after ${seconds(startedAt)}`);
			banner = /n8n (\S+) is running with (\S+)\s+\(ready in ([^)]+)\)/.exec(run.output());
			await sleep(500);
		}
		log(`npm start: ready (its banner: n8n ${banner[1]} with ${banner[2]}, ready in ${banner[3]}; ${seconds(startedAt)} including npm ci)`);
		failures = await checkEditor(clone);
	} catch (error) {
		await stopEverything(run);
		throw error;
	}

	const started = descendants(run.child.pid);
	const stoppingAt = Date.now();
	log(`Ctrl-C (SIGINT to the process group of "${command}", ${started.length} processes)`);
	process.kill(-run.child.pid, 'SIGINT');
	const stopped = await Promise.race([run.exited, sleep(STOP_GUARD_MS).then(() => undefined)]);
	if (!stopped) {
		failures.push(`still running ${STOP_GUARD_MS / 1000} s after Ctrl-C`);
		process.kill(-run.child.pid, 'SIGKILL');
	}
	await sleep(500);
	const left = started.filter(isAlive);
	if (left.length > 0) failures.push(`processes left after the stop: ${left.join(', ')}`);
	const stillBusy = await busyPorts();
	if (stillBusy.length > 0) failures.push(`ports still in use after the stop: ${stillBusy.join(', ')}`);
	if (!run.output().includes('[start] stopped.')) failures.push('npm start did not say "[start] stopped."');
	if (failures.length > 0) throw new Error(`npm start:\n  - ${failures.join('\n  - ')}`);
	log(`npm start: stopped cleanly in ${seconds(stoppingAt)} (exit ${stopped.code ?? stopped.signal}, no process left, ports ${Object.values(PORTS).join(', ')} free)`);
}

async function frontDoorTest(clone, command) {
	const startedAt = Date.now();
	log(`$ ${command}`);
	const run = runCommand(command, clone);
	const { code, signal } = await run.exited;
	const tests = /^Tests:\s+(.*)$/m.exec(run.output());
	const count = (word) => Number((new RegExp(`(\\d+) ${word}`).exec(tests ? tests[1] : '') || [0, 0])[1]);
	log(`npm test: ${count('passed')} passed, ${count('failed')} failed (exit ${code ?? signal}, ${seconds(startedAt)})`);
	if (code !== 0 || !tests) throw new Error(`"${command}" failed`);
}

async function main() {
	const clone = path.resolve(process.argv[2] || '.');
	const { start, test } = readmeCommands(fs.readFileSync(path.join(clone, 'README.md'), 'utf8'));
	for (const leftover of ['.build', 'dist', '.cache', 'node_modules', path.join('..', 'shared')]) {
		if (fs.existsSync(path.join(clone, leftover))) throw new Error(`not a fresh clone: ${leftover} exists`);
	}
	log(`fresh clone at ${clone} (no node_modules, .build, dist, .cache or ../shared)`);
	await frontDoorStart(clone, start);
	await frontDoorTest(clone, test);
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`[front-door] FAILED: ${error.message}\n`);
		process.exit(1);
	});
}

module.exports = { readmeCommands };
