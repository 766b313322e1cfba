/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- benchmark: runs in plain Node, not inside n8n */
/**
 * Child process of the bench's burst table: one n8n process (a main or a worker) that runs one one-item SendKit Create
 * execution per email, all started at once, through n8n's engine with the package from dist/. It says `ready` once
 * the engine is loaded, starts on `go` (so that two such processes start together) and answers with how many items
 * went to the Error output.
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
}

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
		process.once('message', () => resolve());
		process.send?.({ ready: true });
	});
	const runs = await Promise.all(
		job.emails.map(async (email) => await runPackage(engine, 'sendKit', job.credentials, [email], undefined)),
	);
	process.send?.({ errors: runs.reduce((sum, run) => sum + run.errors, 0) });
	process.disconnect();
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
	process.exit(1);
});
