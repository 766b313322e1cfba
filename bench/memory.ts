/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- benchmark: runs in plain Node, not inside n8n */
/**
 * Child process of the bench: runs the package's node over 20,000 items through n8n's engine against a sandbox
 * running in the parent, and prints `{ baselineMb, peakMb, growthMb }` (resident set size, sampled every 20 ms),
 * so the sandbox's own memory is not counted.
 */
import * as path from 'path';

import { createEngine } from '../dev/engine';
import type { EngineCredentials } from '../dev/engine/credentials';
import { runPackage } from './packageClient';
import type { ServiceKey } from './targets';
import { emails } from './targets';

interface MemoryJob {
	service: ServiceKey;
	credentials: EngineCredentials;
	items: number;
	concurrency: number;
}

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2] ?? '{}') as MemoryJob;
	const engine = await createEngine(path.resolve(__dirname, '..', '..'));
	const list = emails(job.items, `memory-${job.service}`);
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	const baseline = process.memoryUsage().rss;
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, process.memoryUsage().rss);
	}, 20);
	const run = await runPackage(engine, job.service, job.credentials, list, job.concurrency);
	clearInterval(sampler);
	peak = Math.max(peak, process.memoryUsage().rss);
	const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
	console.log(JSON.stringify({ baselineMb: mb(baseline), peakMb: mb(peak), growthMb: mb(peak - baseline), seconds: run.seconds, errors: run.errors }));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
