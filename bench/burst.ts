/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, not inside n8n */
/**
 * Child process of the bench's burst table: one n8n process (a main or a worker) that runs one one-item SendKit Create
 * execution per email through n8n's engine with the package from dist/: the emails it was given, all started at once,
 * or, as a queue-mode worker, emails it asks the bench for (`next`) one at a time, `workerConcurrency` executions at
 * once. It says `ready` once the engine is loaded, starts on `go` (so that two such processes start together) and
 * answers with how many items went to the Error output.
 *
 * `perExecution: true` measures the package as it paced before paces were shared: each request takes its turns from a
 * pace of its own. For a one-item execution that is the same as a pace per execution (its only request and that
 * request's retries; a 429 with nothing accepted before it taught such a pace nothing).
 */
import * as path from 'path';

import { createEngine } from '../dev/engine';
import type { EngineCredentials } from '../dev/engine/credentials';
import type * as Paces from '../nodes/shared/paces';
import type * as Limits from '../nodes/shared/adaptiveLimit';
import { runPackage } from './packageClient';

export interface BurstJob {
	credentials: EngineCredentials;
	emails: string[];
	perExecution: boolean;
	/** Set for a queue-mode worker: how many executions it runs at a time, taking emails from the bench's queue. */
	workerConcurrency?: number;
}

/** What a burst process and the bench say to each other. */
export type BurstMessage = { ready: true } | { go: true } | { next: number } | { email: string | null; for: number } | { errors: number };

async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2] ?? '{}') as BurstJob;
	const root = path.resolve(__dirname, '..', '..');
	const engine = await createEngine(root);
	if (job.perExecution) {
		// The modules the engine loaded the nodes with (Node's require cache): the nodes use this very registry.
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built modules, as the engine loaded them
		const { processPaces } = require(path.join(root, 'dist', 'nodes', 'shared', 'paces.js')) as typeof Paces;
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built modules, as the engine loaded them
		const { AdaptiveLimit } = require(path.join(root, 'dist', 'nodes', 'shared', 'adaptiveLimit.js')) as typeof Limits;
		processPaces.paceFor = () => new AdaptiveLimit();
	}
	await new Promise<void>((resolve) => {
		const onGo = (message: BurstMessage) => {
			if (!('go' in message)) return;
			process.off('message', onGo);
			resolve();
		};
		process.on('message', onGo);
		send({ ready: true });
	});
	const runOne = async (email: string) => (await runPackage(engine, 'sendKit', job.credentials, [email], undefined)).errors;
	let errors = 0;
	if (job.workerConcurrency) {
		const takeNext = async (): Promise<void> => {
			for (let email = await nextEmail(); email !== null; email = await nextEmail()) errors += await runOne(email);
		};
		await Promise.all(Array.from({ length: job.workerConcurrency }, takeNext));
	} else {
		errors = (await Promise.all(job.emails.map(runOne))).reduce((sum, count) => sum + count, 0);
	}
	send({ errors });
	process.disconnect();
}

function send(message: BurstMessage): void {
	process.send?.(message);
}

let asked = 0;
const waitingFor = new Map<number, (email: string | null) => void>();
process.on('message', (message: BurstMessage) => {
	if (!('email' in message)) return;
	waitingFor.get(message.for)?.(message.email);
	waitingFor.delete(message.for);
});

/** The next email of the bench's queue (null once it is empty), the way a worker takes the next job. */
async function nextEmail(): Promise<string | null> {
	const request = ++asked;
	return await new Promise((resolve) => {
		waitingFor.set(request, resolve);
		send({ next: request });
	});
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
	process.exit(1);
});
