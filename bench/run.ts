/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark: runs in plain Node, not inside n8n */
/**
 * npm run bench: throughput, rate-limit behaviour, per-item cost and memory of this package against a plain axios
 * client and n8n's own HTTP Request node, all against the sandbox in a process of its own (README, "How fast (measured)").
 * Prints markdown tables. Not part of npm test: it takes minutes and its numbers depend on the machine.
 *
 *   BENCH_ITEMS (2000)  BENCH_RATE_ITEMS (1000)  BENCH_MEMORY_ITEMS (20000)  BENCH_SKIP_HTTP_NODE=1
 *   BENCH_TUNED (20,40: the tuned concurrencies to run; memory runs at the first)
 *   BENCH_SECTIONS (throughput,rate,cost,n8n,memory,burst: all by default; a subset for a quicker look)
 *   BENCH_BURST_ITEMS (1500)
 *   `npm run bench -- --burst` runs only the burst table.
 */
import { execFile, fork } from 'child_process';
import * as os from 'os';
import * as path from 'path';

import { createEngine, runWorkflow } from '../dev/engine';
import type { Faults } from '../sandbox';
import { DEFAULT_CONCURRENCY } from '../nodes/shared/sendSettings';
import { runAxios } from './axiosClient';
import type { N8nContext } from '../dev/real-n8n/n8n';
import type { HttpNodeMode } from './httpNode';
import { BATCHING, runHttpNode, runMinimalNodeInN8n, runPackageInN8n, startHttpNodeRunner } from './httpNode';
import { MINIMAL_NODE_TYPE, MinimalNode, minimalNodeWorkflow } from './minimalNode';
import { runPackage } from './packageClient';
import { RemoteSandbox } from './remoteSandbox';
import { SERVICE_TITLES, emails, plainRequest, type SandboxInfo, type ServiceKey } from './targets';
import type { BurstJob, BurstMessage } from './burst';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const RATE_ITEMS = Number(process.env.BENCH_RATE_ITEMS ?? 1000);
const MEMORY_ITEMS = Number(process.env.BENCH_MEMORY_ITEMS ?? 20000);
const TUNED_LEVELS = (process.env.BENCH_TUNED ?? '20,40').split(',').map(Number);
const TUNED = TUNED_LEVELS[0];
const SERVICES: ServiceKey[] = ['sendKit', 'kickoffLabs'];
const LATENCY: Faults = { latencyMs: 25 };
const RATE_LIMIT: Faults = {
	latencyMs: 25,
	rateLimit: { perSecond: 50, maxInFlight: 10, retryAfterSeconds: 1 },
};
const ALLOWED_RATE = 50;
const BURST_ITEMS = Number(process.env.BENCH_BURST_ITEMS ?? 1500);
const SECTIONS = new Set(
	(process.argv.includes('--burst') ? 'burst' : (process.env.BENCH_SECTIONS ?? 'throughput,rate,cost,n8n,memory,burst'))
		.split(',')
		.map((section) => section.trim()),
);

interface Measured {
	itemsPerSecond: number;
	seconds: number;
	lost: number;
	duplicates: number;
	note?: string;
}

/** A contender sends the items and says how long it took, or leaves that to the sandbox (first to last request). */
type Contender = {
	label: string;
	/** How the summary lines find it: 'package', 'axios' or 'axios-new', '@' and the concurrency ('default' for the default). */
	key?: string;
	run: (sandbox: SandboxInfo, service: ServiceKey, list: string[]) => Promise<{ seconds?: number; note?: string }>;
};

let runCounter = 0;

async function measure(
	sandbox: RemoteSandbox,
	service: ServiceKey,
	contender: Contender,
	faults: Faults,
	items: number,
): Promise<Measured> {
	await sandbox.prepare(faults);
	const list = emails(items, `run${runCounter++}`);
	const { seconds: measured, note } = await contender.run(sandbox.info, service, list);
	const { lost, duplicates, spanMs } = await sandbox.tally(service, list);
	const seconds = measured ?? spanMs / 1000;
	return {
		itemsPerSecond: (items - lost) / seconds,
		seconds,
		lost,
		duplicates,
		note,
	};
}

function fmt(value: number, digits = 0): string {
	return value.toFixed(digits);
}

