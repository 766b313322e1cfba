/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run test:e2e:queue`: the package in n8n's queue mode (dev/real-n8n/queue: Postgres, Redis, a main, a webhook
 * processor and two workers, every port free and local, data in .cache/e2e-queue), the cases of ./cases run in
 * order on that one setup. Prints each case's counts, ends with the line `N passed, M failed`, exits 1 on a failure.
 */
import * as path from 'path';

import { loadWorkflows } from '../../../dev/real-n8n/n8n';
import { startQueue } from '../../../dev/real-n8n/queue';
import { statePath } from '../../../dev/real-n8n/runtime';
import { elapsedSince, log, repoRoot } from '../../../dev/real-n8n/util';
import { queueCases, type QueueCaseContext } from './cases';
import { syncWorkflows } from './workflows';

async function main(): Promise<number> {
	const startedAt = Date.now();
	const queue = await startQueue({
		dir: statePath('e2e-queue'),
		fresh: true,
		mainPort: 0,
		sandboxPorts: 'free',
		workers: 2,
		workerConcurrency: 5,
		extraWorkflows: [
			...loadWorkflows(path.join(repoRoot(), 'test', 'e2e', 'trigger-workflows'), 'e2etrg'),
			...syncWorkflows.map((sync) => sync.workflow),
		],
	});
	log(`[e2e:queue] queue mode is up: main ${queue.mainUrl}, webhook processor ${queue.webhookUrl}, ` +
		`${queue.processes.filter((child) => child.kind === 'worker').length} workers (${elapsedSince(startedAt)})`);
	// Ctrl-C (or CI's timeout) stops every process and server the run started.
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => void queue.stop().finally(() => process.exit(130)));
	}
	let passed = 0;
	let failed = 0;
	try {
		for (const spec of queueCases) {
			const step = Date.now();
			const context: QueueCaseContext = { queue, failures: [], counts: {} };
			try {
				await spec.run(context);
			} catch (error) {
				context.failures.push(`runner error: ${error instanceof Error ? error.message : String(error)}`);
			}
			const ok = context.failures.length === 0;
			if (ok) passed++;
			else failed++;
			log(`${ok ? 'PASS' : 'FAIL'} ${spec.title} (${elapsedSince(step)})`);
			for (const [what, count] of Object.entries(context.counts)) log(`       ${what}: ${count}`);
			for (const failure of context.failures) log(`     - ${failure}`);
			if (!ok) log(`     logs: ${queue.processes.map((child) => child.logFile).join(' ')}`);
		}
	} finally {
		await queue.stop();
	}
	log(`\n[e2e:queue] ${passed} passed, ${failed} failed (${elapsedSince(startedAt)} in all)`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		console.error(`[e2e:queue] failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
