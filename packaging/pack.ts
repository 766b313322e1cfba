/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- development tooling: runs in plain Node, not inside n8n */
/**
 * `npm run pack`: writes the per-service package.json and README.md files under packaging/ and the three tarballs
 * into packs/, then says whether n8n could verify them as they are (with --for-publish, a reason is a failure).
 */
import * as fs from 'fs';
import * as path from 'path';

import { repoRoot } from '../dev/real-n8n/util';
import { committedFiles, packAll, verificationBlocker } from './tarballs';

async function main(): Promise<void> {
	const root = repoRoot();
	for (const [file, text] of Object.entries(committedFiles(root))) {
		fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
		fs.writeFileSync(path.join(root, file), text);
	}
	const out = path.join(root, 'packs');
	fs.rmSync(out, { recursive: true, force: true });
	const tarballs = await packAll(root, path.join(root, '.build', 'pack'), out);
	for (const tarball of tarballs) console.log(path.relative(root, tarball));
	const blocker = verificationBlocker(root);
	if (!blocker) return;
	console.log(`\nThese packages cannot be verified by n8n yet: ${blocker}`);
	// The publish workflow: npm provenance needs the repository, so publishing without it would be wasted.
	if (process.argv.includes('--for-publish')) process.exit(1);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