async function main(): Promise<void> {
	const root = path.resolve(__dirname, '..', '..');
	const sandbox = await RemoteSandbox.start();
	const engine = await createEngine(root, {
		[MINIMAL_NODE_TYPE]: new MinimalNode(),
	});
	const credentialsOf = (service: ServiceKey) => sandbox.info[service].credentials;
	const skipHttpNode = process.env.BENCH_SKIP_HTTP_NODE === '1';
	const needsHttpNode = SECTIONS.has('throughput') || SECTIONS.has('rate') || SECTIONS.has('n8n');
	const httpRunner = skipHttpNode || !needsHttpNode ? undefined : await startHttpNodeRunner(sandbox.info);

	const packageAt = (concurrency: number | undefined, label: string): Contender => ({
		label,
		key: `package@${concurrency ?? 'default'}`,
		run: async (_sandbox, service, list) => {
			const run = await runPackage(engine, service, credentialsOf(service), list, concurrency);
			return {
				seconds: run.seconds,
				note: run.errors > 0 ? `${run.errors} on Error output` : undefined,
			};
		},
	});
	const axiosAt = (concurrency: number, label: string, newConnections = false): Contender => ({
		label,
		key: `${newConnections ? 'axios-new' : 'axios'}@${concurrency === DEFAULT_CONCURRENCY ? 'default' : concurrency}`,
		run: async (running, service, list) => ({
			seconds: await runAxios(plainRequest(running, service), list, concurrency, newConnections),
		}),
	});
	const minimalNode: Contender = {
		label: 'minimal node',
		run: async (running, service, list) => {
			const started = process.hrtime.bigint();
			const result = await runWorkflow(engine, minimalNodeWorkflow(service, plainRequest(running, service)), {
				credentials: credentialsOf(service),
				input: list.map((email) => ({ json: { email } })),
			});
			if (result.error) throw new Error(`the minimal node's run failed: ${result.error.message}`);
			return { seconds: Number(process.hrtime.bigint() - started) / 1e9 };
		},
	};
	const httpNode = (mode: HttpNodeMode, label: string): Contender => ({
		label,
		run: async (running, service, list) => {
			if (!httpRunner) throw new Error('skipped');
			const run = await runHttpNode(httpRunner.ctx, plainRequest(running, service), list, mode);
			return {
				note: run.exitCode === 0 ? undefined : 'the workflow stopped on an error',
			};
		},
	});

	const contenders: Contender[] = [
		packageAt(undefined, `This package, default (Concurrency ${DEFAULT_CONCURRENCY})`),
		...TUNED_LEVELS.map((level) => packageAt(level, `This package, Concurrency ${level}`)),
		axiosAt(1, 'axios, one at a time'),
		axiosAt(DEFAULT_CONCURRENCY, `axios, ${DEFAULT_CONCURRENCY} in flight`),
		...TUNED_LEVELS.flatMap((level) => [
			axiosAt(level, `axios, ${level} in flight`),
			axiosAt(level, `axios, ${level} in flight, a new connection per request (as n8n's HTTP helper sends)`, true),
		]),
		...(skipHttpNode
			? []
			: [
					httpNode('defaults', 'n8n HTTP Request node, defaults'),
					httpNode('batching', `n8n HTTP Request node, Batching ${BATCHING.batchSize} items / ${BATCHING.batchInterval} ms`),
				]),
	];

	const cpus = os.cpus();
	console.log(
		`Machine: ${cpus.length} CPUs (nproc), ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
	);
	console.log(`Started ${new Date().toISOString()}; the sandbox runs in a process of its own\n`);

	// Warm-up: the first run of anything pays for lazy loading and JIT (the burst's processes are fresh anyway).
	if ([...SECTIONS].some((section) => section !== 'burst')) {
		for (const service of SERVICES) await measure(sandbox, service, packageAt(TUNED, 'warm-up'), {}, 200);
		for (const service of SERVICES) await measure(sandbox, service, axiosAt(TUNED, 'warm-up'), {}, 200);
		for (const service of SERVICES) await measure(sandbox, service, minimalNode, {}, 200);
	}

	if (SECTIONS.has('throughput')) await throughputSection();
	if (SECTIONS.has('rate')) await rateSection();
	if (SECTIONS.has('cost')) await costSection();
	if (SECTIONS.has('n8n') && httpRunner) await realN8nSection(httpRunner.ctx);
	if (SECTIONS.has('memory')) await memorySection();
	if (SECTIONS.has('burst')) await burstSection();
	httpRunner?.close();
	sandbox.close();

	async function throughputSection(): Promise<void> {
		console.log(`### Throughput: ${ITEMS} items per run, sandbox latency 25 ms, no rate limit\n`);
		console.log(`| Contender | ${SERVICES.map((service) => `${SERVICE_TITLES[service]} (items/s)`).join(' | ')} |`);
		console.log(`| --- | ${SERVICES.map(() => '---:').join(' | ')} |`);
		const throughput = new Map<string, Measured>();
		for (const contender of contenders) {
			const cells: string[] = [];
			for (const service of SERVICES) {
				const measured = await measure(sandbox, service, contender, LATENCY, ITEMS);
				if (contender.key) throughput.set(`${contender.key}|${service}`, measured);
				cells.push(
					`${fmt(measured.itemsPerSecond)}${measured.lost > 0 ? ` (${measured.lost} lost)` : ''}${measured.note ? ` (${measured.note})` : ''}`,
				);
			}
			console.log(`| ${contender.label} | ${cells.join(' | ')} |`);
		}
		const rate = (key: string, service: ServiceKey) => throughput.get(`${key}|${service}`)?.itemsPerSecond ?? Number.NaN;
		console.log('');
		for (const service of SERVICES) {
			const atDefault = rate('package@default', service) / rate('axios@default', service);
			const tuned = TUNED_LEVELS.map((level) => {
				const same = rate(`package@${level}`, service) / rate(`axios@${level}`, service);
				const sameConnections = rate(`package@${level}`, service) / rate(`axios-new@${level}`, service);
				const speedup = rate(`package@${level}`, service) / rate('axios@1', service);
				return `at ${level}: ${fmt(same, 2)}x (${fmt(sameConnections, 2)}x axios with a new connection per request), ${fmt(speedup, 1)}x one at a time`;
			});
			console.log(
				`- ${SERVICE_TITLES[service]}: package / axios at ${DEFAULT_CONCURRENCY}: ${fmt(atDefault, 2)}x; ${tuned.join('; ')} (targets: >= 0.8x axios at the same concurrency, >= 15x one at a time)`,
			);
		}
	}

	async function rateSection(): Promise<void> {
		console.log(
			`\n### Under a rate limit: ${ALLOWED_RATE} requests/s and 10 in flight (429 with Retry-After: 1 beyond), ${RATE_ITEMS} items per run, latency 25 ms\n`,
		);
		console.log(`| Contender | ${SERVICES.map((service) => `${SERVICE_TITLES[service]}: items/s, lost, duplicates`).join(' | ')} |`);
		console.log(`| --- | ${SERVICES.map(() => '---').join(' | ')} |`);
		for (const contender of contenders) {
			const cells: string[] = [];
			for (const service of SERVICES) {
				const measured = await measure(sandbox, service, contender, RATE_LIMIT, RATE_ITEMS);
				const share = Math.round((measured.itemsPerSecond / ALLOWED_RATE) * 100);
				cells.push(
					`${fmt(measured.itemsPerSecond, 1)} (${share}% of allowed), ${measured.lost} lost, ${measured.duplicates} dup.${measured.note ? ` (${measured.note})` : ''}`,
				);
			}
			console.log(`| ${contender.label} | ${cells.join(' | ')} |`);
		}
	}

	async function costSection(): Promise<void> {
		console.log(`\n### Per-item cost at zero latency (${ITEMS} items, one at a time)\n`);
		console.log(
			'| Service | This package (ms/item) | axios (ms/item) | Package cost above axios (ms/item, target <= 0.3) | axios, a new connection per request (ms/item) | Package cost above that (ms/item) | Minimal n8n node (ms/item) | Package cost above it (ms/item) |',
		);
		console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
		for (const service of SERVICES) {
			const pkg = await measure(sandbox, service, packageAt(1, 'package'), {}, ITEMS);
			const plain = await measure(sandbox, service, axiosAt(1, 'axios'), {}, ITEMS);
			const fresh = await measure(sandbox, service, axiosAt(1, 'axios, new connections', true), {}, ITEMS);
			const minimal = await measure(sandbox, service, minimalNode, {}, ITEMS);
			const [pkgMs, plainMs, freshMs, minimalMs] = [pkg, plain, fresh, minimal].map((run) => (run.seconds * 1000) / ITEMS);
			console.log(
				`| ${SERVICE_TITLES[service]} | ${fmt(pkgMs, 3)} | ${fmt(plainMs, 3)} | ${fmt(pkgMs - plainMs, 3)} | ${fmt(freshMs, 3)} | ${fmt(pkgMs - freshMs, 3)} | ${fmt(minimalMs, 3)} | ${fmt(pkgMs - minimalMs, 3)} |`,
			);
		}
	}

	/**
	 * The same one-at-a-time cost in the real n8n CLI, where a credential read is a database read and a decryption
	 * (the in-process engine's credentials are plain values), measured from the API's side.
	 */
	async function realN8nSection(ctx: N8nContext): Promise<void> {
		console.log(`\n### Per-item cost in the real n8n CLI (n8n execute, ${ITEMS} items, zero latency, one at a time, from the API's side)\n`);
		console.log('| Service | This package, Concurrency 1 (ms/item) | Minimal n8n node (ms/item) | axios (ms/item) | Package above axios (ms/item) | Package above the minimal node (ms/item) |');
		console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
		const inN8n = (label: string, run: (service: ServiceKey, list: string[]) => Promise<{ exitCode: number }>): Contender => ({
			label,
			run: async (_running, service, list) => {
				const { exitCode } = await run(service, list);
				return { note: exitCode === 0 ? undefined : 'the workflow stopped on an error' };
			},
		});
		const pkgContender = inN8n('package', async (service, list) => await runPackageInN8n(ctx, service, list, 1));
		const minimalContender = inN8n('minimal node', async (service, list) => await runMinimalNodeInN8n(ctx, service, plainRequest(sandbox.info, service), list));
		for (const service of SERVICES) {
			const [pkg, minimal, plain] = [
				await measure(sandbox, service, pkgContender, {}, ITEMS),
				await measure(sandbox, service, minimalContender, {}, ITEMS),
				await measure(sandbox, service, axiosAt(1, 'axios'), {}, ITEMS),
			];
			const [pkgMs, minimalMs, plainMs] = [pkg, minimal, plain].map((run) => (run.seconds * 1000) / ITEMS);
			const notes = [pkg, minimal].map((run) => (run.note || run.lost > 0 ? ` (${run.lost} lost${run.note ? `, ${run.note}` : ''})` : ''));
			console.log(
				`| ${SERVICE_TITLES[service]} | ${fmt(pkgMs, 3)}${notes[0]} | ${fmt(minimalMs, 3)}${notes[1]} | ${fmt(plainMs, 3)} | ${fmt(pkgMs - plainMs, 3)} | ${fmt(pkgMs - minimalMs, 3)} |`,
			);
		}
	}

	/**
	 * Many small executions at once (a signup webhook starting one workflow per signup): one-item SendKit Create
	 * executions in one n8n process (regular mode runs them all at once), in two processes given half each at once
	 * (two mains), and in two queue-mode workers that take them from one queue, WORKER_CONCURRENCY at a time each (how
	 * n8n workers take jobs from Redis); with the account's pace shared in each process and, for comparison, with each
	 * execution pacing alone (as before paces were shared).
	 */
	async function burstSection(): Promise<void> {
		console.log(
			`\n### A burst of executions: ${BURST_ITEMS} one-item SendKit Create executions at once, ${ALLOWED_RATE} requests/s and 10 in flight allowed (429 with Retry-After: 1 beyond), latency 25 ms, default Concurrency\n`,
		);
		console.log('| Setup | Pace | Items/s | Share of the allowed rate | 429 answers per lead | Lost | Duplicates | Seconds |');
		console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
		for (const setup of BURST_SETUPS) {
			for (const perExecution of [false, true]) {
				await sandbox.prepare(RATE_LIMIT);
				const list = emails(BURST_ITEMS, `burst${runCounter++}`);
				const errors = await burstRun(path.join(__dirname, 'burst.js'), setup, list, { credentials: credentialsOf('sendKit'), perExecution });
				const { lost, duplicates, spanMs, rateLimited } = await sandbox.tally('sendKit', list);
				const itemsPerSecond = (BURST_ITEMS - lost) / (spanMs / 1000);
				const pace = perExecution ? 'each execution its own (before)' : 'one per account and process';
				console.log(
					`| ${setup.title} | ${pace} | ${fmt(itemsPerSecond, 1)} | ${Math.round((itemsPerSecond / ALLOWED_RATE) * 100)}% | ${fmt(rateLimited / BURST_ITEMS, 2)} | ${lost} | ${duplicates}${errors > 0 ? ` (${errors} on Error output)` : ''} | ${fmt(spanMs / 1000, 1)} |`,
				);
			}
		}
		console.log('\nTargets: at most 0.2 refused requests per lead in one process and 0.5 over two workers, at least 90% of the allowed rate, 0 lost, 0 duplicates.');
	}

	async function memorySection(): Promise<void> {
		console.log(`\n### Memory: ${MEMORY_ITEMS} items through the package at Concurrency ${TUNED} (separate process)\n`);
		console.log('| Service | Sandbox latency | RSS before (MB) | Peak RSS (MB) | Growth (MB, target < 300) | Seconds |');
		console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
		// Zero latency allocates fastest (the most garbage between collections); 25 ms is the latency of the runs above.
		for (const faults of [{}, LATENCY]) {
			for (const service of SERVICES) {
				await sandbox.prepare(faults);
				const job = {
					service,
					credentials: credentialsOf(service),
					items: MEMORY_ITEMS,
					concurrency: TUNED,
				};
				const memory = await memoryRun(path.join(__dirname, 'memory.js'), job);
				const latency = `${faults.latencyMs ?? 0} ms`;
				console.log(
					`| ${SERVICE_TITLES[service]} | ${latency} | ${memory.baselineMb} | ${memory.peakMb} | ${memory.growthMb} | ${fmt(memory.seconds, 1)} |`,
				);
			}
		}
	}
}

/** How a burst's executions reach the n8n processes that run them. */
interface BurstSetup {
	title: string;
	processes: number;
	/** Each process takes executions from one queue, this many at a time (queue-mode workers); else half each at once. */
	workerConcurrency?: number;
}

/** n8n's `worker --concurrency` default: the executions one worker runs at a time. */
const WORKER_CONCURRENCY = 10;

const BURST_SETUPS: readonly BurstSetup[] = [
	{ title: '1 process, all at once', processes: 1 },
	{ title: '2 processes, half each at once', processes: 2 },
	{ title: `2 workers, one queue, ${WORKER_CONCURRENCY} at a time each`, processes: 2, workerConcurrency: WORKER_CONCURRENCY },
];

/**
 * Starts the setup's burst processes (bench/burst.ts), lets them all go once every engine is loaded, hands out the
 * emails (half each, or one at a time from a queue to whichever worker asks), and returns how many items went to the
 * Error output in all.
 */
async function burstRun(script: string, setup: BurstSetup, list: readonly string[], job: Omit<BurstJob, 'emails' | 'workerConcurrency'>): Promise<number> {
	const queued = [...list];
	const children = Array.from({ length: setup.processes }, (_, index) => {
		const emails = setup.workerConcurrency ? [] : list.filter((_email, at) => at % setup.processes === index);
		const childJob: BurstJob = { ...job, emails, workerConcurrency: setup.workerConcurrency };
		const child = fork(script, [JSON.stringify(childJob)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		child.on('message', (message: BurstMessage) => {
			if ('next' in message) child.send({ email: queued.shift() ?? null, for: message.next });
		});
		return child;
	});
	const message = (child: ReturnType<typeof fork>, key: 'ready' | 'errors') =>
		new Promise<BurstMessage>((resolve, reject) => {
			const onMessage = (received: BurstMessage) => {
				if (!(key in received)) return;
				child.off('message', onMessage);
				resolve(received);
			};
			child.on('message', onMessage);
			child.once('exit', (code) => reject(new Error(`a burst process exited (${code})`)));
		});
	await Promise.all(children.map(async (child) => await message(child, 'ready')));
	const results = children.map(async (child) => await message(child, 'errors'));
	for (const child of children) child.send({ go: true });
	const done = await Promise.all(results);
	return done.reduce((sum, result) => sum + ('errors' in result ? result.errors : 0), 0);
}

function memoryRun(
	script: string,
	job: unknown,
): Promise<{
	baselineMb: number;
	peakMb: number;
	growthMb: number;
	seconds: number;
}> {
	return new Promise((resolve, reject) => {
		execFile(process.execPath, ['--expose-gc', script, JSON.stringify(job)], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
			if (error) {
				reject(new Error(`memory run failed: ${stderr || error.message}`));
				return;
			}
			resolve(
				JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
					baselineMb: number;
					peakMb: number;
					growthMb: number;
					seconds: number;
				},
			);
		});
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
